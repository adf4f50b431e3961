import { and, eq } from 'drizzle-orm';
import { writeTx, type Db } from '@/db/client';
import { leads, leadScoreRules, refValues, teams, users } from '@/db/schema';
import { loadViewer } from '@/lib/auth/session';
import { convertLead } from '@/lib/leads/convert';
import type { LeadInput } from '@/lib/leads/schema';
import { createLead, loseLead, moveLead, rescoreOpenLeads } from '@/lib/leads/service';
import { listLeadStatuses } from '@/lib/leads/statuses';
import { defaultPipeline, listStages } from '@/lib/pipelines/queries';

const DAY = 86_400_000;

type DemoLead = Partial<LeadInput> & {
  lastName: string;
  /** Owner's email prefix, or a team name for a queue lead. */
  owner?: string;
  queue?: string;
  status?: string;
  source?: string;
  industry?: string;
  daysAgo: number;
  lose?: string;
  convert?: boolean;
};

const LEADS: DemoLead[] = [
  { civility: 'mr', firstName: 'Bruno', lastName: 'Lemaire', companyName: 'Boulangeries Lemaire', jobTitle: 'Directeur général', email: 'bruno@boulangeries-lemaire.fr', phone: '04 78 12 34 56', city: 'Villeurbanne', postalCode: '69100', addressLine1: '5 rue Racine', source: 'Site web', industry: 'Distribution', size: '10-49', owner: 'sophie.lambert', status: 'Qualification commerciale', manualScore: 4, daysAgo: 12 },
  { civility: 'ms', firstName: 'Aurélie', lastName: 'Fontaine', companyName: 'Cabinet Fontaine Architectes', jobTitle: 'Associée', email: 'a.fontaine@fontaine-archi.fr', city: 'Lyon', source: 'Recommandation', industry: 'Services aux entreprises', size: '1-9', owner: 'sophie.lambert', status: 'Qualification marketing', manualScore: 3, daysAgo: 9 },
  { civility: 'mr', firstName: 'Samuel', lastName: 'Nguyen', companyName: 'Hôtel du Parc', jobTitle: 'Responsable technique', email: 's.nguyen@hotelduparc.fr', phone: '04 72 00 11 22', city: 'Annecy', source: 'Salon professionnel', industry: 'Hôtellerie-restauration', size: '50-249', owner: 'karim.benali', manualScore: 3, daysAgo: 3 },
  { civility: 'ms', firstName: 'Claire', lastName: 'Dubois', companyName: 'Groupe Santé Rhône', jobTitle: 'Directrice des achats', email: 'c.dubois@sante-rhone.fr', city: 'Lyon', source: 'Salon professionnel', industry: 'Santé', size: '250-999', keyAccount: true, owner: 'julien.moreau', status: 'Qualification commerciale', manualScore: 5, daysAgo: 20 },
  { civility: 'mr', firstName: 'Paul', lastName: 'Girard', companyName: 'Paul Girard Menuiserie', jobTitle: 'Gérant', phone: '06 33 44 55 66', city: 'Marseille', source: 'Prospection téléphonique', industry: 'Bâtiment et travaux publics', size: '1-9', owner: 'thomas.girard', status: 'Nurturing', manualScore: 1, daysAgo: 45 },
  { civility: 'ms', firstName: 'Léa', lastName: 'Roussel', companyName: 'Écoles de Provence', jobTitle: 'Intendante', email: 'l.roussel@ecoles-provence.fr', city: 'Aix-en-Provence', source: 'Partenaire', industry: 'Services aux entreprises', size: '50-249', owner: 'thomas.girard', manualScore: 2, daysAgo: 6 },
  { civility: 'mr', firstName: 'Henrik', lastName: 'Larsen', companyName: 'Nordic Light AS', jobTitle: 'Purchasing Director', email: 'h.larsen@nordiclight.no', city: 'Oslo', country: 'NO', source: 'Salon professionnel', industry: 'Distribution', size: '50-249', owner: 'laura.chen', status: 'Qualification marketing', manualScore: 4, daysAgo: 8 },
  { civility: 'ms', firstName: 'Maria', lastName: 'Rossi', companyName: 'Luce Milano Srl', jobTitle: 'CEO', email: 'maria@lucemilano.it', city: 'Milano', country: 'IT', source: 'Site web', industry: 'Distribution', size: '10-49', queue: 'Export', daysAgo: 2 },
  { civility: 'mr', firstName: 'Yann', lastName: 'Le Goff', companyName: 'Conserverie Le Goff', jobTitle: 'Directeur de site', email: 'yann@conserverie-legoff.fr', city: 'Quimper', source: 'Site web', industry: 'Industrie', size: '50-249', queue: 'PME Sud-Est', daysAgo: 1 },
  { civility: 'ms', firstName: 'Nina', lastName: 'Morel', companyName: 'Studio Morel', jobTitle: 'Fondatrice', email: 'nina@studiomorel.fr', source: 'Recommandation', size: '1-9', queue: 'Grands comptes', daysAgo: 4 },
  { civility: 'mr', firstName: 'Éric', lastName: 'Vidal', companyName: 'Vidal Transports', jobTitle: 'Responsable logistique', email: 'e.vidal@vidal-transports.fr', city: 'Avignon', source: 'Prospection téléphonique', industry: 'Distribution', size: '50-249', owner: 'emilie.rousseau', lose: 'Pas de budget', daysAgo: 30 },
  { civility: 'mr', firstName: 'Jonas', lastName: 'Weber', companyName: 'Nordlicht GmbH', jobTitle: 'Head of Purchasing', email: 'j.weber@nordlicht.de', source: 'Salon professionnel', industry: 'Distribution', owner: 'laura.chen', daysAgo: 5 },
  { civility: 'ms', firstName: 'Sandrine', lastName: 'Perrin', companyName: 'Perrin Événements', jobTitle: 'Directrice', email: 's.perrin@perrin-evenements.fr', phone: '04 91 22 33 44', city: 'Marseille', source: 'Recommandation', industry: 'Services aux entreprises', size: '10-49', owner: 'thomas.girard', convert: true, daysAgo: 40 },
];

/** Scoring rules like the examples, and leads at every status, in queues, lost and converted. */
export function seedDemoLeads(db: Db, now: number): void {
  const statuses = listLeadStatuses(db);
  const ref = (kind: 'origin' | 'industry' | 'lost_reason', name: string | undefined) =>
    name ? (db.select({ id: refValues.id }).from(refValues).where(and(eq(refValues.kind, kind), eq(refValues.name, name))).get()?.id ?? null) : null;
  const userId = (prefix: string) => db.select({ id: users.id }).from(users).where(eq(users.email, `${prefix}@demo.suivi.app`)).get()!.id;
  const teamId = (name: string) => db.select({ id: teams.id }).from(teams).where(eq(teams.name, name)).get()!.id;
  writeTx(db, (tx) => {
    const rules = [
      { name: 'Directeur ou directrice', field: 'jobTitle' as const, operator: 'contains' as const, value: 'direct', points: 10 },
      { name: 'Venu par recommandation', field: 'sourceId' as const, operator: 'equals' as const, value: String(ref('origin', 'Recommandation')), points: 15 },
      { name: 'Entreprise de 50 salariés et plus', field: 'size' as const, operator: 'atLeast' as const, value: '50-249', points: 10 },
      { name: 'Compte clé', field: 'keyAccount' as const, operator: 'isSet' as const, value: null, points: 5 },
      { name: 'Sans activité depuis 30 jours', field: 'noActivityDays' as const, operator: 'olderThan' as const, value: '30', points: -10 },
    ];
    rules.forEach((r, position) => tx.insert(leadScoreRules).values({ ...r, active: true, position, createdAt: now - 60 * DAY, updatedAt: now - 60 * DAY }).run());
  });
  const admin = loadViewer(db, userId('claire.martin'))!;
  for (const l of LEADS) {
    const ownerId = l.owner ? userId(l.owner) : null;
    const actor = loadViewer(db, ownerId ?? admin.id)!;
    const at = now - l.daysAgo * DAY;
    const input: LeadInput = {
      civility: l.civility ?? null,
      firstName: l.firstName ?? null,
      lastName: l.lastName,
      companyName: l.companyName ?? null,
      jobTitle: l.jobTitle ?? null,
      email: l.email ?? null,
      email2: null,
      phone: l.phone ?? null,
      mobile: null,
      website: null,
      addressLine1: l.addressLine1 ?? null,
      postalCode: l.postalCode ?? null,
      city: l.city ?? null,
      country: l.country ?? (l.city ? 'FR' : null),
      industryId: ref('industry', l.industry),
      size: l.size ?? null,
      sourceId: ref('origin', l.source),
      categoryId: null,
      doNotCall: false,
      doNotEmail: false,
      keyAccount: l.keyAccount ?? false,
      description: null,
      ownerId,
      teamId: l.queue ? teamId(l.queue) : null,
      manualScore: l.manualScore ?? 0,
      tagIds: [],
      confirmDuplicate: true,
    };
    const created = createLead(db, input, { user: ownerId ? actor : admin, now: at });
    if (!created.ok) throw new Error(`demo lead ${l.lastName}: ${created.error.code} ${JSON.stringify(created.error.fieldErrors)}`);
    const id = created.value.id;
    if (l.status) {
      const status = statuses.find((s) => s.name === l.status)!;
      const moved = moveLead(db, { id, statusId: status.id, beforeId: null }, { user: actor, now: at + DAY });
      if (!moved.ok) throw new Error(`demo lead move ${l.lastName}: ${moved.error.code}`);
    }
    if (l.lose) {
      const lost = loseLead(db, id, { lostReasonId: ref('lost_reason', l.lose)!, comment: 'Projet reporté à l’an prochain.' }, { user: actor, now: at + 5 * DAY });
      if (!lost.ok) throw new Error(`demo lead lose ${l.lastName}: ${lost.error.code}`);
    }
    if (l.convert) {
      const pipeline = defaultPipeline(db)!;
      const converted = convertLead(
        db,
        id,
        {
          companyMode: 'new',
          companyId: null,
          companyName: l.companyName!,
          companyType: 'prospect',
          contactMode: 'new',
          contactId: null,
          createOpportunity: true,
          opportunityName: `${l.companyName} – salle de réception`,
          amount: 1_450_000,
          expectedCloseDate: null,
          pipelineId: pipeline.id,
          stageId: listStages(db, pipeline.id)[0].id,
          version: db.select({ v: leads.version }).from(leads).where(eq(leads.id, id)).get()!.v,
        },
        { user: actor, now: at + 10 * DAY },
      );
      if (!converted.ok) throw new Error(`demo lead convert ${l.lastName}: ${converted.error.code} ${JSON.stringify(converted.error.fieldErrors)}`);
    }
  }
  writeTx(db, (tx) => rescoreOpenLeads(tx, now));
}
