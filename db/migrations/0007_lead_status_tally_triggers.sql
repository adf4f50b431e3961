-- lead_status_tally: open leads (closed_at null) per status, owner and team (0 = none), kept by these triggers so
-- the leads board counts its columns from a few hundred rows instead of the whole leads table.
INSERT INTO `lead_status_tally` (`status_id`, `owner_key`, `team_key`, `n`)
SELECT `status_id`, coalesce(`owner_id`, 0), coalesce(`team_id`, 0), count(*) FROM `leads` WHERE `closed_at` IS NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `leads_tally_insert` AFTER INSERT ON `leads` WHEN new.`closed_at` IS NULL BEGIN
  INSERT INTO `lead_status_tally` (`status_id`, `owner_key`, `team_key`, `n`) VALUES (new.`status_id`, coalesce(new.`owner_id`, 0), coalesce(new.`team_id`, 0), 1)
  ON CONFLICT (`status_id`, `owner_key`, `team_key`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_tally_delete` AFTER DELETE ON `leads` WHEN old.`closed_at` IS NULL BEGIN
  UPDATE `lead_status_tally` SET `n` = `n` - 1
  WHERE `status_id` = old.`status_id` AND `owner_key` = coalesce(old.`owner_id`, 0) AND `team_key` = coalesce(old.`team_id`, 0);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_tally_update_out` AFTER UPDATE OF `status_id`, `owner_id`, `team_id`, `closed_at` ON `leads`
WHEN old.`closed_at` IS NULL AND (new.`closed_at` IS NOT NULL OR old.`status_id` IS NOT new.`status_id` OR old.`owner_id` IS NOT new.`owner_id` OR old.`team_id` IS NOT new.`team_id`) BEGIN
  UPDATE `lead_status_tally` SET `n` = `n` - 1
  WHERE `status_id` = old.`status_id` AND `owner_key` = coalesce(old.`owner_id`, 0) AND `team_key` = coalesce(old.`team_id`, 0);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_tally_update_in` AFTER UPDATE OF `status_id`, `owner_id`, `team_id`, `closed_at` ON `leads`
WHEN new.`closed_at` IS NULL AND (old.`closed_at` IS NOT NULL OR old.`status_id` IS NOT new.`status_id` OR old.`owner_id` IS NOT new.`owner_id` OR old.`team_id` IS NOT new.`team_id`) BEGIN
  INSERT INTO `lead_status_tally` (`status_id`, `owner_key`, `team_key`, `n`) VALUES (new.`status_id`, coalesce(new.`owner_id`, 0), coalesce(new.`team_id`, 0), 1)
  ON CONFLICT (`status_id`, `owner_key`, `team_key`) DO UPDATE SET `n` = `n` + 1;
END;
