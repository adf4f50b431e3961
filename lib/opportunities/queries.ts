import { and, asc, desc, eq, inArray, ne, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import {
  auditLog,
  companies,
  contacts,
  opportunities,
  opportunityContacts,
  opportunityTags,
  pipelines,
  pipelineStages,
  refValues,
  tags,
  teams,
  users,
  type CompanyType,
  type OpportunityStatus,
  type StageColor,
  type StageKind,
} from '@/db/schema';
import { ownedRecord } from '@/lib/customers/access';
import { customerFormOptions, type CustomerFormOptions, type Option } from '@/lib/customers/options';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import { can, visibleWhere, type Viewer } from '@/lib/permissions';
import { allStages, isOpenKind, listPipelines } from '@/lib/pipelines/queries';

const owner = alias(users, 'owner');
const closer = alias(users, 'closer');
const oppType = alias(refValues, 'opp_type');
const source = alias(refValues, 'source');
const lostReason = alias(refValues, 'lost_reason');

/** The probability that counts: the opportunity's own, else its stage's default. */
export const effectiveProbability = sql<number>`coalesce(${opportunities.probability}, ${pipelineStages.probability})`;

export type OpportunityDetail = {
  id: number;
  name: string;
  company: { id: number; name: string; type: CompanyType; archived: boolean };
  contacts: { id: number; name: string; isPrimary: boolean; email: string | null; phone: string | null }[];
  type: { id: number; name: string } | null;
  pipeline: { id: number; name: string };
  stage: { id: number; name: string; kind: StageKind; color: StageColor; probability: number };
  status: OpportunityStatus;
  amount: number;
  bestCase: number | null;
  worstCase: number | null;
  currency: string;
  /** The opportunity's own probability, or null when it follows its stage. */
  probability: number | null;
  effectiveProbability: number;
  score: number;
  expectedCloseDate: string | null;
  source: { id: number; name: string } | null;
  leadId: number | null;
  owner: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  description: string | null;
  closeDate: string | null;
  closedAt: number | null;
  closedBy: string | null;
  lostReason: { id: number; name: string } | null;
  competitor: string | null;
  tags: { id: number; name: string; color: string }[];
  version: number;
  createdAt: number;
  updatedAt: number;
  can: { edit: boolean; assign: boolean; delete: boolean };
};

/** One opportunity with everything its page shows, or null when the viewer may not see it. */
export function getOpportunity(db: Db, viewer: Viewer, id: number): OpportunityDetail | null {
  const r = db
    .select({
      o: opportunities,
      companyName: companies.name,
      companyType: companies.type,
      companyArchived: companies.archived,
      pipelineName: pipelines.name,
      stageName: pipelineStages.name,
      stageKind: pipelineStages.kind,
      stageColor: pipelineStages.color,
      stageProbability: pipelineStages.probability,
      typeName: oppType.name,
      sourceName: source.name,
      lostReasonName: lostReason.name,
      ownerName: owner.name,
      closerName: closer.name,
      teamName: teams.name,
    })
    .from(opportunities)
    .innerJoin(companies, eq(companies.id, opportunities.companyId))
    .innerJoin(pipelines, eq(pipelines.id, opportunities.pipelineId))
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .leftJoin(oppType, eq(oppType.id, opportunities.typeId))
    .leftJoin(source, eq(source.id, opportunities.sourceId))
    .leftJoin(lostReason, eq(lostReason.id, opportunities.lostReasonId))
    .leftJoin(owner, eq(owner.id, opportunities.ownerId))
    .leftJoin(closer, eq(closer.id, opportunities.closedBy))
    .leftJoin(teams, eq(teams.id, opportunities.teamId))
    .where(eq(opportunities.id, id))
    .get();
  if (!r) return null;
  const rec = ownedRecord(db, r.o);
  if (!can(viewer, 'view', rec)) return null;
  const o = r.o;
  const contactRows = db
    .select({
      id: contacts.id,
      name: sql<string>`trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName})`,
      isPrimary: opportunityContacts.isPrimary,
      email: contacts.email,
      phone: sql<string | null>`coalesce(${contacts.phone}, ${contacts.mobile})`,
      ownerId: contacts.ownerId,
      teamId: contacts.teamId,
    })
    .from(opportunityContacts)
    .innerJoin(contacts, eq(contacts.id, opportunityContacts.contactId))
    .where(eq(opportunityContacts.opportunityId, id))
    .orderBy(desc(opportunityContacts.isPrimary), asc(contacts.sortName))
    .all();
  return {
    id: o.id,
    name: o.name,
    company: { id: o.companyId, name: r.companyName, type: r.companyType, archived: r.companyArchived },
    // Contacts the viewer may not see are left out rather than named.
    contacts: contactRows
      // After a contact merge both links may name the same contact: keep the first (primary first).
      .filter((c, i) => contactRows.findIndex((x) => x.id === c.id) === i)
      .filter((c) => can(viewer, 'view', ownedRecord(db, c)))
      .map(({ ownerId: _o, teamId: _t, ...c }) => c),
    type: o.typeId ? { id: o.typeId, name: r.typeName ?? '' } : null,
    pipeline: { id: o.pipelineId, name: r.pipelineName },
    stage: { id: o.stageId, name: r.stageName, kind: r.stageKind, color: r.stageColor, probability: r.stageProbability },
    status: o.status,
    amount: o.amount,
    bestCase: o.bestCase,
    worstCase: o.worstCase,
    currency: o.currency,
    probability: o.probability,
    effectiveProbability: o.probability ?? r.stageProbability,
    score: o.score,
    expectedCloseDate: o.expectedCloseDate,
    source: o.sourceId ? { id: o.sourceId, name: r.sourceName ?? '' } : null,
    leadId: o.leadId,
    owner: o.ownerId ? { id: o.ownerId, name: r.ownerName ?? '' } : null,
    team: o.teamId ? { id: o.teamId, name: r.teamName ?? '' } : null,
    description: o.description,
    closeDate: o.closeDate,
    closedAt: o.closedAt,
    closedBy: r.closerName,
    lostReason: o.lostReasonId ? { id: o.lostReasonId, name: r.lostReasonName ?? '' } : null,
    competitor: o.competitor,
    tags: db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(opportunityTags)
      .innerJoin(tags, eq(tags.id, opportunityTags.tagId))
      .where(eq(opportunityTags.opportunityId, id))
      .orderBy(asc(tags.position), asc(tags.name))
      .all(),
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    can: { edit: can(viewer, 'edit', rec), assign: can(viewer, 'assign', rec), delete: can(viewer, 'delete', rec) },
  };
}

export type OpportunitySummary = {
  id: number;
  name: string;
  companyId: number;
  companyName: string;
  stageName: string;
  stageColor: StageColor;
  status: OpportunityStatus;
  amount: number;
  currency: string;
  probability: number;
  expectedCloseDate: string | null;
  closeDate: string | null;
  ownerName: string | null;
};

const summaryColumns = {
  id: opportunities.id,
  name: opportunities.name,
  companyId: opportunities.companyId,
  companyName: companies.name,
  stageName: pipelineStages.name,
  stageColor: pipelineStages.color,
  status: opportunities.status,
  amount: opportunities.amount,
  currency: opportunities.currency,
  probability: effectiveProbability,
  expectedCloseDate: opportunities.expectedCloseDate,
  closeDate: opportunities.closeDate,
  ownerName: owner.name,
};

/** The summaries matching `where` that `viewer` may see, in their order, as a query to finish (get, prepare). */
function summaryQuery(db: Db, where: SQL | undefined, visible: SQL, limit: number | Placeholder) {
  return (
    db
      .select(summaryColumns)
      .from(opportunities)
      .innerJoin(companies, eq(companies.id, opportunities.companyId))
      .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
      .leftJoin(owner, eq(owner.id, opportunities.ownerId))
      .where(and(where, visible))
      // Open ones first (by expected close), then the closed ones, latest first.
      .orderBy(sql`${opportunities.status} <> 'open'`, sql`coalesce(${opportunities.expectedCloseDate}, '9999')`, desc(opportunities.closeDate), asc(opportunities.id))
      .limit(limit)
  );
}

function summaries(db: Db, viewer: Viewer, where: SQL | undefined, limit: number): OpportunitySummary[] {
  return summaryQuery(db, where, visibleWhere(viewer, opportunities), limit).all();
}

/** A company's opportunities the viewer may see, for its page. */
export function companyOpportunities(db: Db, viewer: Viewer, companyId: number, limit = 100): OpportunitySummary[] {
  // The customer page's read, built once per connection and visibility shape (lib/db/prepared.ts).
  return prepared(db, `opportunities.ofCompany:${viewerShape(viewer)}`, () =>
    summaryQuery(db, and(eq(opportunities.companyId, ph('companyId'))), visibleWherePrepared(viewer, opportunities), ph('limit')).prepare(),
  ).all({ ...viewerParams(viewer), companyId, limit });
}

/** A contact's opportunities the viewer may see, for its page. */
export function contactOpportunities(db: Db, viewer: Viewer, contactId: number, limit = 100): OpportunitySummary[] {
  return summaries(db, viewer, and(sql`${opportunities.id} in (select opportunity_id from opportunity_contacts where contact_id = ${contactId})`), limit);
}

/** After a prospect's win: its other open opportunities, those this viewer may edit (the offer to close them). */
export function otherOpenOpportunities(db: Db, viewer: Viewer, wonId: number): OpportunitySummary[] {
  const won = db.select({ companyId: opportunities.companyId }).from(opportunities).where(eq(opportunities.id, wonId)).get();
  if (!won) return [];
  return summaries(db, viewer, and(eq(opportunities.companyId, won.companyId), eq(opportunities.status, 'open'), ne(opportunities.id, wonId)), 200).filter((s) => {
    const r = db.select({ ownerId: opportunities.ownerId, teamId: opportunities.teamId }).from(opportunities).where(eq(opportunities.id, s.id)).get();
    return r ? can(viewer, 'edit', ownedRecord(db, r)) : false;
  });
}

export type OpportunityTimelineEntry = {
  id: number;
  at: number;
  actorName: string | null;
  action: string;
  data: Record<string, unknown> | null;
  /** The lost reason named by a `lost` entry (the audit row keeps its id only). */
  lostReason: string | null;
  /** The won opportunity a `lost` entry was closed after (the offer to close a prospect's others), if still visible. */
  via: { id: number; name: string } | null;
};

/** The activity panel: the opportunity's history from the audit trail, newest first. */
export function opportunityTimeline(db: Db, viewer: Viewer, id: number, limit = 100): OpportunityTimelineEntry[] {
  const r = db.select({ ownerId: opportunities.ownerId, teamId: opportunities.teamId }).from(opportunities).where(eq(opportunities.id, id)).get();
  if (!r || !can(viewer, 'view', ownedRecord(db, r))) return [];
  const rows = db
    .select({ id: auditLog.id, at: auditLog.at, actorName: users.name, action: auditLog.action, data: auditLog.data })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, 'opportunity'), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const reasonIds = [...new Set(rows.map((e) => num(e.data?.lostReasonId)).filter((x): x is number => x !== null))];
  const reasons = new Map(reasonIds.length ? db.select({ id: refValues.id, name: refValues.name }).from(refValues).where(inArray(refValues.id, reasonIds)).all().map((x) => [x.id, x.name]) : []);
  const viaIds = [...new Set(rows.map((e) => num(e.data?.via)).filter((x): x is number => x !== null))];
  // Only the won opportunities the viewer may see are named.
  const via = new Map(
    viaIds.length
      ? db
          .select({ id: opportunities.id, name: opportunities.name })
          .from(opportunities)
          .where(and(inArray(opportunities.id, viaIds), visibleWhere(viewer, opportunities)))
          .all()
          .map((x) => [x.id, x])
      : [],
  );
  return rows.map((e) => {
    const reasonId = num(e.data?.lostReasonId);
    const viaId = num(e.data?.via);
    return { ...e, lostReason: reasonId !== null ? (reasons.get(reasonId) ?? null) : null, via: viaId !== null ? (via.get(viaId) ?? null) : null };
  });
}

export type ContactChoice = { id: number; name: string; companyId: number | null };

/**
 * The contacts the opportunity form offers: those of the given companies the viewer may see (active ones,
 * plus `keep`: contacts already on the opportunity, whatever their company), by company then name.
 */
export function contactChoices(db: Db, viewer: Viewer, companyIds: number[], keep: number[] = [], limit = 1000): ContactChoice[] {
  const ids = [...new Set(companyIds)];
  const cols = {
    id: contacts.id,
    name: sql<string>`trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName})`,
    companyId: contacts.companyId,
  };
  const found = ids.length
    ? db
        .select(cols)
        .from(contacts)
        .where(and(inArray(contacts.companyId, ids), eq(contacts.active, true), visibleWhere(viewer, contacts)))
        .orderBy(asc(contacts.companyId), asc(contacts.sortName))
        .limit(limit)
        .all()
    : [];
  const missing = keep.filter((k) => !found.some((c) => c.id === k));
  const kept = missing.length ? db.select(cols).from(contacts).where(and(inArray(contacts.id, missing), visibleWhere(viewer, contacts))).all() : [];
  return [...found, ...kept];
}

export type StageOption = Option & { pipelineId: number; kind: StageKind; probability: number };
export type OpportunityFormOptions = CustomerFormOptions & {
  pipelines: (Option & { isDefault: boolean })[];
  /** Open stages only: won and lost are reached by closing. */
  stages: StageOption[];
  types: Option[];
  sources: Option[];
  lostReasons: Option[];
};

/** The choices of the opportunity form and of the closing step (retired values already on the record kept). */
export function opportunityFormOptions(db: Db, viewer: Viewer, keep: { refIds?: (number | null)[]; tagIds?: number[] } = {}, purpose: 'form' | 'filter' = 'form'): OpportunityFormOptions {
  // The reference lists (retired values kept) come with the customer form's choices.
  const base = customerFormOptions(db, viewer, keep, purpose);
  return {
    ...base,
    pipelines: listPipelines(db).map((p) => ({ value: String(p.id), label: p.name, isDefault: p.isDefault })),
    stages: allStages(db)
      .filter((s) => purpose === 'filter' || isOpenKind(s.kind))
      .map((s) => ({ value: String(s.id), label: s.name, pipelineId: s.pipelineId, kind: s.kind, probability: s.probability })),
    types: [...base.refs.opportunity_type],
    sources: [...base.refs.origin],
    lostReasons: [...base.refs.lost_reason],
  };
}
