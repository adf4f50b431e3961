import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { refValues, tags, teamMembers, teams, users, type RefKind } from '@/db/schema';
import type { Viewer } from '@/lib/permissions';

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
  const keepRefs = (keep.refIds ?? []).filter((x): x is number => x !== null);
  const refRows = db
    .select()
    .from(refValues)
    .where(or(eq(refValues.retired, false), keepRefs.length ? inArray(refValues.id, keepRefs) : undefined))
    .orderBy(asc(refValues.position), asc(refValues.name))
    .all();
  const refs: Record<RefKind, Option[]> = { industry: [], customer_family: [], origin: [], contact_role: [] };
  for (const r of refRows) refs[r.kind].push({ value: String(r.id), label: r.name });
  const keepTags = keep.tagIds ?? [];
  const tagRows = db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(or(eq(tags.retired, false), keepTags.length ? inArray(tags.id, keepTags) : undefined))
    .orderBy(asc(tags.position), asc(tags.name))
    .all();
  return {
    owners: owners.map((o) => ({ value: String(o.id), label: o.name })),
    teams: allowedTeams.map((t) => ({ value: String(t.id), label: t.name })),
    refs,
    tags: tagRows.map((t) => ({ value: String(t.id), label: t.name })),
  };
}
