import { and, eq } from 'drizzle-orm';
import { writeTx, type Db } from '@/db/client';
import { companies, contacts, refValues } from '@/db/schema';
import { loadViewer } from '@/lib/auth/session';
import { dayIn } from '@/lib/opportunities/dates';
import type { OpportunityInput } from '@/lib/opportunities/schema';
import { closeOpportunity, createOpportunity, moveOpportunity } from '@/lib/opportunities/service';
import { defaultPipeline, listStages } from '@/lib/pipelines/queries';
import { createStarterPipeline, ensureStarterData } from '@/lib/pipelines/starter';

const DAY = 86_400_000;

type DemoOpportunity = {
  company: string;
  name: string;
  pipeline?: 'renewals';
  /** Stage name in French (starter stages), or won/lost. */
  stage: string;
  amount: number;
  best?: number;
  worst?: number;
  currency?: string;
  probability?: number;
  score?: number;
  /** Days from now for the expected close (open), or days ago for the close (won/lost). */
  days: number;
  type?: string;
  lostReason?: string;
  competitor?: string;
  description?: string;
};

const OPPORTUNITIES: DemoOpportunity[] = [
  { company: 'Hôtels Lumière SA', name: 'Rénovation éclairage du hall – Lyon', stage: 'Négociation', amount: 48_000, best: 55_000, worst: 40_000, score: 4, days: 20, type: 'Nouvelle affaire', description: 'Remplacement des lustres et de l’éclairage indirect du hall, 2 phases.' },
  { company: 'Hôtels Lumière SA', name: 'Contrat de maintenance 2027', pipeline: 'renewals', stage: 'Proposition', amount: 18_000, score: 3, days: 45, type: 'Renouvellement' },
  { company: 'Hôtels Lumière SA', name: 'Éclairage entrepôt Saint-Priest', stage: 'won', amount: 32_000, days: 40, type: 'Extension' },
  { company: 'Brasseries du Rhône', name: 'LED pour l’atelier de brassage', stage: 'Proposition', amount: 26_000, best: 30_000, worst: 22_000, score: 4, days: 30, type: 'Nouvelle affaire' },
  { company: 'Brasseries du Rhône', name: 'Enseigne lumineuse de la terrasse', stage: 'Qualification', amount: 7_500, score: 2, days: 75 },
  { company: 'Clinique des Alpes', name: 'Éclairage des blocs opératoires', stage: 'Analyse des besoins', amount: 120_000, best: 140_000, worst: 95_000, probability: 30, score: 5, days: 120, type: 'Extension' },
  { company: 'Clinique des Alpes', name: 'Parking extérieur', stage: 'lost', amount: 15_000, days: 20, lostReason: 'Prix', competitor: 'Lumiplan' },
  { company: 'Menuiseries Provençales', name: 'Éclairage de sécurité de l’atelier', stage: 'Qualification', amount: 9_800, score: 2, days: 60 },
  { company: 'Mairie de Cassis', name: 'Illuminations de Noël 2026', stage: 'Négociation', amount: 22_000, score: 4, days: 10, type: 'Renouvellement' },
  { company: 'Mairie de Cassis', name: 'Éclairage public du port', stage: 'won', amount: 64_000, days: 75, type: 'Nouvelle affaire' },
  { company: 'Nordlicht GmbH', name: 'Référencement distribution Allemagne', stage: 'Proposition', amount: 40_000, score: 3, days: 50, type: 'Nouvelle affaire' },
  { company: 'Lumen Lighting Ltd', name: 'UK showroom fit-out', stage: 'Qualification', amount: 18_000, currency: 'GBP', score: 3, days: 90 },
  { company: 'Société Générale d’Éclairage', name: 'Audit énergétique du siège', stage: 'Analyse des besoins', amount: 12_000, score: 3, days: 35 },
  { company: 'Société Générale d’Éclairage', name: 'Relamping des bureaux', stage: 'Qualification', amount: 36_000, best: 42_000, score: 2, days: 150 },
];

/** A second pipeline and opportunities at every step for the demo companies, written through the services. */
export function seedDemoOpportunities(db: Db, now: number): void {
  ensureStarterData(db, 'fr', now - 30 * DAY);
  const main = listStages(db, defaultPipeline(db)!.id);
  const renewalsId = writeTx(db, (tx) => createStarterPipeline(tx, 'fr', now - 30 * DAY, { name: 'Renouvellements', isDefault: false, position: 1 }));
  const renewals = listStages(db, renewalsId);
  const ref = (kind: 'opportunity_type' | 'lost_reason', name: string) =>
    db.select({ id: refValues.id }).from(refValues).where(and(eq(refValues.kind, kind), eq(refValues.name, name))).get()?.id ?? null;
  OPPORTUNITIES.forEach((o, i) => {
    const company = db.select().from(companies).where(eq(companies.name, o.company)).get()!;
    const viewer = loadViewer(db, company.ownerId!)!;
    const stages = o.pipeline === 'renewals' ? renewals : main;
    const pipelineId = stages[0].pipelineId;
    const closed = o.stage === 'won' || o.stage === 'lost';
    const createdAt = now - (closed ? o.days + 30 : 25 - i) * DAY;
    const contactIds = db.select({ id: contacts.id }).from(contacts).where(eq(contacts.companyId, company.id)).all().map((c) => c.id);
    const input: OpportunityInput = {
      name: o.name,
      companyId: company.id,
      contactIds: contactIds.slice(0, 2),
      primaryContactId: contactIds[0] ?? null,
      typeId: o.type ? ref('opportunity_type', o.type) : null,
      pipelineId,
      stageId: null,
      amount: o.amount * 100,
      bestCase: o.best ? o.best * 100 : null,
      worstCase: o.worst ? o.worst * 100 : null,
      currency: o.currency,
      probability: o.probability ?? null,
      score: o.score ?? 0,
      expectedCloseDate: dayIn('Europe/Paris', closed ? now - o.days * DAY : now + o.days * DAY),
      confirmCloseDate: true,
      sourceId: company.originId,
      ownerId: viewer.id,
      teamId: null,
      description: o.description ?? null,
      tagIds: [],
    };
    const created = createOpportunity(db, input, { user: viewer, now: createdAt });
    if (!created.ok) throw new Error(`demo opportunity ${o.name}: ${created.error.code} ${JSON.stringify(created.error.fieldErrors)}`);
    const id = created.value.id;
    if (closed) {
      const res = closeOpportunity(
        db,
        id,
        { outcome: o.stage as 'won' | 'lost', closeDate: dayIn('Europe/Paris', now - o.days * DAY), lostReasonId: o.lostReason ? ref('lost_reason', o.lostReason) : null, competitor: o.competitor ?? null },
        { user: viewer, now: now - o.days * DAY },
      );
      if (!res.ok) throw new Error(`demo close ${o.name}: ${res.error.code}`);
      return;
    }
    const target = stages.find((s) => s.name === o.stage);
    if (!target) throw new Error(`demo stage ${o.stage}`);
    if (target.id !== stages[0].id) {
      const moved = moveOpportunity(db, { id, stageId: target.id, beforeId: null }, { user: viewer, now: createdAt + 3 * DAY });
      if (!moved.ok) throw new Error(`demo move ${o.name}: ${moved.error.code}`);
    }
  });
}
