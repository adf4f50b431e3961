import { count, eq } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { pipelines, pipelineStages, refValues, type Locale, type StageColor, type StageKind } from '@/db/schema';
import { ensureLeadStatuses } from '@/lib/leads/statuses';

type StarterStage = { name: Record<Locale, string>; kind: StageKind; color: StageColor; probability: number };

/** The pipeline a fresh install starts with (seed 002: qualification → proposal → won / lost). */
export const STARTER_STAGES: StarterStage[] = [
  { name: { fr: 'Qualification', en: 'Qualification' }, kind: 'open', color: 'sky', probability: 10 },
  { name: { fr: 'Analyse des besoins', en: 'Needs analysis' }, kind: 'open', color: 'blue', probability: 25 },
  { name: { fr: 'Proposition', en: 'Proposal' }, kind: 'proposal', color: 'violet', probability: 50 },
  { name: { fr: 'Négociation', en: 'Negotiation' }, kind: 'open', color: 'amber', probability: 75 },
  { name: { fr: 'Gagnée', en: 'Won' }, kind: 'won', color: 'green', probability: 100 },
  { name: { fr: 'Perdue', en: 'Lost' }, kind: 'lost', color: 'red', probability: 0 },
];

const STARTER_PIPELINE: Record<Locale, string> = { fr: 'Affaires nouvelles', en: 'New business' };

const STARTER_REFS: { kind: 'opportunity_type' | 'lost_reason'; names: Record<Locale, string[]> }[] = [
  { kind: 'opportunity_type', names: { fr: ['Nouvelle affaire', 'Renouvellement', 'Extension'], en: ['New business', 'Renewal', 'Upsell'] } },
  {
    kind: 'lost_reason',
    names: { fr: ['Prix', 'Concurrent retenu', 'Pas de budget', 'Pas de décision', 'Calendrier'], en: ['Price', 'Went with a competitor', 'No budget', 'No decision', 'Timing'] },
  },
];

/** Creates a pipeline with the starter stages; returns its id. */
export function createStarterPipeline(tx: Tx, locale: Locale, now: number, o: { name?: string; isDefault?: boolean; position?: number } = {}): number {
  const p = tx
    .insert(pipelines)
    .values({ name: o.name ?? STARTER_PIPELINE[locale], isDefault: o.isDefault ?? true, position: o.position ?? 0, createdAt: now, updatedAt: now })
    .returning({ id: pipelines.id })
    .get();
  tx.insert(pipelineStages)
    .values(STARTER_STAGES.map((s, i) => ({ pipelineId: p.id, name: s.name[locale], kind: s.kind, color: s.color, probability: s.probability, position: i, createdAt: now })))
    .run();
  return p.id;
}

/**
 * What opportunities and leads need before the first one: a default pipeline, opportunity types, lost reasons
 * and the lead statuses, in the organisation's language. Runs at start and after the first admin is created;
 * does nothing twice.
 */
export function ensureStarterData(db: Db, locale: Locale, now: number): void {
  writeTx(db, (tx) => {
    if ((tx.select({ n: count() }).from(pipelines).get()?.n ?? 0) === 0) createStarterPipeline(tx, locale, now);
    ensureLeadStatuses(tx, locale, now);
    for (const ref of STARTER_REFS) {
      if ((tx.select({ n: count() }).from(refValues).where(eq(refValues.kind, ref.kind)).get()?.n ?? 0) > 0) continue;
      tx.insert(refValues)
        .values(ref.names[locale].map((name, position) => ({ kind: ref.kind, name, position, createdAt: now })))
        .run();
    }
  });
}
