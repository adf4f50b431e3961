import { and, eq, max, ne } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { savedViews, type ViewArea } from '@/db/schema';
import { teamProblem } from '@/lib/customers/access';
import type { Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { cleanColumns, cleanSort, FILTER_KEYS, type ViewConfig } from './columns';
import { viewConfigSchema } from './schema';

export type Ctx = { user: Viewer; now: number };
type ViewRow = typeof savedViews.$inferSelect;

export type SaveViewInput = {
  /** Present: change that view (owner only); absent: a new view. */
  id?: number | null;
  area: ViewArea;
  /** On update, anything left undefined is kept. */
  name?: string;
  config?: ViewConfig;
  teamId?: number | null;
  isDefault?: boolean;
};

/** Only known columns and filter keys are kept, so a view can never carry junk into a list page. */
function cleanConfig(area: ViewArea, config: ViewConfig): ViewConfig | null {
  const parsed = viewConfigSchema.safeParse(config);
  if (!parsed.success) return null;
  const filters = Object.fromEntries(Object.entries(parsed.data.filters).filter(([k, v]) => FILTER_KEYS[area].includes(k) && v !== ''));
  const sort = cleanSort(area, parsed.data.sort);
  return { columns: cleanColumns(area, parsed.data.columns), filters, ...(sort ? { sort } : {}) };
}

/** A view the user owns; someone else's (even shared with them) is refused, an invisible one is not found. */
function loadOwn(tx: Tx, viewer: Viewer, id: number): Result<ViewRow> {
  const row = tx.select().from(savedViews).where(eq(savedViews.id, id)).get();
  if (!row) return fail('errors.notFound');
  if (row.userId === viewer.id) return ok(row);
  const shared = row.teamId !== null && viewer.teamIds.includes(row.teamId);
  return fail(shared ? 'errors.forbidden' : 'errors.notFound');
}

function nameTaken(tx: Tx, viewer: Viewer, area: ViewArea, name: string, exceptId?: number): boolean {
  return !!tx
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(eq(savedViews.userId, viewer.id), eq(savedViews.area, area), eq(savedViews.name, name), exceptId ? ne(savedViews.id, exceptId) : undefined))
    .get();
}

/** Sharing is with one of the user's own teams (administrators: any team). */
function shareProblem(tx: Tx, viewer: Viewer, teamId: number | null): string | null {
  return teamProblem(tx, viewer, teamId);
}

function clearDefaults(tx: Tx, userId: number, area: ViewArea, keepId: number) {
  tx.update(savedViews)
    .set({ isDefault: false })
    .where(and(eq(savedViews.userId, userId), eq(savedViews.area, area), eq(savedViews.isDefault, true), ne(savedViews.id, keepId)))
    .run();
}

/** Creates a view, or renames / reconfigures / reshares one the user owns; one default per user and list. */
export function saveView(db: Db, input: SaveViewInput, ctx: Ctx): Result<{ id: number }> {
  if (!ctx.user.active) return fail('errors.forbidden');
  const name = input.name?.trim();
  if (input.name !== undefined && !name) return fail('errors.invalidForm', { name: 'errors.required' });
  if (name && name.length > 80) return fail('errors.invalidForm', { name: 'errors.tooLong' });
  const config = input.config ? cleanConfig(input.area, input.config) : undefined;
  if (config === null) return fail('errors.invalidValue');
  return writeTx(db, (tx) => {
    let before: ViewRow | null = null;
    if (input.id) {
      const loaded = loadOwn(tx, ctx.user, input.id);
      if (!loaded.ok) return loaded;
      before = loaded.value;
      if (before.area !== input.area) return fail('errors.notFound');
    } else if (!name) return fail('errors.invalidForm', { name: 'errors.required' });
    const errors: Record<string, string> = {};
    if (name && nameTaken(tx, ctx.user, input.area, name, before?.id)) errors.name = 'views.errors.nameTaken';
    if (input.teamId !== undefined && input.teamId !== (before?.teamId ?? null)) {
      const p = shareProblem(tx, ctx.user, input.teamId);
      if (p) errors.teamId = p;
    }
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    let id: number;
    if (before) {
      id = before.id;
      tx.update(savedViews)
        .set({
          ...(name ? { name } : {}),
          ...(config ? { config } : {}),
          ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
          ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
          updatedAt: ctx.now,
        })
        .where(eq(savedViews.id, id))
        .run();
    } else {
      const last = tx.select({ p: max(savedViews.position) }).from(savedViews).where(and(eq(savedViews.userId, ctx.user.id), eq(savedViews.area, input.area))).get();
      const cfg: ViewConfig = config ?? { columns: [], filters: {} };
      id = tx
        .insert(savedViews)
        .values({
          userId: ctx.user.id,
          area: input.area,
          name: name!,
          config: cfg,
          teamId: input.teamId ?? null,
          isDefault: input.isDefault ?? false,
          position: (last?.p ?? 0) + 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: savedViews.id })
        .get().id;
    }
    if (input.isDefault) clearDefaults(tx, ctx.user.id, input.area, id);
    return ok({ id });
  });
}

export function deleteView(db: Db, id: number, ctx: Ctx): Result<void> {
  if (!ctx.user.active) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const loaded = loadOwn(tx, ctx.user, id);
    if (!loaded.ok) return loaded;
    tx.delete(savedViews).where(eq(savedViews.id, id)).run();
    return ok(undefined);
  });
}

/** Makes one of the user's views their default for its list (null: no default, back to the built-in one). */
export function setDefaultView(db: Db, area: ViewArea, id: number | null, ctx: Ctx): Result<void> {
  if (!ctx.user.active) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    if (id !== null) {
      const loaded = loadOwn(tx, ctx.user, id);
      if (!loaded.ok) return loaded;
      if (loaded.value.area !== area) return fail('errors.notFound');
      tx.update(savedViews).set({ isDefault: true, updatedAt: ctx.now }).where(eq(savedViews.id, id)).run();
      clearDefaults(tx, ctx.user.id, area, id);
    } else {
      clearDefaults(tx, ctx.user.id, area, -1);
    }
    return ok(undefined);
  });
}

/** Shares a view with one of the user's teams, or makes it private again (null). */
export function shareView(db: Db, id: number, teamId: number | null, ctx: Ctx): Result<void> {
  if (!ctx.user.active) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const loaded = loadOwn(tx, ctx.user, id);
    if (!loaded.ok) return loaded;
    const p = shareProblem(tx, ctx.user, teamId);
    if (p) return fail('errors.invalidForm', { teamId: p });
    tx.update(savedViews).set({ teamId, updatedAt: ctx.now }).where(eq(savedViews.id, id)).run();
    return ok(undefined);
  });
}
