CREATE TABLE `companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sort_name` text NOT NULL,
	`name_key` text NOT NULL,
	`type` text DEFAULT 'prospect' NOT NULL,
	`legal_id` text,
	`website` text,
	`email_domain` text,
	`phone` text,
	`phone_normalized` text,
	`email` text,
	`industry_id` integer,
	`size` text,
	`customer_family_id` integer,
	`origin_id` integer,
	`key_account` integer DEFAULT false NOT NULL,
	`owner_id` integer,
	`team_id` integer,
	`notes` text,
	`archived` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`industry_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_family_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`origin_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `companies_list_idx` ON `companies` (`archived`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `companies_owner_idx` ON `companies` (`owner_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `companies_team_idx` ON `companies` (`team_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `companies_type_idx` ON `companies` (`type`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `companies_family_idx` ON `companies` (`customer_family_id`);--> statement-breakpoint
CREATE INDEX `companies_created_idx` ON `companies` (`created_at`);--> statement-breakpoint
CREATE INDEX `companies_domain_idx` ON `companies` (`email_domain`);--> statement-breakpoint
CREATE INDEX `companies_phone_idx` ON `companies` (`phone_normalized`);--> statement-breakpoint
CREATE INDEX `companies_legal_idx` ON `companies` (`legal_id`);--> statement-breakpoint
CREATE INDEX `companies_name_key_idx` ON `companies` (`name_key`);--> statement-breakpoint
CREATE TABLE `company_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`label` text,
	`line1` text NOT NULL,
	`line2` text,
	`postal_code` text,
	`city` text NOT NULL,
	`country` text DEFAULT 'FR' NOT NULL,
	`is_billing` integer DEFAULT false NOT NULL,
	`is_delivery` integer DEFAULT false NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `company_addresses_company_idx` ON `company_addresses` (`company_id`);--> statement-breakpoint
CREATE INDEX `company_addresses_city_idx` ON `company_addresses` ("city" collate nocase);--> statement-breakpoint
CREATE TABLE `company_tags` (
	`company_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`company_id`, `tag_id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `company_tags_tag_idx` ON `company_tags` (`tag_id`,`company_id`);--> statement-breakpoint
CREATE TABLE `contact_channels` (
	`contact_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`contact_id`, `kind`, `value`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_channels_value_idx` ON `contact_channels` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `contact_tags` (
	`contact_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`contact_id`, `tag_id`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_tags_tag_idx` ON `contact_tags` (`tag_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer,
	`civility` text,
	`first_name` text,
	`last_name` text NOT NULL,
	`sort_name` text NOT NULL,
	`name_key` text NOT NULL,
	`job_title` text,
	`department` text,
	`role_id` integer,
	`email` text,
	`email2` text,
	`phone` text,
	`mobile` text,
	`language` text,
	`owner_id` integer,
	`team_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`do_not_call` integer DEFAULT false NOT NULL,
	`do_not_email` integer DEFAULT false NOT NULL,
	`consent_status` text DEFAULT 'unknown' NOT NULL,
	`consent_date` text,
	`consent_source` text,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`role_id`) REFERENCES `ref_values`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_list_idx` ON `contacts` (`active`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_sort_idx` ON `contacts` (`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_company_idx` ON `contacts` (`company_id`,`sort_name`);--> statement-breakpoint
CREATE INDEX `contacts_owner_idx` ON `contacts` (`owner_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_team_idx` ON `contacts` (`team_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_consent_idx` ON `contacts` (`consent_status`);--> statement-breakpoint
CREATE INDEX `contacts_name_key_idx` ON `contacts` (`name_key`);--> statement-breakpoint
CREATE INDEX `contacts_created_idx` ON `contacts` (`created_at`);--> statement-breakpoint
CREATE TABLE `ref_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`retired` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ref_values_kind_name_idx` ON `ref_values` (`kind`,`name`);--> statement-breakpoint
CREATE INDEX `ref_values_kind_pos_idx` ON `ref_values` (`kind`,`retired`,`position`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`color` text DEFAULT 'slate' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`retired` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);