CREATE TABLE `opportunities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sort_name` text NOT NULL,
	`company_id` integer NOT NULL,
	`type_id` integer,
	`pipeline_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`position` real DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`best_case` integer,
	`worst_case` integer,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`probability` integer,
	`score` integer DEFAULT 0 NOT NULL,
	`expected_close_date` text,
	`source_id` integer,
	`lead_id` integer,
	`owner_id` integer,
	`team_id` integer,
	`description` text,
	`close_date` text,
	`closed_at` integer,
	`closed_by` integer,
	`lost_reason_id` integer,
	`competitor` text,
	`reopen_stage_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`type_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pipeline_id`) REFERENCES `pipelines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `pipeline_stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lost_reason_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reopen_stage_id`) REFERENCES `pipeline_stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opportunities_board_idx` ON `opportunities` (`stage_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `opportunities_status_close_idx` ON `opportunities` (`status`,`expected_close_date`,`id`);--> statement-breakpoint
CREATE INDEX `opportunities_status_closed_idx` ON `opportunities` (`status`,`close_date`);--> statement-breakpoint
CREATE INDEX `opportunities_status_name_idx` ON `opportunities` (`status`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `opportunities_status_amount_idx` ON `opportunities` (`status`,`amount`,`id`);--> statement-breakpoint
CREATE INDEX `opportunities_status_created_idx` ON `opportunities` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `opportunities_pipeline_idx` ON `opportunities` (`pipeline_id`,`status`);--> statement-breakpoint
CREATE INDEX `opportunities_owner_idx` ON `opportunities` (`owner_id`,`status`,`expected_close_date`);--> statement-breakpoint
CREATE INDEX `opportunities_team_idx` ON `opportunities` (`team_id`,`status`,`expected_close_date`);--> statement-breakpoint
CREATE INDEX `opportunities_company_idx` ON `opportunities` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `opportunities_type_idx` ON `opportunities` (`type_id`);--> statement-breakpoint
CREATE INDEX `opportunities_source_idx` ON `opportunities` (`source_id`);--> statement-breakpoint
CREATE INDEX `opportunities_lost_reason_idx` ON `opportunities` (`lost_reason_id`);--> statement-breakpoint
CREATE INDEX `opportunities_lead_idx` ON `opportunities` (`lead_id`);--> statement-breakpoint
CREATE INDEX `opportunities_reopen_stage_idx` ON `opportunities` (`reopen_stage_id`);--> statement-breakpoint
CREATE INDEX `opportunities_board_totals_idx` ON `opportunities` (`stage_id`,`currency`,`status`,`close_date`,`owner_id`,`team_id`,`amount`,`probability`);--> statement-breakpoint
CREATE TABLE `opportunity_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opportunity_contacts_opp_idx` ON `opportunity_contacts` (`opportunity_id`);--> statement-breakpoint
CREATE INDEX `opportunity_contacts_contact_idx` ON `opportunity_contacts` (`contact_id`);--> statement-breakpoint
CREATE TABLE `opportunity_tags` (
	`opportunity_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`opportunity_id`, `tag_id`),
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opportunity_tags_tag_idx` ON `opportunity_tags` (`tag_id`,`opportunity_id`);--> statement-breakpoint
CREATE TABLE `pipeline_stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pipeline_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'open' NOT NULL,
	`color` text DEFAULT 'slate' NOT NULL,
	`probability` integer DEFAULT 0 NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pipeline_id`) REFERENCES `pipelines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pipeline_stages_pipeline_idx` ON `pipeline_stages` (`pipeline_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `pipeline_stages_name_idx` ON `pipeline_stages` (`pipeline_id`,`name`);--> statement-breakpoint
CREATE TABLE `pipelines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pipelines_name_idx` ON `pipelines` (`name`);