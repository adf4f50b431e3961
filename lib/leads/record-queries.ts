import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, contacts, leadStatuses, leads, opportunities, refValues, teams, users, type LeadStatusKind, type StageColor } from '@/db/schema';
import { ownedRecord } from '@/lib/customers/access';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import { can, visibleWhere, type Viewer } from '@/lib/permissions';
import type { LeadTimelineEntry } from './queries';

const owner = alias(users, 'owner');

export type CompanyLeadRow = {
  id: number;
  name: string;
  status: { name: string; kind: LeadStatusKind; color: StageColor };
  ownerName: string | null;
  createdAt: number;
  /** Converted into this company, or a new sales cycle started from it (repeat lead). */
  relation: 'converted' | 'repeat';
};

/**
 * A company's leads for its page: those converted into it and the repeat leads started from it (or from one of
 * its won opportunities), among those the viewer may see, newest first. Both columns are indexed.
 */
export function companyLeads(db: Db, viewer: Viewer, companyId: number, limit = 50): CompanyLeadRow[] {
  // The customer page's read, built once per connection and visibility shape (lib/db/prepared.ts).
  return prepared(db, `leads.companyLeads:${viewerShape(viewer)}`, () =>
    db
      .select({
        id: leads.id,
        firstName: leads.firstName,
        lastName: leads.lastName,
        statusName: leadStatuses.name,
        statusKind: leadStatuses.kind,
        statusColor: leadStatuses.color,
        ownerName: owner.name,
        createdAt: leads.createdAt,
        convertedCompanyId: leads.convertedCompanyId,
      })
      .from(leads)
      .innerJoin(leadStatuses, eq(leadStatuses.id, leads.statusId))
      .leftJoin(owner, eq(owner.id, leads.ownerId))
      .where(and(or(eq(leads.convertedCompanyId, ph('companyId')), eq(leads.fromCompanyId, ph('companyId'))), visibleWherePrepared(viewer, leads)))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(ph('limit'))
      .prepare(),
  )
    .all({ ...viewerParams(viewer), companyId, limit })
    .map((r) => ({
      id: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(' '),
      status: { name: r.statusName, kind: r.statusKind, color: r.statusColor },
      ownerName: r.ownerName,
      createdAt: r.createdAt,
      relation: r.convertedCompanyId === companyId ? 'converted' : 'repeat',
    }));
}

/**
 * Where a repeat lead comes from ("new lead for this customer"), as posted by the form: kept only when the viewer
 * may see it. A lead started from an opportunity also counts as started from its company. Null: not visible.
 */
export function repeatOrigin(db: Db, viewer: Viewer, from: { companyId: number | null; opportunityId: number | null }): { companyId: number | null; opportunityId: number | null } | null {
  let companyId = from.companyId;
  if (from.opportunityId !== null) {
    const o = db.select({ companyId: opportunities.companyId, ownerId: opportunities.ownerId, teamId: opportunities.teamId }).from(opportunities).where(eq(opportunities.id, from.opportunityId)).get();
    if (!o || !can(viewer, 'view', ownedRecord(db, o))) return null;
    companyId = o.companyId;
  }
  if (companyId !== null) {
    const c = db.select({ ownerId: companies.ownerId, teamId: companies.teamId }).from(companies).where(eq(companies.id, companyId)).get();
    if (!c || !can(viewer, 'view', ownedRecord(db, c))) return null;
  }
  return { companyId, opportunityId: from.opportunityId };
}

export type TimelineRefs = {
  users: Map<number, string>;
  teams: Map<number, string>;
  /** Reference values (lost reasons) by id. */
  refs: Map<number, string>;
  /** Records the lead came from or became, only those the viewer may see. */
  companies: Map<number, string>;
  contacts: Map<number, string>;
  opportunities: Map<number, string>;
};

const ids = (xs: unknown[]) => [...new Set(xs.filter((x): x is number => typeof x === 'number' && Number.isInteger(x)))];
const pairOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The names the activity panel needs for the ids in a lead's history: people, teams, lost reasons, and linked records the viewer may see. */
export function timelineRefs(db: Db, viewer: Viewer, entries: LeadTimelineEntry[]): TimelineRefs {
  const userIds: unknown[] = [];
  const teamIds: unknown[] = [];
  const refIds: unknown[] = [];
  const companyIds: unknown[] = [];
  const contactIds: unknown[] = [];
  const opportunityIds: unknown[] = [];
  for (const e of entries) {
    const d = e.data ?? {};
    userIds.push(...pairOf(d.ownerId));
    teamIds.push(...pairOf(d.teamId));
    if (e.action === 'lead.lost') refIds.push(d.lostReasonId);
    if (e.action === 'lead.converted') {
      companyIds.push(d.companyId);
      contactIds.push(d.contactId);
      opportunityIds.push(d.opportunityId);
    }
    if (e.action === 'lead.created') {
      companyIds.push(d.fromCompanyId);
      opportunityIds.push(d.fromOpportunityId);
    }
  }
  const u = ids(userIds);
  const t = ids(teamIds);
  const r = ids(refIds);
  const co = ids(companyIds);
  const ct = ids(contactIds);
  const op = ids(opportunityIds);
  return {
    users: new Map(u.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, u)).all().map((x) => [x.id, x.name]) : []),
    teams: new Map(t.length ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, t)).all().map((x) => [x.id, x.name]) : []),
    refs: new Map(r.length ? db.select({ id: refValues.id, name: refValues.name }).from(refValues).where(inArray(refValues.id, r)).all().map((x) => [x.id, x.name]) : []),
    companies: new Map(
      co.length ? db.select({ id: companies.id, name: companies.name }).from(companies).where(and(inArray(companies.id, co), visibleWhere(viewer, companies))).all().map((x) => [x.id, x.name]) : [],
    ),
    contacts: new Map(
      ct.length
        ? db
            .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
            .from(contacts)
            .where(and(inArray(contacts.id, ct), visibleWhere(viewer, contacts)))
            .all()
            .map((x) => [x.id, [x.firstName, x.lastName].filter(Boolean).join(' ')])
        : [],
    ),
    opportunities: new Map(
      op.length
        ? db
            .select({ id: opportunities.id, name: opportunities.name })
            .from(opportunities)
            .where(and(inArray(opportunities.id, op), visibleWhere(viewer, opportunities)))
            .all()
            .map((x) => [x.id, x.name])
        : [],
    ),
  };
}

