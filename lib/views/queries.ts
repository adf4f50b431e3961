import { and, asc, desc, eq, inArray, or, type Placeholder } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { savedViews, teams, users, type ViewArea } from '@/db/schema';
import { ph, prepared } from '@/lib/db/prepared';
import type { Viewer } from '@/lib/permissions';
import { cleanColumns, cleanSort, type ViewConfig } from './columns';

export type SavedView = {
  id: number;
  area: ViewArea;
  name: string;
  config: ViewConfig;
  isDefault: boolean;
  teamId: number | null;
  teamName: string | null;
  ownerName: string;
  /** The viewer owns it: only then may they change, share or delete it. */
  mine: boolean;
};

type Value = number | Placeholder;

/** Own views, or views shared with one of the viewer's teams (values or placeholders). */
function visible(viewer: { id: Value; teamIds: Value[] }) {
  return viewer.teamIds.length ? or(eq(savedViews.userId, viewer.id), inArray(savedViews.teamId, viewer.teamIds)) : eq(savedViews.userId, viewer.id);
}

function select(db: DbOrTx) {
  return db
    .select({ v: savedViews, teamName: teams.name, ownerName: users.name })
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.userId))
    .leftJoin(teams, eq(teams.id, savedViews.teamId));
}

function toDto(viewer: Viewer, r: { v: typeof savedViews.$inferSelect; teamName: string | null; ownerName: string }): SavedView {
  const raw = r.v.config as ViewConfig;
  const sort = cleanSort(r.v.area, raw.sort);
  return {
    id: r.v.id,
    area: r.v.area,
    name: r.v.name,
    config: { columns: cleanColumns(r.v.area, raw.columns ?? []), filters: raw.filters ?? {}, ...(sort ? { sort } : {}) },
    isDefault: r.v.userId === viewer.id && r.v.isDefault,
    teamId: r.v.teamId,
    teamName: r.teamName,
    ownerName: r.ownerName,
    mine: r.v.userId === viewer.id,
  };
}

/** The views a user may pick on a list: their own first (in their order), then those shared with their teams. */
export function listViews(db: DbOrTx, viewer: Viewer, area: ViewArea): SavedView[] {
  if (!viewer.active) return [];
  // Every list page reads them: built once per connection and number of teams (lib/db/prepared.ts).
  const n = viewer.teamIds.length;
  const teamIds = viewer.teamIds.map((_, i) => ph(`team${i}`));
  const userId = ph('userId');
  const q = prepared(db, `views.list:${n}`, () =>
    select(db)
      .where(and(eq(savedViews.area, ph('area')), visible({ id: userId, teamIds })))
      .orderBy(desc(eq(savedViews.userId, userId)), asc(savedViews.position), asc(savedViews.name), asc(savedViews.id))
      .prepare(),
  );
  const params: Record<string, unknown> = { area, userId: viewer.id };
  viewer.teamIds.forEach((t, i) => (params[`team${i}`] = t));
  return q.all(params).map((r) => toDto(viewer, r));
}

/** One view, or null when it does not exist or is neither the viewer's nor shared with their teams. */
export function getView(db: DbOrTx, viewer: Viewer, id: number, area?: ViewArea): SavedView | null {
  if (!viewer.active) return null;
  const r = select(db)
    .where(and(eq(savedViews.id, id), area ? eq(savedViews.area, area) : undefined, visible(viewer)))
    .get();
  return r ? toDto(viewer, r) : null;
}

/** The view a user set as default for a list, if any. */
export function defaultView(db: DbOrTx, viewer: Viewer, area: ViewArea): SavedView | null {
  if (!viewer.active) return null;
  const r = select(db)
    .where(and(eq(savedViews.area, area), eq(savedViews.userId, viewer.id), eq(savedViews.isDefault, true)))
    .get();
  return r ? toDto(viewer, r) : null;
}
