import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leadSchema, leadUpdateSchema, type LeadInput, type LeadUpdateInput } from '@/lib/leads/schema';
import { createLead } from '@/lib/leads/service';
import { listLeadStatuses } from '@/lib/leads/statuses';
import { T0 } from './db';
import { ctxFor, type Form } from './customers';
import { starterPipeline } from './opportunities';

/** The starter data (pipeline, lists, lead statuses in English) and the statuses by English name. */
export function leadWorld(db: Db) {
  const p = starterPipeline(db);
  const statuses = listLeadStatuses(db);
  const by = (name: string) => statuses.find((s) => s.name === name)!.id;
  return {
    p,
    statuses,
    toHandle: by('To handle'),
    marketing: by('Marketing qualification'),
    sales: by('Sales qualification'),
    nurturing: by('Nurturing'),
    converted: by('Converted'),
    lost: by('Lost'),
  };
}

export function leadInput(form: Form): LeadInput {
  return leadSchema.parse({ teamId: '', ...form });
}

export function leadUpdateInput(form: Form): LeadUpdateInput {
  return leadUpdateSchema.parse({ teamId: '', ...form });
}

/** Creates a lead through the service (duplicates confirmed) as `userId`, owned by them unless said. */
export function makeLead(db: Db, userId: number, form: Form = {}, now = T0 + 3000): number {
  const r = createLead(db, leadInput({ lastName: `Lead ${userId}-${now}-${Math.random().toString(36).slice(2, 6)}`, ownerId: String(userId), confirmDuplicate: 'on', ...form }), ctxFor(db, userId, now));
  if (!r.ok) throw new Error(`makeLead: ${JSON.stringify(r.error)}`);
  return r.value.id;
}

export function leadRow(db: Db, id: number) {
  return db.all<Record<string, unknown>>(sql`select * from leads where id = ${id}`)[0];
}
