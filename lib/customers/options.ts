import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { refValues, tags, teamMembers, teams, users, type RefKind } from '@/db/schema';
import { ph, prepared } from '@/lib/db/prepared';
import type { Viewer } from '@/lib/permissions';
import { activeRefOptions, activeTagOptions } from '@/lib/reference/queries';

export type Option = { value: string; label: string };
export type CustomerFormOptions = {
  owners: Option[];
  teams: Option[];
  refs: Record<RefKind, Option[]>;
  tags: Option[];
};

type Keep = { refIds?: (number | null)[]; tagIds?: number[] };
type Purpose = 'form' | 'filter';

// Every list and record page offers these choices: the queries are built once per connection (lib/db/prepared.ts).
const activeUsers = (db: Db) =>
  prepared(db, 'options.activeUsers', () => db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).prepare());
const allTeams = (db: Db) => prepared(db, 'options.teams', () => db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).prepare());
/** The owners a viewer may pick: filters may name anyone (they only narrow what the viewer already sees); forms only allowed owners. */
function ownerRows(db: Db, viewer: Viewer, purpose: Purpose): { id: number; name: string }[] {
  if (viewer.role === 'admin' || purpose === 'filter') return activeUsers(db).all();
  if (viewer.role === 'manager' && viewer.teamIds.length) {
    const n = viewer.teamIds.length;
    const params: Record<string, number> = { viewerId: viewer.id };
    viewer.teamIds.forEach((t, i) => (params[`team${i}`] = t));
    return prepared(db, `options.managerOwners:${n}`, () =>
      db
        .selectDistinct({ id: users.id, name: users.name })
        .from(users)
        .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
        .where(
          and(
            eq(users.active, true),
            or(
              eq(users.id, ph('viewerId')),
              inArray(
                teamMembers.teamId,
                viewer.teamIds.map((_, i) => ph(`team${i}`)),
              ),
            ),
          ),
        )
        .orderBy(asc(users.name))
        .prepare(),
    ).all(params);
  }
  return prepared(db, 'options.self', () => db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, ph('id'))).prepare()).all({ id: viewer.id });
}

/** The parts every purpose shares, read once. */
type Shared = { teamRows: { id: number; name: string }[]; refs: Record<RefKind, Option[]>; tags: Option[] };

function shared(db: Db, keep: Keep): Shared {
  // Active values come from the reference lists; retired ones already on the record stay choosable.
  const refs = Object.fromEntries(
    Object.entries(activeRefOptions(db)).map(([kind, opts]) => [kind, opts.map((o) => ({ value: String(o.id), label: o.name }))]),
  ) as Record<RefKind, Option[]>;
  const keepRefs = (keep.refIds ?? []).filter((x): x is number => x !== null);
  if (keepRefs.length) {
    for (const r of db.select().from(refValues).where(and(inArray(refValues.id, keepRefs), eq(refValues.retired, true))).all()) {
      refs[r.kind].push({ value: String(r.id), label: r.name });
    }
  }
  const tagOptions = activeTagOptions(db).map((t) => ({ value: String(t.id), label: t.name }));
  const keepTags = keep.tagIds ?? [];
  if (keepTags.length) {
    for (const t of db.select().from(tags).where(and(inArray(tags.id, keepTags), eq(tags.retired, true))).all()) {
      tagOptions.push({ value: String(t.id), label: t.name });
    }
  }
  return { teamRows: allTeams(db).all(), refs, tags: tagOptions };
}

function assemble(viewer: Viewer, purpose: Purpose, owners: { id: number; name: string }[], s: Shared): CustomerFormOptions {
  const allowedTeams = viewer.role === 'admin' || purpose === 'filter' ? s.teamRows : s.teamRows.filter((t) => viewer.teamIds.includes(t.id));
  return {
    owners: owners.map((o) => ({ value: String(o.id), label: o.name })),
    teams: allowedTeams.map((t) => ({ value: String(t.id), label: t.name })),
    // Each result its own arrays: a caller may add to them.
    refs: Object.fromEntries(Object.entries(s.refs).map(([k, v]) => [k, [...v]])) as Record<RefKind, Option[]>,
    tags: [...s.tags],
  };
}

/**
 * The choices offered by company and contact forms: owners the viewer may pick, their teams, and the
 * active reference values and tags (plus `keep`: retired values already on the record being edited).
 */
export function customerFormOptions(db: Db, viewer: Viewer, keep: Keep = {}, purpose: Purpose = 'form'): CustomerFormOptions {
  return assemble(viewer, purpose, ownerRows(db, viewer, purpose), shared(db, keep));
}

/**
 * A list page's two sets of choices, its filters' and its forms' (bulk actions), as `customerFormOptions` gives
 * each, reading what they share once.
 */
export function customerFormOptionSets(db: Db, viewer: Viewer, keep: Keep = {}): { filter: CustomerFormOptions; form: CustomerFormOptions } {
  const s = shared(db, keep);
  const filterOwners = ownerRows(db, viewer, 'filter');
  // An administrator's form offers what filters offer.
  const formOwners = viewer.role === 'admin' ? filterOwners : ownerRows(db, viewer, 'form');
  return { filter: assemble(viewer, 'filter', filterOwners, s), form: assemble(viewer, 'form', formOwners, s) };
}
