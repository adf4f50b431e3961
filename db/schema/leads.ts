import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { teams, users } from './auth';
import { COMPANY_SIZES, companies, contacts, refValues, tags } from './customers';
import { opportunities, STAGE_COLORS } from './opportunities';

/**
 * What a lead status means (seed 002): `new` is where leads start (one), `converted` and `lost` are reached only
 * by converting and losing (one each, always closed); `open` statuses are the working steps, which an admin
 * may mark closed (e.g. a "Not interested" archive column).
 */
export const LEAD_STATUS_KINDS = ['new', 'open', 'converted', 'lost'] as const;
export type LeadStatusKind = (typeof LEAD_STATUS_KINDS)[number];

export const leadStatuses = sqliteTable(
  'lead_statuses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    kind: text('kind', { enum: LEAD_STATUS_KINDS }).notNull().default('open'),
    closed: integer('closed', { mode: 'boolean' }).notNull().default(false),
    color: text('color', { enum: STAGE_COLORS }).notNull().default('slate'),
    position: integer('position').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('lead_statuses_position_idx').on(t.position)],
);

/**
 * A lead (piste): a person and their company as typed before they are in the customer file. `ownerId` null is
 * the team's queue. `computedScore` is the sum of the scoring rules that fire, kept with its breakdown and
 * recomputed in the transaction of every change.
 */
export const leads = sqliteTable(
  'leads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    civility: text('civility'),
    firstName: text('first_name'),
    lastName: text('last_name').notNull(),
    sortName: text('sort_name').notNull(),
    /** "lastname firstname" normalized, for duplicate detection. */
    nameKey: text('name_key').notNull(),
    companyName: text('company_name'),
    /** The company name's duplicate key (as companies.name_key). */
    companyKey: text('company_key'),
    jobTitle: text('job_title'),
    email: text('email'),
    email2: text('email2'),
    phone: text('phone'),
    mobile: text('mobile'),
    website: text('website'),
    addressLine1: text('address_line1'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country'),
    industryId: integer('industry_id').references(() => refValues.id),
    size: text('size', { enum: COMPANY_SIZES }),
    sourceId: integer('source_id').references(() => refValues.id),
    categoryId: integer('category_id').references(() => refValues.id),
    doNotCall: integer('do_not_call', { mode: 'boolean' }).notNull().default(false),
    doNotEmail: integer('do_not_email', { mode: 'boolean' }).notNull().default(false),
    keyAccount: integer('key_account', { mode: 'boolean' }).notNull().default(false),
    description: text('description'),
    ownerId: integer('owner_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    statusId: integer('status_id')
      .notNull()
      .references(() => leadStatuses.id),
    position: real('position').notNull().default(0),
    manualScore: integer('manual_score').notNull().default(0),
    computedScore: integer('computed_score').notNull().default(0),
    scoreBreakdown: text('score_breakdown', { mode: 'json' }).$type<{ ruleId: number; points: number }[]>().notNull().default([]),
    /** Last time something happened on the lead (edit, move, action): the "no activity for N days" rule reads it. */
    lastActivityAt: integer('last_activity_at').notNull(),
    /** When the score was last computed: a time-based rule needs recomputing once the lead crosses its threshold. */
    scoredAt: integer('scored_at').notNull().default(0),
    lostReasonId: integer('lost_reason_id').references(() => refValues.id),
    lostComment: text('lost_comment'),
    closedAt: integer('closed_at'),
    /** The open status it was in when lost: where reopening puts it back. */
    reopenStatusId: integer('reopen_status_id').references(() => leadStatuses.id),
    convertedCompanyId: integer('converted_company_id').references(() => companies.id, { onDelete: 'set null' }),
    convertedContactId: integer('converted_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    convertedOpportunityId: integer('converted_opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    /** The company or won opportunity a repeat lead was started from (seed 004). */
    fromCompanyId: integer('from_company_id').references(() => companies.id, { onDelete: 'set null' }),
    fromOpportunityId: integer('from_opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    index('leads_board_idx').on(t.statusId, t.position, t.id),
    index('leads_status_sort_idx').on(t.statusId, t.sortName, t.id),
    index('leads_status_score_idx').on(t.statusId, t.computedScore, t.id),
    index('leads_status_created_idx').on(t.statusId, t.createdAt, t.id),
    // The board's counts per status (visibility read from the index too) and the converted/lost 30-day window.
    index('leads_status_closed_idx').on(t.statusId, t.closedAt, t.ownerId, t.teamId),
    index('leads_owner_idx').on(t.ownerId, t.statusId, t.sortName, t.id),
    index('leads_team_idx').on(t.teamId, t.statusId, t.sortName, t.id),
    index('leads_sort_idx').on(t.sortName, t.id),
    index('leads_name_key_idx').on(t.nameKey),
    index('leads_company_key_idx').on(t.companyKey, t.nameKey),
    index('leads_source_idx').on(t.sourceId),
    index('leads_industry_idx').on(t.industryId),
    index('leads_category_idx').on(t.categoryId),
    index('leads_lost_reason_idx').on(t.lostReasonId),
    index('leads_activity_idx').on(t.lastActivityAt),
    // Idle rescoring (lib/leads/service rescoreIdleLeads): open leads last scored less than N days after their last
    // activity are the only candidates; read with INDEXED BY (the planner can't estimate an expression's range).
    index('leads_rescore_idx').on(sql`(${t.scoredAt} - ${t.lastActivityAt})`, t.lastActivityAt).where(sql`${t.closedAt} is null`),
    index('leads_converted_company_idx').on(t.convertedCompanyId),
    index('leads_converted_contact_idx').on(t.convertedContactId),
    index('leads_converted_opportunity_idx').on(t.convertedOpportunityId),
    index('leads_from_company_idx').on(t.fromCompanyId),
    index('leads_reopen_status_idx').on(t.reopenStatusId),
  ],
);

export const leadTags = sqliteTable(
  'lead_tags',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.tagId] }), index('lead_tags_tag_idx').on(t.tagId, t.leadId)],
);

/** Every email, phone and email domain of a lead, normalized, for duplicate detection against leads and customers. */
export const leadChannels = sqliteTable(
  'lead_channels',
  {
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['email', 'phone', 'domain'] }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.kind, t.value] }), index('lead_channels_value_idx').on(t.kind, t.value)],
);

export const SCORE_FIELDS = ['jobTitle', 'companyName', 'email', 'phone', 'industryId', 'size', 'sourceId', 'categoryId', 'city', 'country', 'keyAccount', 'tagId', 'noActivityDays'] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];
export const SCORE_OPERATORS = ['contains', 'equals', 'isSet', 'isEmpty', 'atLeast', 'olderThan'] as const;
export type ScoreOperator = (typeof SCORE_OPERATORS)[number];

/** A scoring rule: when `field` `operator` `value` holds for a lead, it adds `points` (negative removes). */
export const leadScoreRules = sqliteTable('lead_score_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  field: text('field', { enum: SCORE_FIELDS }).notNull(),
  operator: text('operator', { enum: SCORE_OPERATORS }).notNull(),
  value: text('value'),
  points: integer('points').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  position: integer('position').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * How many open leads (closed_at null) each status has, per owner and team: the board's column counts without
 * counting 200k rows. Kept by triggers on `leads` (migration 0007_lead_status_tally_triggers), never written by code.
 * `ownerKey` / `teamKey` are the lead's owner and team ids, 0 for none (a primary key can't hold nulls), so
 * `visibleWhere` applies to them unchanged: no user or team has id 0.
 */
export const leadStatusTally = sqliteTable(
  'lead_status_tally',
  {
    statusId: integer('status_id').notNull(),
    ownerKey: integer('owner_key').notNull(),
    teamKey: integer('team_key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.ownerKey, t.teamKey] })],
);
