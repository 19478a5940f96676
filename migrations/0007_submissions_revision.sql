ALTER TABLE `tenants` ADD `submissions_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `submissions_session_user` ON `submissions` (`session_id`,`user_id`);
--> statement-breakpoint
CREATE TRIGGER `submissions_revision_on_update` AFTER UPDATE OF `tenant_id`, `session_id`, `user_id`, `normalized`, `category`, `status` ON `submissions`
BEGIN
  UPDATE `tenants` SET `submissions_revision` = `submissions_revision` + 1 WHERE `id` IN (OLD.`tenant_id`, NEW.`tenant_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_revision_on_delete` AFTER DELETE ON `submissions`
BEGIN
  UPDATE `tenants` SET `submissions_revision` = `submissions_revision` + 1 WHERE `id` = OLD.`tenant_id`;
END;
