CREATE TABLE `lead_status_tally` (
	`status_id` integer NOT NULL,
	`owner_key` integer NOT NULL,
	`team_key` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`status_id`, `owner_key`, `team_key`)
);
