CREATE TABLE `lead_channels` (
	`lead_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`lead_id`, `kind`, `value`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_channels_value_idx` ON `lead_channels` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `lead_score_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`field` text NOT NULL,
	`operator` text NOT NULL,
	`value` text,
	`points` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_statuses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'open' NOT NULL,
	`closed` integer DEFAULT false NOT NULL,
	`color` text DEFAULT 'slate' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_statuses_name_unique` ON `lead_statuses` (`name`);--> statement-breakpoint
CREATE INDEX `lead_statuses_position_idx` ON `lead_statuses` (`position`);--> statement-breakpoint
CREATE TABLE `lead_tags` (
	`lead_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`lead_id`, `tag_id`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_tags_tag_idx` ON `lead_tags` (`tag_id`,`lead_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`civility` text,
	`first_name` text,
	`last_name` text NOT NULL,
	`sort_name` text NOT NULL,
	`name_key` text NOT NULL,
	`company_name` text,
	`company_key` text,
	`job_title` text,
	`email` text,
	`email2` text,
	`phone` text,
	`mobile` text,
	`website` text,
	`address_line1` text,
	`postal_code` text,
	`city` text,
	`country` text,
	`industry_id` integer,
	`size` text,
	`source_id` integer,
	`category_id` integer,
	`do_not_call` integer DEFAULT false NOT NULL,
	`do_not_email` integer DEFAULT false NOT NULL,
	`key_account` integer DEFAULT false NOT NULL,
	`description` text,
	`owner_id` integer,
	`team_id` integer,
	`status_id` integer NOT NULL,
	`position` real DEFAULT 0 NOT NULL,
	`manual_score` integer DEFAULT 0 NOT NULL,
	`computed_score` integer DEFAULT 0 NOT NULL,
	`score_breakdown` text DEFAULT '[]' NOT NULL,
	`last_activity_at` integer NOT NULL,
	`scored_at` integer DEFAULT 0 NOT NULL,
	`lost_reason_id` integer,
	`lost_comment` text,
	`closed_at` integer,
	`reopen_status_id` integer,
	`converted_company_id` integer,
	`converted_contact_id` integer,
	`converted_opportunity_id` integer,
	`from_company_id` integer,
	`from_opportunity_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`industry_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`status_id`) REFERENCES `lead_statuses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lost_reason_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reopen_status_id`) REFERENCES `lead_statuses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`converted_company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`converted_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`converted_opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leads_board_idx` ON `leads` (`status_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `leads_status_sort_idx` ON `leads` (`status_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `leads_status_score_idx` ON `leads` (`status_id`,`computed_score`,`id`);--> statement-breakpoint
CREATE INDEX `leads_status_created_idx` ON `leads` (`status_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_status_closed_idx` ON `leads` (`status_id`,`closed_at`,`owner_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `leads_owner_idx` ON `leads` (`owner_id`,`status_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `leads_team_idx` ON `leads` (`team_id`,`status_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `leads_sort_idx` ON `leads` (`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `leads_name_key_idx` ON `leads` (`name_key`);--> statement-breakpoint
CREATE INDEX `leads_company_key_idx` ON `leads` (`company_key`,`name_key`);--> statement-breakpoint
CREATE INDEX `leads_source_idx` ON `leads` (`source_id`);--> statement-breakpoint
CREATE INDEX `leads_industry_idx` ON `leads` (`industry_id`);--> statement-breakpoint
CREATE INDEX `leads_category_idx` ON `leads` (`category_id`);--> statement-breakpoint
CREATE INDEX `leads_lost_reason_idx` ON `leads` (`lost_reason_id`);--> statement-breakpoint
CREATE INDEX `leads_activity_idx` ON `leads` (`last_activity_at`);--> statement-breakpoint
CREATE INDEX `leads_converted_company_idx` ON `leads` (`converted_company_id`);--> statement-breakpoint
CREATE INDEX `leads_converted_contact_idx` ON `leads` (`converted_contact_id`);--> statement-breakpoint
CREATE INDEX `leads_converted_opportunity_idx` ON `leads` (`converted_opportunity_id`);--> statement-breakpoint
CREATE INDEX `leads_from_company_idx` ON `leads` (`from_company_id`);--> statement-breakpoint
CREATE INDEX `leads_reopen_status_idx` ON `leads` (`reopen_status_id`);