import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { teams, users } from './auth';
import { companies, contacts, refValues, tags } from './customers';

/**
 * What a stage means. `open` stages are the working steps; `proposal` is the open stage an opportunity
 * reaches when a proposal is sent (one per pipeline); `won` and `lost` are the two closing outcomes (one each
 * per pipeline) and the only closed stages: an opportunity is open exactly when its stage is open or proposal.
 */
export const STAGE_KINDS = ['open', 'proposal', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
export const STAGE_COLORS = ['slate', 'blue', 'sky', 'teal', 'green', 'amber', 'orange', 'red', 'pink', 'violet'] as const;
export type StageColor = (typeof STAGE_COLORS)[number];

/** A sales pipeline ("New business", "Renewals"): an ordered set of stages. One is the default. */
export const pipelines = sqliteTable(
  'pipelines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('pipelines_name_idx').on(t.name)],
);

export const pipelineStages = sqliteTable(
  'pipeline_stages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pipelineId: integer('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: STAGE_KINDS }).notNull().default('open'),
    color: text('color', { enum: STAGE_COLORS }).notNull().default('slate'),
    /** The probability (0–100) an opportunity takes on entering the stage, unless its own was set. */
    probability: integer('probability').notNull().default(0),
    position: integer('position').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('pipeline_stages_pipeline_idx').on(t.pipelineId, t.position), uniqueIndex('pipeline_stages_name_idx').on(t.pipelineId, t.name)],
);

/**
 * An opportunity (affaire). Amounts are in minor units (cents) of `currency`. `probability` null means
 * "the stage's default"; `status` mirrors the stage's kind (open/proposal → open) so lists and totals can
 * use an index. `position` orders cards inside a board column (fractional: a move writes one row).
 */
export const opportunities = sqliteTable(
  'opportunities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    sortName: text('sort_name').notNull(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    typeId: integer('type_id').references(() => refValues.id),
    pipelineId: integer('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    stageId: integer('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    status: text('status', { enum: OPPORTUNITY_STATUSES }).notNull().default('open'),
    position: real('position').notNull().default(0),
    amount: integer('amount').notNull().default(0),
    bestCase: integer('best_case'),
    worstCase: integer('worst_case'),
    currency: text('currency').notNull().default('EUR'),
    probability: integer('probability'),
    score: integer('score').notNull().default(0),
    /** YYYY-MM-DD */
    expectedCloseDate: text('expected_close_date'),
    sourceId: integer('source_id').references(() => refValues.id),
    /** The lead it came from (leads arrive with their own issue). */
    leadId: integer('lead_id'),
    ownerId: integer('owner_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    description: text('description'),
    /** YYYY-MM-DD, set when won or lost. */
    closeDate: text('close_date'),
    closedAt: integer('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    lostReasonId: integer('lost_reason_id').references(() => refValues.id),
    competitor: text('competitor'),
    /** The open stage it was in when closed: where reopening puts it back. */
    reopenStageId: integer('reopen_stage_id').references(() => pipelineStages.id),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    index('opportunities_board_idx').on(t.stageId, t.position, t.id),
    index('opportunities_status_close_idx').on(t.status, t.expectedCloseDate, t.id),
    index('opportunities_status_closed_idx').on(t.status, t.closeDate),
    index('opportunities_status_name_idx').on(t.status, t.sortName, t.id),
    index('opportunities_status_amount_idx').on(t.status, t.amount, t.id),
    index('opportunities_status_created_idx').on(t.status, t.createdAt, t.id),
    index('opportunities_pipeline_idx').on(t.pipelineId, t.status),
    index('opportunities_owner_idx').on(t.ownerId, t.status, t.expectedCloseDate),
    index('opportunities_team_idx').on(t.teamId, t.status, t.expectedCloseDate),
    index('opportunities_company_idx').on(t.companyId, t.status),
    index('opportunities_type_idx').on(t.typeId),
    index('opportunities_source_idx').on(t.sourceId),
    index('opportunities_lost_reason_idx').on(t.lostReasonId),
    index('opportunities_lead_idx').on(t.leadId),
    index('opportunities_reopen_stage_idx').on(t.reopenStageId),
    // Board column totals (count, amount, weighted per currency) answered from indexes alone: the open ones
    // grouped in (stage, currency) order, the recently closed ones (and the forecast's wins) a range of close dates.
    index('opportunities_board_totals_idx').on(t.stageId, t.status, t.currency, t.amount, t.probability, t.ownerId, t.teamId),
    index('opportunities_closed_totals_idx').on(t.status, t.closeDate, t.stageId, t.currency, t.amount, t.probability, t.ownerId, t.teamId, t.pipelineId),
    // The forecast's open totals, from the index alone in (currency, expected close date) order: what every
    // row adds up first, the visibility and filter columns last.
    index('opportunities_forecast_idx').on(t.status, t.currency, t.expectedCloseDate, t.amount, t.probability, t.stageId, t.bestCase, t.worstCase, t.ownerId, t.teamId, t.pipelineId),
  ],
);

/** The contacts of an opportunity; one may be primary. An `id` key so merges can move rows. */
export const opportunityContacts = sqliteTable(
  'opportunity_contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('opportunity_contacts_opp_idx').on(t.opportunityId), index('opportunity_contacts_contact_idx').on(t.contactId)],
);

export const opportunityTags = sqliteTable(
  'opportunity_tags',
  {
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.opportunityId, t.tagId] }), index('opportunity_tags_tag_idx').on(t.tagId, t.opportunityId)],
);
