CREATE TABLE `answer_credits` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `community_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`answer_id` integer NOT NULL,
	`post_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`text` text NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	`marked_best` integer DEFAULT false NOT NULL,
	`answered_at` integer NOT NULL,
	`kept_at` integer NOT NULL,
	`chosen_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `community_answers_answer_id_unique` ON `community_answers` (`answer_id`);--> statement-breakpoint
CREATE INDEX `community_answers_question` ON `community_answers` (`tenant_id`,`question_id`);