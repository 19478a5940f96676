ALTER TABLE `daily_posts` ADD `failure_code` text;--> statement-breakpoint
ALTER TABLE `daily_posts` ADD `failed_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_posts` ADD `retry_at` integer;--> statement-breakpoint
ALTER TABLE `daily_posts` ADD `failure_noticed_at` integer;