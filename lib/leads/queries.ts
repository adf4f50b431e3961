import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import {
  auditLog,
  companies,
  contacts,
  leadScoreRules,
  leadStatuses,
  leads,
  leadTags,
  opportunities,
  opportunityContacts,
  refValues,
  tags,
  teams,
  users,
  type LeadStatusKind,
  type StageColor,
} from '@/db/schema';
import { ownedRecord } from '@/lib/customers/access';
import type { DuplicateMatch } from '@/lib/customers/duplicate-types';
import { customerFormOptions, customerFormOptionSets, type CustomerFormOptions, type Option } from '@/lib/customers/options';
import { can, type Viewer } from '@/lib/permissions';
import { findCustomerMatches } from './duplicates';
import { listLeadStatuses } from './statuses';

const owner = alias(users, 'owner');
const industry = alias(refValues, 'industry');
const source = alias(refValues, 'source');
const category = alias(refValues, 'category');
const lostReason = alias(refValues, 'lost_reason');

type Ref = { id: number; name: string } | null;
const ref = (id: number | null, name: string | null): Ref => (id ? { id, name: name ?? '' } : null);

export type LeadDetail = {
  id: number;
  civility: string | null;
  firstName: string | null;
  lastName: string;
  name: string;
  companyName: string | null;
  jobTitle: string | null;
  email: string | null;
  email2: string | null;
  phone: string | null;
  mobile: string | null;
  website: string | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  industry: Ref;
  size: string | null;
  source: Ref;
  category: Ref;
  doNotCall: boolean;
  doNotEmail: boolean;
  keyAccount: boolean;
  description: string | null;
  owner: Ref;
  team: Ref;
  status: { id: number; name: string; kind: LeadStatusKind; closed: boolean; color: StageColor };
  manualScore: number;
  computedScore: number;
  /** Which rules fired, with their current names (a rule deleted since shows as null). */
  scoreBreakdown: { ruleId: number; name: string | null; points: number }[];
  lostReason: Ref;
  lostComment: string | null;
  closedAt: number | null;
  converted: { company: Ref; contact: Ref; opportunity: Ref } | null;
  fromCompany: Ref;
  fromOpportunity: Ref;
  tags: { id: number; name: string; color: string }[];
  version: number;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
  can: { edit: boolean; assign: boolean; delete: boolean; take: boolean; reopen: boolean };
};

/** One lead with everything its page shows, or null when the viewer may not see it. */
export function getLead(db: Db, viewer: Viewer, id: number): LeadDetail | null {
  const r = db
    .select({
      l: leads,
      statusName: leadStatuses.name,
      statusKind: leadStatuses.kind,
      statusClosed: leadStatuses.closed,
      statusColor: leadStatuses.color,
      ownerName: owner.name,
      teamName: teams.name,
      industryName: industry.name,
      sourceName: source.name,
      categoryName: category.name,
      lostReasonName: lostReason.name,
    })
    .from(leads)
    .innerJoin(leadStatuses, eq(leadStatuses.id, leads.statusId))
    .leftJoin(owner, eq(owner.id, leads.ownerId))
    .leftJoin(teams, eq(teams.id, leads.teamId))
    .leftJoin(industry, eq(industry.id, leads.industryId))
    .leftJoin(source, eq(source.id, leads.sourceId))
    .leftJoin(category, eq(category.id, leads.categoryId))
    .leftJoin(lostReason, eq(lostReason.id, leads.lostReasonId))
    .where(eq(leads.id, id))
    .get();
  if (!r) return null;
  const rec = ownedRecord(db, r.l);
  if (!can(viewer, 'view', rec)) return null;
  const l = r.l;
  const ruleIds = l.scoreBreakdown.map((b) => b.ruleId);
  const ruleNames = new Map(ruleIds.length ? db.select({ id: leadScoreRules.id, name: leadScoreRules.name }).from(leadScoreRules).where(inArray(leadScoreRules.id, ruleIds)).all().map((x) => [x.id, x.name]) : []);
  // Links to what the lead became, or came from, only when the viewer may see them.
  const companyRef = (cid: number | null): Ref => {
    if (!cid) return null;
    const c = db.select({ name: companies.name, ownerId: companies.ownerId, teamId: companies.teamId }).from(companies).where(eq(companies.id, cid)).get();
    return c && can(viewer, 'view', ownedRecord(db, c)) ? { id: cid, name: c.name } : null;
  };
  const contactRef = (cid: number | null): Ref => {
    if (!cid) return null;
    const c = db.select({ firstName: contacts.firstName, lastName: contacts.lastName, ownerId: contacts.ownerId, teamId: contacts.teamId }).from(contacts).where(eq(contacts.id, cid)).get();
    return c && can(viewer, 'view', ownedRecord(db, c)) ? { id: cid, name: [c.firstName, c.lastName].filter(Boolean).join(' ') } : null;
  };
  const opportunityRef = (oid: number | null): Ref => {
    if (!oid) return null;
    const o = db.select({ name: opportunities.name, ownerId: opportunities.ownerId, teamId: opportunities.teamId }).from(opportunities).where(eq(opportunities.id, oid)).get();
    return o && can(viewer, 'view', ownedRecord(db, o)) ? { id: oid, name: o.name } : null;
  };
  const open = l.closedAt === null && l.convertedCompanyId === null;
  const mayEdit = can(viewer, 'edit', rec);
  return {
    id: l.id,
    civility: l.civility,
    firstName: l.firstName,
    lastName: l.lastName,
    name: [l.firstName, l.lastName].filter(Boolean).join(' '),
    companyName: l.companyName,
    jobTitle: l.jobTitle,
    email: l.email,
    email2: l.email2,
    phone: l.phone,
    mobile: l.mobile,
    website: l.website,
    addressLine1: l.addressLine1,
    postalCode: l.postalCode,
    city: l.city,
    country: l.country,
    industry: ref(l.industryId, r.industryName),
    size: l.size,
    source: ref(l.sourceId, r.sourceName),
    category: ref(l.categoryId, r.categoryName),
    doNotCall: l.doNotCall,
    doNotEmail: l.doNotEmail,
    keyAccount: l.keyAccount,
    description: l.description,
    owner: ref(l.ownerId, r.ownerName),
    team: ref(l.teamId, r.teamName),
    status: { id: l.statusId, name: r.statusName, kind: r.statusKind, closed: r.statusClosed, color: r.statusColor },
    manualScore: l.manualScore,
    computedScore: l.computedScore,
    scoreBreakdown: l.scoreBreakdown.map((b) => ({ ruleId: b.ruleId, name: ruleNames.get(b.ruleId) ?? null, points: b.points })),
    lostReason: ref(l.lostReasonId, r.lostReasonName),
    lostComment: l.lostComment,
    closedAt: l.closedAt,
    converted: l.convertedCompanyId !== null ? { company: companyRef(l.convertedCompanyId), contact: contactRef(l.convertedContactId), opportunity: opportunityRef(l.convertedOpportunityId) } : null,
    fromCompany: companyRef(l.fromCompanyId),
    fromOpportunity: opportunityRef(l.fromOpportunityId),
    tags: db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(leadTags)
      .innerJoin(tags, eq(tags.id, leadTags.tagId))
      .where(eq(leadTags.leadId, id))
      .orderBy(asc(tags.position), asc(tags.name))
      .all(),
    version: l.version,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    lastActivityAt: l.lastActivityAt,
    can: {
      edit: open && mayEdit,
      assign: open && can(viewer, 'assign', rec),
      delete: l.convertedCompanyId === null && can(viewer, 'delete', rec),
      take: open && l.ownerId !== viewer.id && (can(viewer, 'assign', rec) || (l.ownerId === null && mayEdit)),
      reopen: l.closedAt !== null && l.convertedCompanyId === null && mayEdit,
    },
  };
}

/** "This lead matches existing company X / contact Y", among the customers the viewer may see. */
export function leadCustomerMatches(db: Db, viewer: Viewer, lead: LeadDetail): { companies: DuplicateMatch[]; contacts: DuplicateMatch[] } {
  return findCustomerMatches(db, viewer, lead);
}

export type LeadTimelineEntry = { id: number; at: number; actorName: string | null; action: string; data: Record<string, unknown> | null };

/** The activity panel: the lead's history from the audit trail, newest first. */
export function leadTimeline(db: Db, viewer: Viewer, id: number, limit = 100): LeadTimelineEntry[] {
  const r = db.select({ ownerId: leads.ownerId, teamId: leads.teamId }).from(leads).where(eq(leads.id, id)).get();
  if (!r || !can(viewer, 'view', ownedRecord(db, r))) return [];
  return db
    .select({ id: auditLog.id, at: auditLog.at, actorName: users.name, action: auditLog.action, data: auditLog.data })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, 'lead'), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

export type LeadFormOptions = CustomerFormOptions & {
  /** Open statuses (those a click or a drag may choose). */
  statuses: (Option & { kind: LeadStatusKind; closed: boolean; color: StageColor })[];
  industries: Option[];
  sources: Option[];
  categories: Option[];
  lostReasons: Option[];
};

type StatusRow = { id: number; name: string; kind: LeadStatusKind; closed: boolean; color: StageColor };

/** The lead-only part of the choices: the statuses (the reference lists come with the customer form's). */
function leadOptions(base: CustomerFormOptions, statuses: StatusRow[]): LeadFormOptions {
  return {
    ...base,
    statuses: statuses.map((s) => ({ value: String(s.id), label: s.name, kind: s.kind, closed: s.closed, color: s.color })),
    industries: [...base.refs.industry],
    sources: [...base.refs.origin],
    categories: [...base.refs.customer_family],
    lostReasons: [...base.refs.lost_reason],
  };
}

/** The choices of the lead form, the lose step and the filters (retired values already on the record kept). */
export function leadFormOptions(db: Db, viewer: Viewer, keep: { refIds?: (number | null)[]; tagIds?: number[] } = {}, purpose: 'form' | 'filter' = 'form'): LeadFormOptions {
  return leadOptions(customerFormOptions(db, viewer, keep, purpose), listLeadStatuses(db));
}

/** The lead list's two sets of choices, its filters' and its forms' (bulk actions): as two `leadFormOptions` calls, each list read once. */
export function leadListOptions(db: Db, viewer: Viewer): { filter: LeadFormOptions; form: LeadFormOptions } {
  const sets = customerFormOptionSets(db, viewer);
  const statuses = listLeadStatuses(db);
  return { filter: leadOptions(sets.filter, statuses), form: leadOptions(sets.form, statuses) };
}

/** A lead pre-filled from a customer or a won opportunity: "new lead for this customer" (seed 004, repeat lead). */
export function repeatLeadDefaults(db: Db, viewer: Viewer, from: { companyId?: number; opportunityId?: number }): Record<string, string> | null {
  let companyId = from.companyId ?? null;
  let contactId: number | null = null;
  if (from.opportunityId) {
    const o = db.select().from(opportunities).where(eq(opportunities.id, from.opportunityId)).get();
    if (!o || !can(viewer, 'view', ownedRecord(db, o))) return null;
    companyId = o.companyId;
    // The opportunity's primary contact, else its first one.
    contactId =
      db
        .select({ id: opportunityContacts.contactId })
        .from(opportunityContacts)
        .where(eq(opportunityContacts.opportunityId, o.id))
        .orderBy(desc(opportunityContacts.isPrimary), asc(opportunityContacts.id))
        .get()?.id ?? null;
  }
  if (!companyId) return null;
  const c = db.select().from(companies).where(eq(companies.id, companyId)).get();
  if (!c || !can(viewer, 'view', ownedRecord(db, c))) return null;
  const person = contactId ? db.select().from(contacts).where(eq(contacts.id, contactId)).get() : db.select().from(contacts).where(and(eq(contacts.companyId, companyId), eq(contacts.active, true))).orderBy(asc(contacts.id)).get();
  const out: Record<string, string> = {
    companyName: c.name,
    website: c.website ?? '',
    industryId: c.industryId ? String(c.industryId) : '',
    size: c.size ?? '',
    categoryId: c.customerFamilyId ? String(c.customerFamilyId) : '',
    keyAccount: c.keyAccount ? 'on' : '',
  };
  if (person && can(viewer, 'view', ownedRecord(db, person))) {
    Object.assign(out, {
      civility: person.civility ?? '',
      firstName: person.firstName ?? '',
      lastName: person.lastName,
      jobTitle: person.jobTitle ?? '',
      email: person.email ?? '',
      phone: person.phone ?? '',
      mobile: person.mobile ?? '',
    });
  }
  return out;
}
