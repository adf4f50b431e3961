import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { refValues, tags, teamMembers, teams, users, type RefKind } from '@/db/schema';
import type { Viewer } from '@/lib/permissions';
import { activeRefOptions, activeTagOptions } from '@/lib/reference/queries';

export type Option = { value: string; label: string };
export type CustomerFormOptions = {
  owners: Option[];
  teams: Option[];
  refs: Record<RefKind, Option[]>;
  tags: Option[];
};

/**
 * The choices offered by company and contact forms: owners the viewer may pick, their teams, and the
 * active reference values and tags (plus `keep`: retired values already on the record being edited).
 */
export function customerFormOptions(
  db: Db,
  viewer: Viewer,
  keep: { refIds?: (number | null)[]; tagIds?: number[] } = {},
  purpose: 'form' | 'filter' = 'form',
): CustomerFormOptions {
  let owners: { id: number; name: string }[];
  // Filters may name anyone (they only narrow what the viewer already sees); forms only allowed owners.
  if (viewer.role === 'admin' || purpose === 'filter') {
    owners = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all();
  } else if (viewer.role === 'manager' && viewer.teamIds.length) {
    owners = db
      .selectDistinct({ id: users.id, name: users.name })
      .from(users)
      .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
      .where(and(eq(users.active, true), or(eq(users.id, viewer.id), inArray(teamMembers.teamId, viewer.teamIds))))
      .orderBy(asc(users.name))
      .all();
  } else {
    owners = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, viewer.id)).all();
  }
  const teamRows = db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all();
  const allowedTeams = viewer.role === 'admin' || purpose === 'filter' ? teamRows : teamRows.filter((t) => viewer.teamIds.includes(t.id));
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
  return {
    owners: owners.map((o) => ({ value: String(o.id), label: o.name })),
    teams: allowedTeams.map((t) => ({ value: String(t.id), label: t.name })),
    refs,
    tags: tagOptions,
  };
}
