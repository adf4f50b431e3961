import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { teams, users } from './auth';

export const VIEW_AREAS = ['companies', 'contacts', 'opportunities', 'leads'] as const;
export type ViewArea = (typeof VIEW_AREAS)[number];

/** A saved list view: chosen columns and filters, private or shared with a team, one default per user and area. */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    area: text('area', { enum: VIEW_AREAS }).notNull(),
    name: text('name').notNull(),
    config: text('config', { mode: 'json' }).$type<{ columns: string[]; filters: Record<string, string> }>().notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('saved_views_user_area_name_idx').on(t.userId, t.area, t.name),
    index('saved_views_team_idx').on(t.area, t.teamId),
  ],
);

export const MERGE_KINDS = ['company', 'contact', 'lead'] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];

/** One merge of duplicates into a survivor, with what is needed to undo it (30 days). */
export const merges = sqliteTable(
  'merges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: MERGE_KINDS }).notNull(),
    survivorId: integer('survivor_id').notNull(),
    mergedIds: text('merged_ids', { mode: 'json' }).$type<number[]>().notNull(),
    /** Everything the merge changed: the merged rows and their children, the survivor before, moved relations. */
    snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    undoneAt: integer('undone_at'),
    undoneBy: integer('undone_by').references(() => users.id),
  },
  (t) => [index('merges_survivor_idx').on(t.kind, t.survivorId), index('merges_created_idx').on(t.createdAt)],
);
