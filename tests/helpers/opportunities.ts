import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { writeTx } from '@/db/client';
import { listStages } from '@/lib/pipelines/queries';
import { createStarterPipeline, ensureStarterData } from '@/lib/pipelines/starter';
import { opportunitySchema, opportunityUpdateSchema, type OpportunityInput, type OpportunityUpdateInput } from '@/lib/opportunities/schema';
import { createOpportunity } from '@/lib/opportunities/service';
import { T0 } from './db';
import { ctxFor, type Form } from './customers';

/**
 * The starter pipeline (Qualification 10 %, Needs analysis 25 %, Proposal 50 %, Negotiation 75 %, Won, Lost),
 * opportunity types and lost reasons, in English. Returns the pipeline and its stages by English name.
 */
export function starterPipeline(db: Db) {
  ensureStarterData(db, 'en', T0);
  const pipelineId = db.all<{ id: number }>(sql`select id from pipelines order by id limit 1`)[0].id;
  return { pipelineId, ...stagesOf(db, pipelineId) };
}

/** Another pipeline with the starter stages. */
export function makePipeline(db: Db, name: string): { pipelineId: number } & ReturnType<typeof stagesOf> {
  const pipelineId = writeTx(db, (tx) => createStarterPipeline(tx, 'en', T0, { name, isDefault: false, position: 1 }));
  return { pipelineId, ...stagesOf(db, pipelineId) };
}

function stagesOf(db: Db, pipelineId: number) {
  const stages = listStages(db, pipelineId);
  const by = (name: string) => stages.find((s) => s.name === name)!.id;
  return {
    stages,
    qualification: by('Qualification'),
    needs: by('Needs analysis'),
    proposal: by('Proposal'),
    negotiation: by('Negotiation'),
    won: by('Won'),
    lost: by('Lost'),
  };
}

/** A reference value id of a starter list by name (e.g. refId(db, 'lost_reason', 'Price')). */
export function refId(db: Db, kind: 'opportunity_type' | 'lost_reason' | 'origin', name: string): number {
  const r = db.all<{ id: number }>(sql`select id from ref_values where kind = ${kind} and name = ${name}`)[0];
  if (!r) throw new Error(`no ${kind} named ${name}`);
  return r.id;
}

/** What the opportunity form posts, parsed by the real schema. */
export function opportunityInput(form: Form): OpportunityInput {
  return opportunitySchema.parse({ teamId: '', stageId: '', ...form });
}

export function opportunityUpdateInput(form: Form): OpportunityUpdateInput {
  return opportunityUpdateSchema.parse({ teamId: '', stageId: '', ...form });
}

/** Creates an opportunity through the service as `userId` (owned by them unless said) and returns its id. */
export function makeOpportunity(db: Db, userId: number, companyId: number, pipelineId: number, form: Form = {}, now = T0 + 2000): number {
  const r = createOpportunity(
    db,
    opportunityInput({ name: `Deal ${userId}-${now}-${Math.random().toString(36).slice(2, 6)}`, companyId: String(companyId), pipelineId: String(pipelineId), ownerId: String(userId), ...form }),
    ctxFor(db, userId, now),
  );
  if (!r.ok) throw new Error(`makeOpportunity: ${JSON.stringify(r.error)}`);
  return r.value.id;
}
