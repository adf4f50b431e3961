// The bench dataset (issue 6): a deterministic organisation at scale, written into its own SQLite file.
// The organisation (admin, users, teams, reference lists, tags, pipelines, lead statuses, scoring rules) is made
// through the app's services; the bulk records through raw prepared statements, the way the services would write
// them (same derived columns, channels and search rows). Same seed + same asOf ⇒ same rows (password hash aside:
// argon2 salts it at random).
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase, writeTx, type Db } from '@/db/client';
import type { CompanyType, ConsentStatus, LeadStatusKind, OpportunityStatus, RefKind, StageKind } from '@/db/schema';
import { setupFirstAdmin } from '@/lib/auth/service';
import { loadViewer } from '@/lib/auth/session';
import { companyNameKey, emailDomainOf, normalizePhone, personNameKey, sortKey, websiteDomain } from '@/lib/customers/normalize';
import { createScoreRule } from '@/lib/leads/rules';
import { computeScore, type ScoreRule, type ScoredLead } from '@/lib/leads/scoring';
import { listLeadStatuses } from '@/lib/leads/statuses';
import type { Viewer } from '@/lib/permissions';
import { listStages, type StageRow } from '@/lib/pipelines/queries';
import { createStarterPipeline, ensureStarterData } from '@/lib/pipelines/starter';
import { createRefValue, createTag } from '@/lib/reference/service';
import type { TagColor } from '@/lib/reference/schema';
import { rowidOf } from '@/lib/search/index-records';
import { createTeam, createUser } from '@/lib/users/service';

// --- public shape ------------------------------------------------------------------------------------------

export const BENCH_PASSWORD = 'suivi-bench-2026';
export const DEFAULT_SEED = 6;
/** Full-scale counts (factor 1). */
export const BASE_COUNTS = { companies: 100_000, contacts: 300_000, leads: 200_000, opportunities: 50_000 } as const;
/** Floors, so a tiny factor still holds the big customer and a few records of every kind. */
export const MIN_COUNTS = { companies: 10, contacts: 30, leads: 20, opportunities: 40 } as const;
/** What the big customer has, at every scale. */
export const BIG_CUSTOMER = { contacts: 20, leads: 10, opportunities: 30 } as const;

export type Counts = { companies: number; contacts: number; leads: number; opportunities: number };

export function plannedCounts(factor: number): Counts {
  const n = (k: keyof Counts) => Math.max(MIN_COUNTS[k], Math.round(BASE_COUNTS[k] * factor));
  return { companies: n('companies'), contacts: n('contacts'), leads: n('leads'), opportunities: n('opportunities') };
}

export type Manifest = {
  scale: string;
  factor: number;
  seed: number;
  /** YYYY-MM-DD (UTC midnight): every date in the data is relative to it. */
  asOf: string;
  asOfMs: number;
  generatedAt: string;
  sqliteVersion: string;
  nodeVersion: string;
  seconds: number;
  fileBytes: number;
  counts: Counts & {
    fts: number;
    companyAddresses: number;
    companyTags: number;
    contactChannels: number;
    contactTags: number;
    opportunityContacts: number;
    opportunityTags: number;
    leadChannels: number;
    leadTags: number;
    auditLog: number;
    users: number;
  };
  leadsByKind: Record<LeadStatusKind, number>;
  opportunitiesByStatus: Record<OpportunityStatus, number>;
  password: string;
  admin: { id: number; email: string };
  /** The manager is a member of every team (sees everything through the team rules, not as an admin). */
  manager: { id: number; email: string; teamIds: number[] };
  owners: { id: number; email: string; teamId: number }[];
  teams: { id: number; name: string }[];
  bigCustomerId: number;
  bigCustomer: { id: number; name: string; ownerId: number; contacts: number; leads: number; opportunities: number };
  defaultPipelineId: number;
  secondPipelineId: number;
  leadStatuses: { id: number; name: string; kind: LeadStatusKind }[];
  stages: { id: number; pipelineId: number; name: string; kind: StageKind }[];
  scoreRuleIds: number[];
  /** A prefix (FTS `"prefix"*`) that matches many records of every kind; matches per kind below. */
  searchPrefix: string;
  searchPrefixMatches: { companies: number; contacts: number; opportunities: number; leads: number };
};

export type GenerateOptions = {
  file: string;
  /** Factor on BASE_COUNTS: full = 1, small = 0.1. */
  scale: number;
  /** The name recorded in the manifest ('full', 'small'); the factor when absent. */
  scaleName?: string;
  seed: number;
  /** UTC midnight, ms. */
  asOf: number;
  log?: (line: string) => void;
};

export function manifestPathOf(file: string): string {
  return file.replace(/\.db$/, '') + '.json';
}

export function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

// --- randomness ----------------------------------------------------------------------------------------------

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** min..max inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Earlier items more often (power > 1 skews towards the start). */
  skewed<T>(xs: readonly T[], power: number): T {
    return xs[Math.floor(xs.length * this.next() ** power)];
  }
  maybe<T>(p: number, f: () => T): T | null {
    return this.next() < p ? f() : null;
  }
  /** Index by weight; `weights` need not sum to 1. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

// Record kinds for per-record streams: a record's details depend only on (seed, kind, id).
const K = { company: 1, contact: 2, person: 3, opportunity: 4, lead: 5, leadPerson: 6 } as const;

// --- time ----------------------------------------------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Five years of history, plus the weeks the organisation took to set up. */
const HISTORY_DAYS = 5 * 365 + 40;

// The organisation's calendar day, as lib/opportunities/dates.ts dayIn('Europe/Paris', …) (one formatter, reused).
const parisFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const parisDay = (at: number) => parisFormat.format(new Date(at));

// --- word lists ----------------------------------------------------------------------------------------------

const SURNAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David',
  'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier',
  'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry',
  'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun',
  'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy',
  'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois',
  'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte', 'Lopez', 'Jean', 'Dupuy', 'Guillot', 'Hubert', 'Berger',
  'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Louis', 'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam',
  'Paris', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault', 'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé',
  'Schneider', 'Fernandez', 'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Daniel', 'Le Roux', 'Cousin', 'Germain',
  'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Weber', 'Mallet', 'Hamon',
  'Boulanger', 'Jacob', 'Monnier', 'Michaud', 'Rodriguez', 'Guichard', 'Gillet', 'Étienne', 'Grondin', 'Poulain', 'Tessier', 'Chevallier', 'Collin',
  'Chauvin', 'Da Silva', 'Bouchet', 'Gay', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud', 'Antoine', 'Hoarau', 'Perret', 'Barthélemy', 'Cordier',
  'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier', 'Carlier', 'Laporte', 'Benali', 'Haddad', 'Nguyen', 'Diallo', 'Traoré', 'Ferreira',
];
const MALE = [
  'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Patrick', 'Laurent', 'Frédéric', 'Julien', 'Stéphane', 'Sébastien', 'Thomas',
  'Olivier', 'David', 'Éric', 'Antoine', 'Maxime', 'Alexandre', 'Guillaume', 'Romain', 'Kevin', 'Hugo', 'Lucas', 'Louis', 'Paul', 'Marc', 'François', 'Benoît',
  'Mathieu', 'Vincent', 'Yann', 'Karim', 'Mehdi', 'Bruno', 'Didier', 'Thierry', 'Jérôme', 'Cédric', 'Arnaud', 'Damien', 'Fabien', 'Gilles', 'Hervé',
  'Jacques', 'Luc', 'Xavier', 'Yves', 'Emmanuel', 'Florian', 'Quentin', 'Adrien', 'Bastien', 'Clément', 'Théo', 'Nathan', 'Raphaël', 'Gabriel', 'Arthur',
  'Léo', 'Jules', 'Samuel', 'Marcel',
];
const FEMALE = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Valérie', 'Christine', 'Stéphanie', 'Céline', 'Aurélie', 'Julie', 'Émilie', 'Camille',
  'Sophie', 'Laura', 'Manon', 'Léa', 'Chloé', 'Sarah', 'Inès', 'Clara', 'Anne', 'Hélène', 'Claire', 'Caroline', 'Virginie', 'Élodie', 'Audrey', 'Mélanie',
  'Charlotte', 'Pauline', 'Lucie', 'Marion', 'Margaux', 'Juliette', 'Élise', 'Agnès', 'Brigitte', 'Martine', 'Véronique', 'Patricia', 'Florence', 'Corinne',
  'Laurence', 'Delphine', 'Karine', 'Nadia', 'Samia', 'Leïla', 'Fatima', 'Amandine', 'Justine', 'Océane', 'Anaïs', 'Alice', 'Louise', 'Jeanne', 'Zoé',
  'Emma', 'Jade', 'Lina', 'Eva', 'Romane',
];
const ACTIVITIES = [
  'Transports', 'Menuiserie', 'Boulangerie', 'Garage', 'Cabinet', 'Imprimerie', 'Plomberie', 'Électricité', 'Pharmacie', 'Hôtel', 'Restaurant', 'Clinique',
  'Laboratoires', 'Ateliers', 'Éditions', 'Conseil', 'Constructions', 'Distribution', 'Logistique', 'Informatique', 'Agence', 'Studio', 'Brasserie',
  'Fromagerie', 'Vignobles', 'Domaine', 'Caves', 'Serrurerie', 'Charpentes', 'Maçonnerie', 'Paysages', 'Nettoyage', 'Sécurité', 'Énergies', 'Chauffage',
  'Carrosserie', 'Quincaillerie', 'Librairie', 'Optique', 'Boucherie', 'Traiteur', 'Architectes', 'Géomètres', 'Expertise comptable', 'Assurances',
  'Immobilier', 'Travaux publics', 'Peinture', 'Toitures', 'Isolation', 'Froid industriel', 'Mécanique', 'Usinage', 'Plasturgie', 'Textiles', 'Emballages',
  'Matériaux', 'Jardinerie', 'Auto-école', 'Ambulances',
];
const REGIONS = [
  'du Rhône', 'de Provence', 'des Alpes', 'de Bretagne', 'du Nord', 'de l’Ouest', 'de l’Atlantique', 'de la Méditerranée', 'de Normandie', 'd’Alsace',
  'de Lorraine', 'du Languedoc', 'de Savoie', 'du Val de Loire', 'de Gascogne', 'du Sud-Ouest', 'de Champagne', 'de Bourgogne', 'du Jura', 'des Vosges',
  'd’Auvergne', 'du Limousin', 'de Picardie', 'des Landes', 'du Périgord', 'de Touraine', 'du Berry', 'des Cévennes', 'du Vercors', 'de la Côte d’Azur',
];
const STEMS = ['Axi', 'Nova', 'Lumi', 'Veri', 'Calo', 'Dora', 'Evo', 'Fila', 'Galea', 'Hexa', 'Ita', 'Kine', 'Lexo', 'Mira', 'Nexa', 'Opti', 'Prima', 'Quali', 'Rexo', 'Sola', 'Terra', 'Ultra', 'Vita', 'Xeno', 'Zeta', 'Alpi', 'Bio', 'Cyber', 'Delta', 'Eco'];
const SUFFIXES = ['tec', 'lis', 'ris', 'nov', 'lux', 'com', 'sys', 'vert', 'line', 'tis', 'gen', 'plus', 'pro', 'dis', 'form'];
const LEGAL = ['', '', '', '', '', '', '', '', '', 'SAS', 'SAS', 'SAS', 'SAS', 'SARL', 'SARL', 'SARL', 'SARL', 'SA', 'SA', 'EURL', 'SCI', 'SASU'];
/** [city, postal code, phone region digit] */
const CITIES: [string, string, number][] = [
  ['Paris', '75001', 1], ['Paris', '75008', 1], ['Paris', '75011', 1], ['Paris', '75015', 1], ['Paris', '75017', 1], ['Boulogne-Billancourt', '92100', 1],
  ['Versailles', '78000', 1], ['Nanterre', '92000', 1], ['Saint-Denis', '93200', 1], ['Créteil', '94000', 1], ['Argenteuil', '95100', 1], ['Lyon', '69002', 4],
  ['Lyon', '69003', 4], ['Lyon', '69007', 4], ['Villeurbanne', '69100', 4], ['Marseille', '13001', 4], ['Marseille', '13008', 4], ['Aix-en-Provence', '13100', 4],
  ['Nice', '06000', 4], ['Toulon', '83000', 4], ['Montpellier', '34000', 4], ['Nîmes', '30000', 4], ['Avignon', '84000', 4], ['Grenoble', '38000', 4],
  ['Saint-Étienne', '42000', 4], ['Annecy', '74000', 4], ['Chambéry', '73000', 4], ['Clermont-Ferrand', '63000', 4], ['Toulouse', '31000', 5],
  ['Bordeaux', '33000', 5], ['Pau', '64000', 5], ['Bayonne', '64100', 5], ['Limoges', '87000', 5], ['Poitiers', '86000', 5], ['La Rochelle', '17000', 5],
  ['Perpignan', '66000', 4], ['Nantes', '44000', 2], ['Rennes', '35000', 2], ['Brest', '29200', 2], ['Quimper', '29000', 2], ['Angers', '49000', 2],
  ['Le Mans', '72000', 2], ['Tours', '37000', 2], ['Orléans', '45000', 2], ['Caen', '14000', 2], ['Rouen', '76000', 2], ['Le Havre', '76600', 2],
  ['Lille', '59000', 3], ['Roubaix', '59100', 3], ['Amiens', '80000', 3], ['Reims', '51100', 3], ['Metz', '57000', 3], ['Nancy', '54000', 3],
  ['Strasbourg', '67000', 3], ['Mulhouse', '68100', 3], ['Dijon', '21000', 3], ['Besançon', '25000', 3], ['Troyes', '10000', 3],
];
const FOREIGN: [string, string, string][] = [
  ['BE', 'Bruxelles', '1000'], ['BE', 'Liège', '4000'], ['CH', 'Genève', '1201'], ['CH', 'Lausanne', '1003'], ['DE', 'Hamburg', '20457'], ['DE', 'München', '80331'],
  ['IT', 'Milano', '20121'], ['ES', 'Barcelona', '08001'], ['GB', 'London', 'EC1A 1BB'], ['LU', 'Luxembourg', '1111'],
];
const STREET_TYPES = ['rue', 'rue', 'rue', 'avenue', 'avenue', 'boulevard', 'place', 'chemin', 'allée', 'impasse', 'route', 'quai'];
const STREETS = [
  'de la République', 'Victor Hugo', 'Jean Jaurès', 'du Général de Gaulle', 'Pasteur', 'de la Gare', 'des Lilas', 'du Commerce', 'de l’Industrie', 'Gambetta',
  'Voltaire', 'Émile Zola', 'de Paris', 'des Écoles', 'du Moulin', 'de la Paix', 'Carnot', 'Jean Moulin', 'Foch', 'de Verdun', 'des Acacias', 'du Stade',
  'de l’Église', 'Nationale', 'des Prés', 'Saint-Exupéry', 'Molière', 'Lafayette', 'de la Liberté', 'du 8 Mai 1945',
];
const ZONES = ['ZA des Paluds', 'ZI Nord', 'Parc d’activités du Moulin', 'Bâtiment B', 'ZAC de la Gare', '2e étage', 'Zone artisanale Est'];
/** [masculine, feminine] */
const JOBS: [string, string][] = [
  ['Directeur général', 'Directrice générale'], ['Responsable des achats', 'Responsable des achats'], ['Directeur commercial', 'Directrice commerciale'],
  ['Gérant', 'Gérante'], ['Assistant de direction', 'Assistante de direction'], ['Responsable technique', 'Responsable technique'], ['Chef de projet', 'Cheffe de projet'],
  ['Comptable', 'Comptable'], ['Directeur administratif et financier', 'Directrice administrative et financière'], ['Responsable maintenance', 'Responsable maintenance'],
  ['Acheteur', 'Acheteuse'], ['Responsable logistique', 'Responsable logistique'], ['Directeur de site', 'Directrice de site'], ['Responsable qualité', 'Responsable qualité'],
  ['Chargé d’affaires', 'Chargée d’affaires'], ['Office manager', 'Office manager'], ['Responsable RH', 'Responsable RH'], ['Directeur des opérations', 'Directrice des opérations'],
  ['Responsable des services généraux', 'Responsable des services généraux'], ['Président', 'Présidente'], ['Conducteur de travaux', 'Conductrice de travaux'],
  ['Responsable informatique', 'Responsable informatique'],
];
const jobOf = (r: Rng, p: { civility: 'mr' | 'ms' | null }) => r.pick(JOBS)[p.civility === 'ms' ? 1 : p.civility === 'mr' ? 0 : r.int(0, 1)];
const DEPARTMENTS = ['Achats', 'Direction', 'Technique', 'Comptabilité', 'Logistique', 'Commercial', 'Ressources humaines', 'Qualité', 'Services généraux'];
const PUBLIC_DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'outlook.fr', 'laposte.net', 'wanadoo.fr', 'yahoo.fr', 'sfr.fr', 'hotmail.fr'];
const CONSENT_SOURCES = ['Formulaire site web', 'Salon professionnel', 'Appel téléphonique', 'Courriel', 'Contrat signé'];
const NOTES = [
  'Client historique, préfère être contacté le matin.',
  'Rappeler après la période des congés.',
  'Interlocuteur principal en arrêt jusqu’à la fin du mois.',
  'Demande un devis détaillé par lot.',
  'Facturation centralisée au siège.',
  'Ne pas appeler le vendredi après-midi.',
  'Rencontré au salon de Lyon, très intéressé par la gamme LED.',
  'Budget voté en début d’année, décision en comité.',
  'Appel d’offres prévu au second semestre.',
  'Souhaite une visite sur site avant toute proposition.',
];
const PROJECTS = [
  'Rénovation', 'Installation', 'Remplacement', 'Contrat de maintenance', 'Extension', 'Audit', 'Fourniture', 'Déploiement', 'Mise en conformité',
  'Modernisation', 'Étude', 'Relamping', 'Équipement',
];
const OBJECTS = [
  'éclairage du hall', 'parc informatique', 'chaufferie', 'toiture', 'flotte de véhicules', 'logiciel de gestion', 'vidéosurveillance', 'climatisation',
  'atelier de production', 'entrepôt', 'bureaux', 'showroom', 'site web', 'réseau', 'ascenseurs', 'menuiseries', 'parking extérieur', 'salle de réunion',
  'éclairage de sécurité', 'cuisine professionnelle', 'accueil', 'quai de chargement',
];
const COMPETITORS = ['Lumiplan', 'Éclairex', 'Batisol', 'Techniconseil', 'Provéo', 'Axandre', 'Nordelec', 'Solvéa'];
const LOST_COMMENTS = ['Projet reporté à l’an prochain.', 'Choix d’un prestataire local.', 'Pas de réponse après trois relances.', 'Budget réaffecté.', 'Trop cher par rapport au concurrent.'];
const LEAD_DESCRIPTIONS = [
  'Demande reçue via le formulaire de contact.',
  'Souhaite être rappelé pour un premier échange.',
  'Intéressé par une démonstration sur site.',
  'Projet de rénovation complète, calendrier à préciser.',
  'Recommandé par un client existant.',
  'Rencontré sur le stand, a laissé sa carte.',
];
const SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

const REFS: Partial<Record<RefKind, string[]>> = {
  industry: ['Industrie', 'Distribution', 'Services aux entreprises', 'Santé', 'Bâtiment et travaux publics', 'Hôtellerie-restauration', 'Logiciel et numérique', 'Transport et logistique', 'Agroalimentaire', 'Éducation', 'Collectivités territoriales', 'Commerce de détail'],
  customer_family: ['Grands comptes', 'PME', 'Collectivités', 'Revendeurs', 'Artisans'],
  origin: ['Site web', 'Salon professionnel', 'Recommandation', 'Prospection téléphonique', 'Partenaire', 'Réseaux sociaux'],
  contact_role: ['Décideur', 'Prescripteur', 'Acheteur', 'Utilisateur', 'Comptabilité'],
};
const TAGS: [string, TagColor][] = [
  ['Stratégique', 'red'], ['À relancer', 'amber'], ['Fidèle', 'green'], ['Export', 'blue'], ['Salon 2026', 'purple'], ['Chaud', 'red'], ['Froid', 'slate'],
  ['Tiède', 'amber'], ['VIP', 'pink'], ['Appel d’offres', 'indigo'], ['Partenaire', 'teal'], ['Newsletter', 'slate'], ['Prioritaire', 'red'], ['Mauvais payeur', 'amber'],
  ['Multi-sites', 'blue'], ['Public', 'indigo'], ['Nouveau', 'green'], ['Salon 2025', 'purple'], ['Grand compte', 'teal'], ['Ancien client', 'slate'],
];
const TEAMS = ['Grands comptes', 'PME Nord', 'PME Sud', 'Export'];
const OWNER_NAMES = [
  'Sophie Lambert', 'Karim Benali', 'Thomas Girard', 'Laura Chen', 'Julie Faure', 'Nicolas Roux', 'Inès Haddad', 'Marc Lefèvre', 'Camille Roussel', 'Yann Le Goff',
  'Sarah Meunier', 'Antoine Bertrand', 'Élodie Perrin', 'Hugo Vidal', 'Nadia Mercier', 'Paul Fontaine', 'Léa Dubois', 'Mehdi Garnier', 'Claire Fabre', 'Jonas Weber',
];
export const SEARCH_PREFIX = 'mart';

// --- small helpers -------------------------------------------------------------------------------------------

/** As lib/search/index-records.ts `words` (not exported): the non-empty parts, space-separated. */
const words = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ');
const ascii = (s: string) => sortKey(s).replace(/[^a-z0-9]+/g, '');
const slug = (s: string) => sortKey(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const b = (v: boolean) => (v ? 1 : 0);

function upperBound(xs: Float64Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose cumulative weight exceeds r. */
function lowerIndex(prefix: Float64Array, r: number, limit: number): number {
  let lo = 0;
  let hi = limit - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prefix[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sirenOf(r: Rng): string {
  const base = r.digits(8);
  for (let d = 0; d < 10; d++) {
    const v = base + d;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let x = Number(v[8 - i]);
      if (i % 2 === 1) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
    }
    if (sum % 10 === 0) return v;
  }
  return base + '0';
}

function phoneOf(r: Rng, lead: string): string {
  const g = [r.digits(2), r.digits(2), r.digits(2), r.digits(2)];
  const style = r.next();
  if (style < 0.12) return `+33 ${lead} ${g.join(' ')}`;
  if (style < 0.3) return `0${lead}.${g.join('.')}`;
  if (style < 0.38) return `0${lead}${g.join('')}`;
  return `0${lead} ${g.join(' ')}`;
}
const landline = (r: Rng, region: number) => phoneOf(r, String(region));
const mobileOf = (r: Rng) => phoneOf(r, r.chance(0.8) ? '6' : '7');

function companyNameOf(r: Rng): string {
  const legal = r.pick(LEGAL);
  const p = r.next();
  let base: string;
  if (p < 0.34) base = `${r.pick(ACTIVITIES)} ${r.skewed(SURNAMES, 1.3)}`;
  else if (p < 0.5) base = `${r.pick(ACTIVITIES)} ${r.pick(REGIONS)}`;
  else if (p < 0.64) base = `${r.pick(STEMS)}${r.pick(SUFFIXES)}`;
  else if (p < 0.72) base = `${r.skewed(SURNAMES, 1.3)} ${r.pick(['& Fils', 'Frères', 'et Associés', '& Cie'])}`;
  else if (p < 0.8) base = `Groupe ${r.skewed(SURNAMES, 1.3)}`;
  else if (p < 0.9) base = `${r.skewed(SURNAMES, 1.3)} ${r.pick(ACTIVITIES)}`;
  else base = `${r.pick(ACTIVITIES)} ${r.skewed(SURNAMES, 1.3)} ${r.pick(CITIES)[0]}`;
  return legal ? `${base} ${legal}` : base;
}

function opportunityNameOf(r: Rng, createdAt: number): string {
  const base = `${r.pick(PROJECTS)} ${r.pick(OBJECTS)}`;
  const p = r.next();
  if (p < 0.3) return `${base} – ${r.pick(CITIES)[0]}`;
  if (p < 0.5) return `${base} ${new Date(createdAt).getUTCFullYear() + (r.chance(0.5) ? 1 : 0)}`;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

type Person = { civility: 'mr' | 'ms' | null; firstName: string | null; lastName: string; local: string; publicDomain: string };

/** A person drawn from their own stream, so a converted lead and the contact it became share a name. */
function personOf(seed: number, kind: number, id: number): Person {
  const r = new Rng(mix32(mix32(seed ^ Math.imul(kind, 0x9e3779b1)) ^ Math.imul(id, 0x27d4eb2f)));
  const female = r.chance(0.48);
  const first = r.chance(0.95) ? (female ? r.skewed(FEMALE, 1.2) : r.skewed(MALE, 1.2)) : null;
  const last = r.skewed(SURNAMES, 1.3);
  const civility = r.chance(0.94) ? (female ? 'ms' : 'mr') : null;
  const f = first ? ascii(first) : '';
  const l = ascii(last);
  const style = r.next();
  const local = !f ? l : style < 0.55 ? `${f}.${l}` : style < 0.75 ? `${f[0]}.${l}` : style < 0.85 ? `${f}${l}` : style < 0.93 ? l : `${f}.${l}${r.int(1, 99)}`;
  return { civility, firstName: first, lastName: last, local, publicDomain: r.pick(PUBLIC_DOMAINS) };
}

const rngFor = (seed: number, kind: number, id: number) => new Rng(mix32(mix32(seed ^ Math.imul(kind + 16, 0x9e3779b1)) ^ Math.imul(id, 0x27d4eb2f)));
const phaseRng = (seed: number, phase: string) => new Rng(mix32(seed ^ hashString(phase)));

/** Runs `fn(i)` for i in [0, n) in transactions of `batch` iterations. */
function inBatches(sqlite: Database, n: number, batch: number, fn: (i: number) => void, progress?: (done: number) => void) {
  const run = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) fn(i);
  });
  for (let from = 0; from < n; from += batch) {
    run(from, Math.min(n, from + batch));
    progress?.(Math.min(n, from + batch));
  }
}

// --- the organisation (through the services) ---------------------------------------------------------------

type Org = {
  adminId: number;
  admin: Viewer;
  managerId: number;
  owners: { id: number; email: string; teamId: number }[];
  teams: { id: number; name: string }[];
  /** A user's first team (defaultTeamOf). */
  teamOf: Map<number, number | null>;
  refs: Record<RefKind, number[]>;
  refId: (kind: RefKind, name: string) => number;
  tagIds: number[];
  tagId: (name: string) => number;
  statuses: { id: number; name: string; kind: LeadStatusKind }[];
  defaultPipelineId: number;
  secondPipelineId: number;
  stagesOf: Map<number, StageRow[]>;
  rules: ScoreRule[];
  passwordHash: string;
};

function must<T>(res: { ok: true; value: T } | { ok: false; error: { code: string } }, what: string): T {
  if (!res.ok) throw new Error(`bench setup: ${what}: ${res.error.code}`);
  return res.value;
}

async function setupOrganisation(db: Db, sqlite: Database, at: number): Promise<Org> {
  const setup = await setupFirstAdmin(
    db,
    { organisation: 'Lumière & Cie (bench)', name: 'Alice Admin', email: 'admin@bench.suivi.app', password: BENCH_PASSWORD },
    { now: at, ip: null },
  );
  const adminId = must(setup, 'first admin').userId;
  // As the setup action does right after the first admin: the starter pipeline, statuses and lists, in French.
  ensureStarterData(db, 'fr', at);
  const admin = loadViewer(db, adminId)!;
  const ctx = (minutes: number) => ({ user: admin, now: at + minutes * 60_000 });
  const teams = TEAMS.map((name, i) => ({ id: must(createTeam(db, { name }, ctx(1 + i)), `team ${name}`).id, name }));
  const managerId = must(createUser(db, { name: 'Bruno Manager', email: 'manager@bench.suivi.app', role: 'manager', teamIds: teams.map((t) => t.id) }, ctx(10)), 'manager').id;
  const owners = OWNER_NAMES.map((name, i) => {
    const email = `owner${String(i + 1).padStart(2, '0')}@bench.suivi.app`;
    const teamId = teams[Math.floor(i / 5)].id;
    return { id: must(createUser(db, { name, email, role: 'sales', teamIds: [teamId] }, ctx(11 + i)), email).id, email, teamId };
  });
  // One password for everyone, hashed once (by the setup above); no leftover one-time links or sessions.
  const passwordHash = (sqlite.prepare('select password_hash as h from users where id = ?').get(adminId) as { h: string }).h;
  sqlite.prepare('update users set password_hash = ? where password_hash is null').run(passwordHash);
  sqlite.exec('delete from password_tokens; delete from sessions;');

  let minute = 60;
  for (const [kind, names] of Object.entries(REFS) as [RefKind, string[]][]) {
    for (const name of names) must(createRefValue(db, kind, { name }, ctx(minute++)), `${kind} ${name}`);
  }
  for (const [name, color] of TAGS) must(createTag(db, { name, color }, ctx(minute++)), `tag ${name}`);
  const secondPipelineId = writeTx(db, (tx) => createStarterPipeline(tx, 'fr', at + minute++ * 60_000, { name: 'Renouvellements', isDefault: false, position: 1 }));

  const refRows = sqlite.prepare('select id, kind, name from ref_values order by kind, position, id').all() as { id: number; kind: RefKind; name: string }[];
  const refs = { industry: [], customer_family: [], origin: [], contact_role: [], opportunity_type: [], lost_reason: [] } as Record<RefKind, number[]>;
  for (const r of refRows) refs[r.kind].push(r.id);
  const refId = (kind: RefKind, name: string) => {
    const row = refRows.find((r) => r.kind === kind && r.name === name);
    if (!row) throw new Error(`bench setup: no ${kind} ${name}`);
    return row.id;
  };
  const tagRows = sqlite.prepare('select id, name from tags order by position, id').all() as { id: number; name: string }[];
  const tagId = (name: string) => tagRows.find((t) => t.name === name)!.id;

  const rules: { name: string; field: ScoreRule['field']; operator: ScoreRule['operator']; value: string | null; points: number }[] = [
    { name: 'Directeur ou directrice', field: 'jobTitle', operator: 'contains', value: 'direct', points: 20 },
    { name: 'Venu par recommandation', field: 'sourceId', operator: 'equals', value: String(refId('origin', 'Recommandation')), points: 15 },
    { name: 'Entreprise de 50 salariés et plus', field: 'size', operator: 'atLeast', value: '50-249', points: 15 },
    { name: 'Compte clé', field: 'keyAccount', operator: 'isSet', value: null, points: 10 },
    { name: 'Téléphone connu', field: 'phone', operator: 'isSet', value: null, points: 10 },
    { name: 'Email connu', field: 'email', operator: 'isSet', value: null, points: 10 },
    { name: 'Secteur santé', field: 'industryId', operator: 'equals', value: String(refId('industry', 'Santé')), points: 10 },
    { name: 'Étiquette « Chaud »', field: 'tagId', operator: 'equals', value: String(tagId('Chaud')), points: 10 },
    { name: 'Sans activité depuis 30 jours', field: 'noActivityDays', operator: 'olderThan', value: '30', points: -10 },
  ];
  const ruleRows: ScoreRule[] = rules.map((r) => {
    const id = must(createScoreRule(db, { ...r, active: true }, ctx(minute++)), `rule ${r.name}`).id;
    return { id, field: r.field, operator: r.operator, value: r.value, points: r.points, active: true };
  });

  const statuses = listLeadStatuses(db).map(({ id, name, kind }) => ({ id, name, kind }));
  const defaultPipelineId = (sqlite.prepare('select id from pipelines where is_default = 1').get() as { id: number }).id;
  const stagesOf = new Map([defaultPipelineId, secondPipelineId].map((p) => [p, listStages(db, p)]));
  const teamOf = new Map<number, number | null>([[adminId, null], [managerId, teams[0].id], ...owners.map((o) => [o.id, o.teamId] as [number, number])]);
  return {
    adminId, admin, managerId, owners, teams, teamOf, refs, refId, tagIds: tagRows.map((t) => t.id), tagId, statuses, defaultPipelineId, secondPipelineId, stagesOf, rules: ruleRows, passwordHash,
  };
}

// --- plans ---------------------------------------------------------------------------------------------------

type Address = { label: string | null; line1: string; line2: string | null; postalCode: string; city: string; country: string; isBilling: boolean; isDelivery: boolean; isDefault: boolean };

type CompanyPlan = {
  id: number;
  name: string;
  type: CompanyType;
  legalId: string | null;
  website: string | null;
  emailDomain: string | null;
  email: string | null;
  phone: string | null;
  industryId: number | null;
  size: (typeof SIZES)[number] | null;
  familyId: number | null;
  originId: number | null;
  keyAccount: boolean;
  ownerId: number;
  teamId: number | null;
  notes: string | null;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  version: number;
  addresses: Address[];
  tagIds: number[];
  /** Attached contacts: ids contactStart … contactStart + contactCount - 1. */
  contactStart: number;
  contactCount: number;
  opportunityIds: number[];
};

type OppPlan = {
  id: number;
  companyIdx: number;
  status: OpportunityStatus;
  pipelineId: number;
  stageId: number;
  reopenStageId: number | null;
  createdAt: number;
  closedAt: number | null;
  ownerId: number;
  teamId: number | null;
  leadId: number | null;
  position: number;
};

type LeadPlan = {
  id: number;
  statusId: number;
  kind: LeadStatusKind;
  createdAt: number;
  closedAt: number | null;
  ownerId: number | null;
  teamId: number | null;
  convertedCompanyIdx: number | null;
  convertedContactId: number | null;
  convertedOpportunityId: number | null;
  fromCompanyIdx: number | null;
  fromOpportunityId: number | null;
  reopenStatusId: number | null;
  big: boolean;
  position: number;
};

/** Integer counts per slot proportional to `weights`, summing exactly to `total` (largest shares first, remainder at random). */
function distribute(r: Rng, weights: Float64Array, total: number): Int32Array {
  const out = new Int32Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum <= 0 || total <= 0) return out;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    out[i] = Math.floor((total * weights[i]) / sum);
    given += out[i];
  }
  const prefix = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) prefix[i] = acc += weights[i];
  while (given < total) {
    out[lowerIndex(prefix, r.next() * acc, weights.length)] += 1;
    given++;
  }
  return out;
}

/** Positions 1, 2, 3… per board column, in the order cards entered it. */
function assignPositions<T extends { position: number }>(items: T[], column: (x: T) => number, enteredAt: (x: T) => number) {
  const byColumn = new Map<number, T[]>();
  for (const x of items) {
    const c = column(x);
    let list = byColumn.get(c);
    if (!list) byColumn.set(c, (list = []));
    list.push(x);
  }
  for (const list of byColumn.values()) {
    list.sort((a, b) => enteredAt(a) - enteredAt(b));
    list.forEach((x, i) => (x.position = i + 1));
  }
}

// --- generation ----------------------------------------------------------------------------------------------

export async function generateDataset(o: GenerateOptions): Promise<Manifest> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const seed = o.seed >>> 0;
  const counts = plannedCounts(o.scale);
  const asOf = o.asOf;
  const orgStart = asOf - HISTORY_DAYS * DAY;
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1) + 's';
  const step = (what: string) => log(`[${elapsed()}] ${what}`);

  removeDatabaseFiles(o.file);
  const { sqlite, db } = openDatabase(o.file);
  try {
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('cache_size = -1000000');
    step('organisation (services)');
    const org = await setupOrganisation(db, sqlite, orgStart);
    const ownerIds = org.owners.map((x) => x.id);
    const ownersOfTeam = new Map<number, number[]>(org.teams.map((t) => [t.id, org.owners.filter((x) => x.teamId === t.id).map((x) => x.id)]));
    const statusOf = (kind: LeadStatusKind) => org.statuses.find((s) => s.kind === kind)!;
    const openStatuses = org.statuses.filter((s) => s.kind === 'open');
    const stages = (pipelineId: number) => org.stagesOf.get(pipelineId)!;
    const stageOfKind = (pipelineId: number, kind: StageKind) => stages(pipelineId).find((s) => s.kind === kind)!;
    const openStages = (pipelineId: number) => stages(pipelineId).filter((s) => s.kind === 'open' || s.kind === 'proposal');

    // Bulk phase: no foreign-key checks per row (the test checks them all once), no per-commit sync.
    sqlite.pragma('foreign_keys = OFF');

    // ---- companies (plan) ----
    step(`planning ${counts.companies} companies`);
    const pr = phaseRng(seed, 'companies');
    const nC = counts.companies;
    const span = asOf - orgStart - 3 * DAY;
    const ownerWeights = ownerIds.map(() => 0.5 + pr.next());
    const bigIdx = Math.floor(nC * 0.08);
    const companies: CompanyPlan[] = new Array(nC);
    const companyCreated = new Float64Array(nC);
    for (let i = 0; i < nC; i++) {
      const id = i + 1;
      const r = rngFor(seed, K.company, id);
      const createdAt = orgStart + 2 * DAY + Math.floor(((i + r.next()) * span) / nC);
      const ownerId = r.chance(0.01) ? org.managerId : ownerIds[r.weighted(ownerWeights)];
      const name = companyNameOf(r);
      const typeRoll = r.next();
      const type: CompanyType = typeRoll < 0.66 ? 'prospect' : typeRoll < 0.9 ? 'client' : typeRoll < 0.94 ? 'supplier' : typeRoll < 0.97 ? 'partner' : 'other';
      const site = slug(name.replace(/\s(SAS|SARL|SA|EURL|SCI|SASU)$/, ''));
      const website = r.chance(0.55) ? (r.chance(0.8) ? `https://www.${site}.fr` : `https://${site}.com`) : null;
      const emailDomain = website ? websiteDomain(website) : r.chance(0.1) ? `${site}.fr` : null;
      const place = r.pick(CITIES);
      const addresses: Address[] = [];
      const nAddr = r.next() < 0.15 ? 0 : r.chance(0.12) ? 2 : 1;
      for (let a = 0; a < nAddr; a++) {
        const [city, postalCode] = a === 0 ? place : r.pick(CITIES);
        addresses.push({
          label: a === 0 ? (r.chance(0.3) ? 'Siège' : null) : r.pick(['Entrepôt', 'Agence', 'Usine', 'Dépôt']),
          line1: `${r.int(1, 180)} ${r.pick(STREET_TYPES)} ${r.pick(STREETS)}`,
          line2: r.chance(0.1) ? r.pick(ZONES) : null,
          postalCode,
          city,
          country: 'FR',
          isBilling: a === 0,
          isDelivery: a === 1 || (nAddr === 1 && r.chance(0.5)),
          isDefault: a === 0,
        });
      }
      const updatedAt = r.chance(0.4) ? createdAt + Math.floor(r.next() * (asOf - createdAt) * 0.8) : createdAt;
      companies[i] = {
        id,
        name,
        type,
        legalId: r.chance(0.5) ? sirenOf(r) : null,
        website,
        emailDomain,
        email: emailDomain && r.chance(0.6) ? `${r.pick(['contact', 'info', 'accueil', 'commercial'])}@${emailDomain}` : null,
        phone: r.chance(0.7) ? landline(r, place[2]) : null,
        industryId: r.chance(0.8) ? r.pick(org.refs.industry) : null,
        size: r.chance(0.6) ? r.skewed(SIZES, 1.6) : null,
        familyId: r.chance(0.5) ? r.pick(org.refs.customer_family) : null,
        originId: r.chance(0.6) ? r.pick(org.refs.origin) : null,
        keyAccount: r.chance(0.03),
        ownerId,
        teamId: org.teamOf.get(ownerId) ?? null,
        notes: r.chance(0.08) ? r.pick(NOTES) : null,
        archived: r.chance(0.02),
        createdAt,
        updatedAt,
        version: updatedAt === createdAt ? 1 : r.int(2, 5),
        addresses,
        tagIds: r.chance(0.2) ? [...new Set([r.pick(org.tagIds), r.pick(org.tagIds)].slice(0, r.int(1, 2)))] : [],
        contactStart: 0,
        contactCount: 0,
        opportunityIds: [],
      };
      companyCreated[i] = createdAt;
    }
    const big = companies[bigIdx];
    Object.assign(big, {
      type: 'client',
      keyAccount: true,
      archived: false,
      ownerId: org.owners[0].id,
      teamId: org.owners[0].teamId,
      size: '1000+',
      tagIds: [org.tagId('Stratégique'), org.tagId('Grand compte')],
    } satisfies Partial<CompanyPlan>);
    if (big.addresses.length < 2) {
      big.addresses = [
        { label: 'Siège', line1: '12 quai Saint-Antoine', line2: null, postalCode: '69002', city: 'Lyon', country: 'FR', isBilling: true, isDelivery: false, isDefault: true },
        { label: 'Entrepôt', line1: '8 rue de l’Industrie', line2: null, postalCode: '69800', city: 'Saint-Priest', country: 'FR', isBilling: false, isDelivery: true, isDefault: false },
      ];
    }

    // ---- contacts per company (ids in company order; attached first, then a few without company) ----
    const nAttached = Math.round((counts.contacts - BIG_CUSTOMER.contacts) * 0.9);
    const nLoose = counts.contacts - BIG_CUSTOMER.contacts - nAttached;
    const cw = new Float64Array(nC);
    for (let i = 0; i < nC; i++) {
      const t = companies[i].type;
      cw[i] = i === bigIdx ? 0 : (0.15 + (-Math.log(1 - pr.next())) ** 1.5) * (t === 'client' ? 1.8 : t === 'prospect' ? 1 : 0.6);
    }
    const attached = distribute(pr, cw, nAttached);
    attached[bigIdx] = BIG_CUSTOMER.contacts;
    const loose = distribute(pr, new Float64Array(nC).fill(1), nLoose);
    const looseAt = new Int32Array(nC); // first loose contact id after company i's
    {
      let next = 1;
      for (let i = 0; i < nC; i++) {
        companies[i].contactStart = next;
        companies[i].contactCount = attached[i];
        next += attached[i];
        looseAt[i] = next;
        next += loose[i];
      }
    }

    // ---- opportunities (plan) ----
    step(`planning ${counts.opportunities} opportunities`);
    const orr = phaseRng(seed, 'opportunities');
    const nO = counts.opportunities;
    const nOpen = Math.round(nO * 0.6);
    const nWon = Math.round(nO * 0.25);
    const nLost = nO - nOpen - nWon;
    const bigOpp = { open: 15, won: 10, lost: 5 };
    const oppStatuses: OpportunityStatus[] = [];
    for (let i = 0; i < nOpen - bigOpp.open; i++) oppStatuses.push('open');
    for (let i = 0; i < nWon - bigOpp.won; i++) oppStatuses.push('won');
    for (let i = 0; i < nLost - bigOpp.lost; i++) oppStatuses.push('lost');
    const ow = new Float64Array(nC);
    for (let i = 0; i < nC; i++) {
      const c = companies[i];
      ow[i] = i === bigIdx || c.archived ? 0 : c.type === 'client' ? 3 : c.type === 'prospect' ? 1 : c.type === 'partner' ? 1 : 0.3;
    }
    const owPrefix = new Float64Array(nC);
    {
      let acc = 0;
      for (let i = 0; i < nC; i++) owPrefix[i] = acc += ow[i];
    }
    const pickCompany = (r: Rng, at: number, prefix: Float64Array): number => {
      let bound = upperBound(companyCreated, at);
      if (bound === 0 || prefix[bound - 1] <= 0) bound = nC;
      return lowerIndex(prefix, r.next() * prefix[bound - 1], bound);
    };
    const closedAtOf = (r: Rng, from: number) => (r.chance(0.1) ? asOf - Math.floor(r.next() * 30 * DAY) : from + Math.floor(r.next() * (asOf - 30 * DAY - from)));
    const ownerNear = (r: Rng, companyOwner: number) => {
      if (r.chance(0.8)) return companyOwner;
      const team = org.teamOf.get(companyOwner);
      const mates = team ? ownersOfTeam.get(team) : undefined;
      return mates?.length ? r.pick(mates) : r.pick(ownerIds);
    };
    const pipelineFor = (r: Rng) => (r.chance(0.85) ? org.defaultPipelineId : org.secondPipelineId);
    const openStageFor = (r: Rng, pipelineId: number) => openStages(pipelineId)[r.weighted([35, 25, 22, 18])];
    const opps: OppPlan[] = [];
    const planOpp = (r: Rng, status: OpportunityStatus, companyIdx: number | null, earliest: number) => {
      let createdAt: number;
      let closedAt: number | null = null;
      if (status === 'open') createdAt = Math.max(earliest, asOf - Math.floor(r.next() ** 1.4 * 365 * DAY));
      else {
        closedAt = closedAtOf(r, Math.max(earliest + 20 * DAY, orgStart + 200 * DAY));
        createdAt = Math.max(earliest, closedAt - r.int(10, 240) * DAY);
      }
      const idx = companyIdx ?? pickCompany(r, createdAt, owPrefix);
      const company = companies[idx];
      if (createdAt < company.createdAt) createdAt = company.createdAt + HOUR;
      if (closedAt !== null && closedAt < createdAt) closedAt = createdAt + r.int(1, 30) * DAY;
      if (closedAt !== null && closedAt > asOf - HOUR) closedAt = asOf - HOUR;
      if (createdAt > asOf - 2 * HOUR) createdAt = asOf - 2 * HOUR;
      const pipelineId = pipelineFor(r);
      const ownerId = ownerNear(r, company.ownerId);
      const open = openStageFor(r, pipelineId);
      opps.push({
        id: 0,
        companyIdx: idx,
        status,
        pipelineId,
        stageId: status === 'open' ? open.id : stageOfKind(pipelineId, status).id,
        reopenStageId: status === 'open' ? null : open.id,
        createdAt,
        closedAt,
        ownerId,
        teamId: org.teamOf.get(ownerId) ?? null,
        leadId: null,
        position: 0,
      });
    };
    for (const status of oppStatuses) planOpp(orr, status, null, orgStart + 3 * DAY);
    for (const [status, n] of Object.entries(bigOpp) as [OpportunityStatus, number][]) {
      for (let i = 0; i < n; i++) planOpp(orr, status, bigIdx, big.createdAt + 30 * DAY);
    }
    opps.sort((a, b) => a.createdAt - b.createdAt || a.companyIdx - b.companyIdx);
    opps.forEach((x, i) => {
      x.id = i + 1;
      companies[x.companyIdx].opportunityIds.push(x.id);
      // Winning turns a prospect into a client (closeOpportunity).
      if (x.status === 'won' && companies[x.companyIdx].type === 'prospect') companies[x.companyIdx].type = 'client';
    });
    assignPositions(opps, (x) => x.stageId, (x) => x.closedAt ?? x.createdAt);

    // ---- leads (plan) ----
    step(`planning ${counts.leads} leads`);
    const lr = phaseRng(seed, 'leads');
    const nL = counts.leads;
    const nConv = Math.max(4, Math.round(nL * 0.1));
    const nLostL = Math.max(1, Math.round(nL * 0.1));
    const nOpenL = nL - nConv - nLostL;
    const nNew = Math.round(nOpenL * 0.35);
    const nMark = Math.round(nOpenL * 0.22);
    const nComm = Math.round(nOpenL * 0.18);
    const nNurt = nOpenL - nNew - nMark - nComm;
    const [stMark, stComm, stNurt] = openStatuses;
    const pool: { statusId: number; kind: LeadStatusKind; n: number }[] = [
      { statusId: statusOf('new').id, kind: 'new', n: nNew },
      { statusId: stMark.id, kind: 'open', n: nMark },
      { statusId: stComm.id, kind: 'open', n: nComm },
      { statusId: stNurt.id, kind: 'open', n: nNurt },
      { statusId: statusOf('converted').id, kind: 'converted', n: nConv },
      { statusId: statusOf('lost').id, kind: 'lost', n: nLostL },
    ];
    const take = (statusId: number) => {
      const p = pool.find((x) => x.statusId === statusId)!;
      if (p.n <= 0) throw new Error('bench: lead status pool exhausted');
      p.n -= 1;
      return p;
    };
    const leadsPlan: LeadPlan[] = [];
    const usedForConversion = new Uint8Array(nC);
    usedForConversion[bigIdx] = 1;
    const wonOppsOf = (idx: number, before: number) => companies[idx].opportunityIds.map((id) => opps[id - 1]).filter((x) => x.status === 'won' && (x.closedAt ?? 0) < before);
    const freeOppOf = (idx: number) => companies[idx].opportunityIds.map((id) => opps[id - 1]).find((x) => x.leadId === null && x.status !== 'lost') ?? null;
    const queueOrOwner = (r: Rng) => {
      if (r.chance(0.11)) return { ownerId: null, teamId: r.pick(org.teams).id };
      const ownerId = r.chance(0.01) ? org.managerId : ownerIds[r.weighted(ownerWeights)];
      return { ownerId, teamId: org.teamOf.get(ownerId) ?? null };
    };
    const openCreatedAt = (r: Rng, kind: LeadStatusKind) => asOf - Math.floor(r.next() ** (kind === 'new' ? 2 : 1.4) * (kind === 'new' ? 240 : 540) * DAY) - r.int(1, 20) * HOUR;
    const base = (statusId: number, kind: LeadStatusKind, createdAt: number): LeadPlan => ({
      id: 0, statusId, kind, createdAt, closedAt: null, ownerId: null, teamId: null, convertedCompanyIdx: null, convertedContactId: null, convertedOpportunityId: null,
      fromCompanyIdx: null, fromOpportunityId: null, reopenStatusId: null, big: false, position: 0,
    });
    const reopenFrom = (r: Rng) => [statusOf('new'), ...openStatuses][r.weighted([40, 25, 20, 15])].id;
    const clientPrefix = new Float64Array(nC);
    {
      let acc = 0;
      for (let i = 0; i < nC; i++) clientPrefix[i] = acc += i !== bigIdx && companies[i].type === 'client' && !companies[i].archived ? 1 : 0;
    }

    // The big customer's ten: four converted into it (existing company), six repeat leads started from it.
    {
      const bigWon = () => companies[bigIdx].opportunityIds.map((id) => opps[id - 1]).filter((x) => x.status === 'won');
      for (let i = 0; i < 4; i++) {
        const p = take(statusOf('converted').id);
        const closedAt = big.createdAt + Math.floor(((i + 1) / 5) * (asOf - big.createdAt));
        const l = base(p.statusId, 'converted', closedAt - lr.int(5, 60) * DAY);
        const free = i < 3 ? freeOppOf(bigIdx) : null;
        Object.assign(l, { closedAt, ownerId: big.ownerId, teamId: big.teamId, convertedCompanyIdx: bigIdx, convertedContactId: big.contactStart + i, big: true });
        if (free) {
          l.convertedOpportunityId = free.id;
          free.leadId = -1; // linked once ids are known
        }
        leadsPlan.push(l);
      }
      const repeat: LeadStatusKind[] = ['new', 'new', 'open', 'open', 'open', 'lost'];
      repeat.forEach((kind, i) => {
        const statusId = kind === 'new' ? statusOf('new').id : kind === 'lost' ? statusOf('lost').id : openStatuses[i % openStatuses.length].id;
        take(statusId);
        const createdAt = kind === 'lost' ? asOf - 200 * DAY : openCreatedAt(lr, kind);
        const l = base(statusId, kind, createdAt);
        const won = bigWon().filter((x) => (x.closedAt ?? 0) < createdAt);
        Object.assign(l, { ownerId: big.ownerId, teamId: big.teamId, fromCompanyIdx: bigIdx, fromOpportunityId: i < 2 && won.length ? won[won.length - 1 - i].id : null, big: true });
        if (kind === 'lost') Object.assign(l, { closedAt: createdAt + 40 * DAY, reopenStatusId: reopenFrom(lr) });
        leadsPlan.push(l);
      });
    }

    // The recent window (the boards' default 30 days) gets a share of conversions; older ones spread over the years.
    const recentStart = upperBound(companyCreated, asOf - 30 * DAY);
    for (const p of pool) {
      while (p.n > 0) {
        p.n -= 1;
        const r = lr;
        if (p.kind === 'converted') {
          let idx = r.chance(0.06) && recentStart < nC ? recentStart + Math.floor(r.next() * (nC - recentStart)) : Math.floor(r.next() * nC);
          for (let k = 0; k < nC && usedForConversion[idx]; k++) idx = (idx + 1) % nC;
          usedForConversion[idx] = 1;
          const c = companies[idx];
          // Converting into a new company: the company, its first contact and maybe an opportunity are born then.
          const closedAt = c.createdAt;
          const l = base(p.statusId, 'converted', Math.max(orgStart + DAY, closedAt - r.int(1, 120) * DAY - r.int(0, 23) * HOUR));
          Object.assign(l, { closedAt, ownerId: c.ownerId, teamId: c.teamId, convertedCompanyIdx: idx, convertedContactId: c.contactCount ? c.contactStart : null });
          // Its opportunity, when one of the company's was opened within days of the conversion.
          const free = r.chance(0.5) ? freeOppOf(idx) : null;
          if (free && free.createdAt - closedAt < 45 * DAY) {
            l.convertedOpportunityId = free.id;
            free.leadId = -1;
          }
          leadsPlan.push(l);
        } else if (p.kind === 'lost') {
          const closedAt = closedAtOf(r, orgStart + 30 * DAY);
          const l = base(p.statusId, 'lost', Math.max(orgStart + DAY, closedAt - r.int(1, 180) * DAY));
          Object.assign(l, { closedAt, reopenStatusId: reopenFrom(r), ...queueOrOwner(r) });
          leadsPlan.push(l);
        } else {
          const l = base(p.statusId, p.kind, openCreatedAt(r, p.kind));
          Object.assign(l, queueOrOwner(r));
          if (r.chance(0.03)) {
            const idx = pickCompany(r, l.createdAt, clientPrefix);
            if (companies[idx].createdAt < l.createdAt && idx !== bigIdx) {
              l.fromCompanyIdx = idx;
              const won = r.chance(0.4) ? wonOppsOf(idx, l.createdAt) : [];
              if (won.length) l.fromOpportunityId = won[won.length - 1].id;
            }
          }
          leadsPlan.push(l);
        }
      }
    }
    leadsPlan.sort((a, b) => a.createdAt - b.createdAt || (a.convertedCompanyIdx ?? -1) - (b.convertedCompanyIdx ?? -1) || a.statusId - b.statusId);
    leadsPlan.forEach((l, i) => {
      l.id = i + 1;
      if (l.convertedOpportunityId !== null) {
        const opp = opps[l.convertedOpportunityId - 1];
        opp.leadId = l.id;
      }
    });
    assignPositions(leadsPlan, (x) => x.statusId, (x) => x.closedAt ?? x.createdAt);
    step('plans ready');

    // ---- inserts ----
    // The bulk tables' secondary indexes are dropped and then created again from their own SQL text (the migrations'
    // schema, unchanged): one sort per index instead of a B-tree insert per row and index, about twice as fast.
    const bulkTables = ['companies', 'company_addresses', 'company_tags', 'contacts', 'contact_channels', 'contact_tags', 'opportunities', 'opportunity_contacts', 'opportunity_tags', 'leads', 'lead_channels', 'lead_tags'];
    const indexes = sqlite
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${bulkTables.map(() => '?').join(', ')}) order by tbl_name, name`)
      .all(...bulkTables) as { name: string; sql: string }[];
    for (const ix of indexes) sqlite.exec(`drop index "${ix.name}"`);
    const fts = sqlite.prepare('insert into search_fts(rowid, title, body) values (?, ?, ?)');
    let ftsRows = 0;
    const BATCH = 20_000;
    const progress = (what: string, total: number) => (done: number) => {
      if (done === total || done % 100_000 === 0) step(`${what} ${done}/${total}`);
    };

    const insCompany = sqlite.prepare(
      `insert into companies (id, name, sort_name, name_key, type, legal_id, website, email_domain, phone, phone_normalized, email, industry_id, size,
        customer_family_id, origin_id, key_account, owner_id, team_id, notes, archived, version, created_at, created_by, updated_at, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insAddress = sqlite.prepare(
      'insert into company_addresses (company_id, label, line1, line2, postal_code, city, country, is_billing, is_delivery, is_default) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insCompanyTag = sqlite.prepare('insert into company_tags (company_id, tag_id) values (?, ?)');
    let nAddresses = 0;
    let nCompanyTags = 0;
    inBatches(
      sqlite,
      nC,
      BATCH,
      (i) => {
        const c = companies[i];
        const phoneNormalized = normalizePhone(c.phone);
        insCompany.run(
          c.id, c.name, sortKey(c.name), companyNameKey(c.name), c.type, c.legalId, c.website, c.emailDomain, c.phone, phoneNormalized, c.email, c.industryId, c.size,
          c.familyId, c.originId, b(c.keyAccount), c.ownerId, c.teamId, c.notes, b(c.archived), c.version, c.createdAt, c.ownerId, c.updatedAt, c.ownerId,
        );
        for (const a of c.addresses) {
          insAddress.run(c.id, a.label, a.line1, a.line2, a.postalCode, a.city, a.country, b(a.isBilling), b(a.isDelivery), b(a.isDefault));
          nAddresses++;
        }
        for (const t of c.tagIds) {
          insCompanyTag.run(c.id, t);
          nCompanyTags++;
        }
        // As indexCompany: name; legal id, web and email domains, email, phones, then each address's city and postal code.
        fts.run(rowidOf('company', c.id), c.name, words(c.legalId, c.website, c.emailDomain, c.email, c.phone, phoneNormalized, ...c.addresses.flatMap((a) => [a.city, a.postalCode])));
        ftsRows++;
      },
      progress('companies', nC),
    );

    // ---- contacts ----
    const insContact = sqlite.prepare(
      `insert into contacts (id, company_id, civility, first_name, last_name, sort_name, name_key, job_title, department, role_id, email, email2, phone, mobile,
        language, owner_id, team_id, active, do_not_call, do_not_email, consent_status, consent_date, consent_source, notes, version, created_at, created_by,
        updated_at, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insContactChannel = sqlite.prepare('insert into contact_channels (contact_id, kind, value) values (?, ?, ?)');
    const insContactTag = sqlite.prepare('insert into contact_tags (contact_id, tag_id) values (?, ?)');
    let nContactChannels = 0;
    let nContactTags = 0;
    /** As lib/contacts/service.ts writeChannels (and writeLeadChannels): emails, their domains, normalized phones, once each. */
    const channelsOf = (email: string | null, email2: string | null, phone: string | null, mobile: string | null) => {
      const rows = new Map<string, ['email' | 'phone' | 'domain', string]>();
      for (const e of [email, email2]) {
        if (!e) continue;
        rows.set(`email:${e}`, ['email', e]);
        const d = emailDomainOf(e);
        if (d) rows.set(`domain:${d}`, ['domain', d]);
      }
      for (const p of [phone, mobile].map(normalizePhone)) if (p) rows.set(`phone:${p}`, ['phone', p]);
      return rows.values();
    };
    const writeContact = (id: number, companyIdx: number, attachedToCompany: boolean) => {
      const c = companies[companyIdx];
      const r = rngFor(seed, K.contact, id);
      const p = personOf(seed, K.person, id);
      const company = attachedToCompany ? c : null;
      const createdAt = Math.min(asOf - HOUR, c.createdAt + Math.floor(r.next() * Math.min(90 * DAY, asOf - c.createdAt)));
      const ownerId = company ? ownerNear(r, c.ownerId) : ownerIds[r.int(0, ownerIds.length - 1)];
      const email = r.chance(0.85) ? `${p.local}@${company?.emailDomain ?? p.publicDomain}` : null;
      const email2 = email && r.chance(0.05) ? `${p.local}@${p.publicDomain}` : null;
      const region = company?.addresses[0] ? (CITIES.find((x) => x[0] === company.addresses[0].city)?.[2] ?? 1) : r.int(1, 5);
      const phone = r.chance(0.5) ? landline(r, region) : null;
      const mobile = r.chance(0.4) ? mobileOf(r) : null;
      const consentRoll = r.next();
      const consent: ConsentStatus = consentRoll < 0.6 ? 'unknown' : consentRoll < 0.88 ? 'given' : consentRoll < 0.94 ? 'refused' : 'withdrawn';
      const jobTitle = r.chance(0.75) ? jobOf(r, p) : null;
      const updatedAt = r.chance(0.2) ? createdAt + Math.floor(r.next() * (asOf - createdAt)) : createdAt;
      insContact.run(
        id, company ? c.id : null, p.civility, p.firstName, p.lastName, sortKey(`${p.lastName} ${p.firstName ?? ''}`), personNameKey(p.lastName, p.firstName),
        jobTitle, r.chance(0.3) ? r.pick(DEPARTMENTS) : null, r.chance(0.6) ? r.pick(org.refs.contact_role) : null, email, email2, phone, mobile,
        r.chance(0.55) ? 'fr' : r.chance(0.1) ? 'en' : null, ownerId, org.teamOf.get(ownerId) ?? null, b(r.chance(0.96)), b(r.chance(0.03)),
        b(consent === 'refused' || consent === 'withdrawn' ? r.chance(0.7) : r.chance(0.02)), consent, consent === 'unknown' ? null : parisDay(createdAt),
        consent === 'unknown' ? null : r.pick(CONSENT_SOURCES), r.chance(0.04) ? r.pick(NOTES) : null, updatedAt === createdAt ? 1 : r.int(2, 4), createdAt, ownerId,
        updatedAt, ownerId,
      );
      for (const [kind, value] of channelsOf(email, email2, phone, mobile)) {
        insContactChannel.run(id, kind, value);
        nContactChannels++;
      }
      if (r.chance(0.06)) {
        insContactTag.run(id, r.pick(org.tagIds));
        nContactTags++;
      }
      // As indexContact: first and last name; company name, job, emails, phones as typed and as digits.
      fts.run(rowidOf('contact', id), words(p.firstName, p.lastName), words(company?.name, jobTitle, email, email2, phone, normalizePhone(phone), mobile, normalizePhone(mobile)));
      ftsRows++;
    };
    {
      let doneContacts = 0;
      const perCompany = sqlite.transaction((from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const c = companies[i];
          for (let k = 0; k < c.contactCount; k++) writeContact(c.contactStart + k, i, true);
          for (let k = 0; k < loose[i]; k++) writeContact(looseAt[i] + k, i, false);
          doneContacts += c.contactCount + loose[i];
        }
      });
      // About BATCH contacts per transaction, whole companies at a time.
      const chunk = Math.max(1, Math.floor((BATCH * nC) / counts.contacts));
      for (let from = 0, k = 1; from < nC; from += chunk, k++) {
        perCompany(from, Math.min(nC, from + chunk));
        if (from + chunk >= nC || k % 5 === 0) step(`contacts ${doneContacts}/${counts.contacts}`);
      }
    }

    // ---- opportunities ----
    const insOpp = sqlite.prepare(
      `insert into opportunities (id, name, sort_name, company_id, type_id, pipeline_id, stage_id, status, position, amount, best_case, worst_case, currency,
        probability, score, expected_close_date, source_id, lead_id, owner_id, team_id, description, close_date, closed_at, closed_by, lost_reason_id, competitor,
        reopen_stage_id, version, created_at, created_by, updated_at, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insOppContact = sqlite.prepare('insert into opportunity_contacts (opportunity_id, contact_id, is_primary) values (?, ?, ?)');
    const insOppTag = sqlite.prepare('insert into opportunity_tags (opportunity_id, tag_id) values (?, ?)');
    let nOppContacts = 0;
    let nOppTags = 0;
    inBatches(
      sqlite,
      nO,
      BATCH,
      (i) => {
        const x = opps[i];
        const c = companies[x.companyIdx];
        const r = rngFor(seed, K.opportunity, x.id);
        const name = opportunityNameOf(r, x.createdAt);
        const amountEur = Math.min(2_000_000, Math.max(500, Math.round(Math.exp(Math.log(15_000) + 1.1 * gaussian(r)) / 100) * 100));
        const amount = amountEur * 100;
        const bestCase = r.chance(0.3) ? Math.round(amount * (1.05 + r.next() * 0.35)) : null;
        const worstCase = r.chance(0.3) ? Math.round(amount * (0.6 + r.next() * 0.35)) : null;
        const currency = r.chance(0.96) ? 'EUR' : r.chance(0.5) ? 'GBP' : 'USD';
        const closed = x.status !== 'open';
        const expected = closed
          ? parisDay(x.closedAt! + (r.int(-30, 20) * DAY))
          : parisDay(Math.max(x.createdAt + 7 * DAY, asOf + r.int(-182, 365) * DAY));
        const competitor = x.status === 'lost' && r.chance(0.4) ? r.pick(COMPETITORS) : null;
        const stage = stages(x.pipelineId).find((s) => s.id === x.stageId)!;
        const moved = !closed && stage.position > 0;
        const updatedAt = closed ? x.closedAt! : moved ? x.createdAt + Math.floor(r.next() * (asOf - x.createdAt)) : x.createdAt;
        insOpp.run(
          x.id, name, sortKey(name), c.id, r.chance(0.9) ? r.pick(org.refs.opportunity_type) : null, x.pipelineId, x.stageId, x.status, x.position, amount,
          bestCase, worstCase, currency, !closed && r.chance(0.15) ? r.int(2, 18) * 5 : null, r.chance(0.4) ? 0 : r.int(1, 5), expected,
          r.chance(0.5) ? c.originId : r.chance(0.4) ? r.pick(org.refs.origin) : null, x.leadId, x.ownerId, x.teamId, r.chance(0.2) ? r.pick(NOTES) : null,
          closed ? parisDay(x.closedAt!) : null, x.closedAt, closed ? x.ownerId : null, x.status === 'lost' ? r.pick(org.refs.lost_reason) : null, competitor,
          x.reopenStageId, closed ? 3 : moved ? 2 : 1, x.createdAt, x.ownerId, updatedAt, x.ownerId,
        );
        if (c.contactCount > 0 && r.chance(0.92)) {
          const first = c.contactStart + r.int(0, c.contactCount - 1);
          insOppContact.run(x.id, first, 1);
          nOppContacts++;
          if (c.contactCount > 1 && r.chance(0.35)) {
            const second = c.contactStart + ((first - c.contactStart + r.int(1, c.contactCount - 1)) % c.contactCount);
            insOppContact.run(x.id, second, 0);
            nOppContacts++;
          }
        }
        if (r.chance(0.1)) {
          insOppTag.run(x.id, r.pick(org.tagIds));
          nOppTags++;
        }
        // As indexOpportunity: its name; its company's name and the competitor it was lost to.
        fts.run(rowidOf('opportunity', x.id), name, words(c.name, competitor));
        ftsRows++;
      },
      progress('opportunities', nO),
    );

    // ---- leads ----
    const insLead = sqlite.prepare(
      `insert into leads (id, civility, first_name, last_name, sort_name, name_key, company_name, company_key, job_title, email, email2, phone, mobile, website,
        address_line1, postal_code, city, country, industry_id, size, source_id, category_id, do_not_call, do_not_email, key_account, description, owner_id,
        team_id, status_id, position, manual_score, computed_score, score_breakdown, last_activity_at, scored_at, lost_reason_id, lost_comment, closed_at,
        reopen_status_id, converted_company_id, converted_contact_id, converted_opportunity_id, from_company_id, from_opportunity_id, version, created_at,
        created_by, updated_at, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLeadChannel = sqlite.prepare('insert into lead_channels (lead_id, kind, value) values (?, ?, ?)');
    const insLeadTag = sqlite.prepare('insert into lead_tags (lead_id, tag_id) values (?, ?)');
    let nLeadChannels = 0;
    let nLeadTags = 0;
    const hotTag = org.tagId('Chaud');
    inBatches(
      sqlite,
      nL,
      BATCH,
      (i) => {
        const l = leadsPlan[i];
        const r = rngFor(seed, K.lead, l.id);
        const conv = l.convertedCompanyIdx !== null ? companies[l.convertedCompanyIdx] : null;
        const from = l.fromCompanyIdx !== null ? companies[l.fromCompanyIdx] : null;
        // A converted lead is the person its contact became (same stream); a repeat lead is someone at the customer.
        const p = l.convertedContactId !== null ? personOf(seed, K.person, l.convertedContactId) : personOf(seed, K.leadPerson, l.id);
        const companyName = conv?.name ?? from?.name ?? (r.chance(0.9) ? (r.chance(0.85) ? companyNameOf(r) : companies[r.int(0, nC - 1)].name) : null);
        const domain = conv?.emailDomain ?? from?.emailDomain ?? (companyName && r.chance(0.7) ? `${slug(companyName.replace(/\s(SAS|SARL|SA|EURL|SCI|SASU)$/, ''))}.fr` : p.publicDomain);
        const email = r.chance(0.85) ? `${p.local}@${domain}` : null;
        const email2 = email && r.chance(0.04) ? `${p.local}@${p.publicDomain}` : null;
        const foreign = r.chance(0.08) ? r.pick(FOREIGN) : null;
        const place = r.pick(CITIES);
        const hasCity = foreign !== null || r.chance(0.6);
        const city = foreign ? foreign[1] : hasCity ? place[0] : null;
        const phone = r.chance(0.5) ? (foreign ? `+${r.pick(['32', '41', '49', '39', '34', '44', '352'])} ${r.digits(2)} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}` : landline(r, place[2])) : null;
        const mobile = r.chance(0.35) ? mobileOf(r) : null;
        const jobTitle = r.chance(0.75) ? jobOf(r, p) : null;
        const industryId = r.chance(0.7) ? r.pick(org.refs.industry) : null;
        const size = r.chance(0.55) ? r.skewed(SIZES, 1.5) : null;
        const sourceId = r.chance(0.8) ? r.pick(org.refs.origin) : null;
        const categoryId = r.chance(0.25) ? r.pick(org.refs.customer_family) : null;
        const keyAccount = l.big || r.chance(0.02);
        const tagIds = r.chance(0.12) ? [r.chance(0.4) ? hotTag : r.pick(org.tagIds)] : [];
        const open = l.closedAt === null;
        const lastActivityAt = open
          ? l.kind === 'new'
            ? l.createdAt + Math.floor(r.next() ** 3 * (asOf - l.createdAt))
            : Math.min(asOf - HOUR, l.createdAt + DAY + Math.floor(r.next() * (asOf - l.createdAt - DAY)))
          : l.closedAt!;
        const scoredAt = open ? asOf : l.closedAt!;
        const scored: ScoredLead = { jobTitle, companyName, email, phone, industryId, size, sourceId, categoryId, city, country: foreign ? foreign[0] : city ? 'FR' : null, keyAccount, tagIds, lastActivityAt };
        const score = computeScore(org.rules, scored, scoredAt);
        const actor = l.ownerId ?? org.managerId;
        const version = 1 + (l.kind !== 'new' ? 1 : 0) + (l.closedAt !== null ? 1 : 0) + (lastActivityAt > l.createdAt + DAY && r.chance(0.5) ? 1 : 0);
        insLead.run(
          l.id, p.civility, p.firstName, p.lastName, sortKey(`${p.lastName} ${p.firstName ?? ''}`), personNameKey(p.lastName, p.firstName), companyName,
          companyName ? companyNameKey(companyName) : null, jobTitle, email, email2, phone, mobile,
          companyName && r.chance(0.25) ? `https://www.${slug(companyName)}.fr` : null, hasCity && r.chance(0.4) ? `${r.int(1, 120)} ${r.pick(STREET_TYPES)} ${r.pick(STREETS)}` : null,
          foreign ? foreign[2] : hasCity ? place[1] : null, city, scored.country, industryId, size, sourceId, categoryId, b(r.chance(0.02)), b(r.chance(0.03)),
          b(keyAccount), r.chance(0.12) ? r.pick(LEAD_DESCRIPTIONS) : null, l.ownerId, l.teamId, l.statusId, l.position, r.chance(0.5) ? 0 : r.int(1, 5),
          score.total, JSON.stringify(score.breakdown), lastActivityAt, scoredAt, l.kind === 'lost' ? r.pick(org.refs.lost_reason) : null,
          l.kind === 'lost' && r.chance(0.3) ? r.pick(LOST_COMMENTS) : null, l.closedAt, l.reopenStatusId, conv?.id ?? null, l.convertedContactId,
          l.convertedOpportunityId, from?.id ?? null, l.fromOpportunityId, version, l.createdAt, actor, lastActivityAt, actor,
        );
        for (const [kind, value] of channelsOf(email, email2, phone, mobile)) {
          insLeadChannel.run(l.id, kind, value);
          nLeadChannels++;
        }
        for (const t of tagIds) {
          insLeadTag.run(l.id, t);
          nLeadTags++;
        }
        // As indexLead: the person's name; company name as typed, emails, phones as typed and as digits, city.
        fts.run(rowidOf('lead', l.id), words(p.firstName, p.lastName), words(companyName, email, email2, phone, normalizePhone(phone), mobile, normalizePhone(mobile), city));
        ftsRows++;
      },
      progress('leads', nL),
    );

    step(`creating ${indexes.length} indexes`);
    for (const ix of indexes) sqlite.exec(ix.sql);

    // ---- the big customer's history (audit rows as the services write them) ----
    step('big customer history');
    const auditRows: [number, number | null, string, string, number, Record<string, unknown> | null][] = [];
    {
      const r = phaseRng(seed, 'audit');
      const owner = big.ownerId;
      auditRows.push([big.createdAt, owner, 'company.created', 'company', big.id, { name: big.name, type: 'prospect' }]);
      for (let k = 0; k < 4; k++) {
        const at = big.createdAt + Math.floor(((k + 1) / 5) * (asOf - big.createdAt));
        auditRows.push([at, owner, 'company.updated', 'company', big.id, k === 0 ? { keyAccount: [false, true], addresses: 2 } : { notes: [null, r.pick(NOTES)], addresses: 2 }]);
      }
      const firstWon = companies[bigIdx].opportunityIds.map((id) => opps[id - 1]).filter((x) => x.status === 'won').sort((a, b) => a.closedAt! - b.closedAt!)[0];
      if (firstWon) auditRows.push([firstWon.closedAt!, firstWon.ownerId, 'company.became_client', 'company', big.id, { opportunityId: firstWon.id }]);
      const contactRows = sqlite.prepare('select id, first_name as f, last_name as l, job_title as job, created_at as at, owner_id as o from contacts where company_id = ? order by id').all(big.id) as { id: number; f: string | null; l: string; job: string | null; at: number; o: number }[];
      for (const c of contactRows) {
        auditRows.push([c.at, c.o, 'contact.created', 'contact', c.id, { name: words(c.f, c.l), companyId: big.id }]);
        if (c.job && r.chance(0.3)) auditRows.push([Math.min(asOf - HOUR, c.at + r.int(5, 300) * DAY), c.o, 'contact.updated', 'contact', c.id, { jobTitle: [null, c.job] }]);
      }
      const oppRows = sqlite.prepare('select id, name, amount, status, created_at as at, closed_at as closedAt, close_date as closeDate, owner_id as o, lead_id as leadId, lost_reason_id as lr from opportunities where company_id = ? order by id').all(big.id) as {
        id: number; name: string; amount: number; status: OpportunityStatus; at: number; closedAt: number | null; closeDate: string | null; o: number; leadId: number | null; lr: number | null;
      }[];
      for (const x of oppRows) {
        auditRows.push([x.at, x.o, 'opportunity.created', 'opportunity', x.id, { name: x.name, companyId: big.id, stage: 'Qualification', amount: x.amount, leadId: x.leadId ?? undefined }]);
        if (x.status !== 'open') auditRows.push([x.closedAt!, x.o, `opportunity.${x.status}`, 'opportunity', x.id, { closeDate: x.closeDate, amount: x.amount, lostReasonId: x.lr ?? undefined }]);
      }
      for (const l of leadsPlan.filter((x) => x.big)) {
        auditRows.push([l.createdAt, l.ownerId, 'lead.created', 'lead', l.id, { name: 'lead', fromCompanyId: l.fromCompanyIdx !== null ? big.id : undefined, fromOpportunityId: l.fromOpportunityId ?? undefined }]);
        if (l.kind === 'converted') auditRows.push([l.closedAt!, l.ownerId, 'lead.converted', 'lead', l.id, { companyId: big.id, contactId: l.convertedContactId, opportunityId: l.convertedOpportunityId, newCompany: false, newContact: false }]);
        if (l.kind === 'lost') auditRows.push([l.closedAt!, l.ownerId, 'lead.lost', 'lead', l.id, { lostReasonId: org.refs.lost_reason[0] }]);
      }
      // Lead names as stored.
      const leadName = sqlite.prepare('select first_name as f, last_name as l from leads where id = ?');
      for (const row of auditRows) {
        if (row[3] === 'lead' && row[2] === 'lead.created') {
          const n = leadName.get(row[4]) as { f: string | null; l: string };
          row[5] = { ...row[5], name: words(n.f, n.l) };
        }
      }
      auditRows.sort((a, b) => a[0] - b[0]);
      const insAudit = sqlite.prepare('insert into audit_log (at, actor_id, action, entity_type, entity_id, data, ip) values (?, ?, ?, ?, ?, ?, null)');
      sqlite.transaction(() => {
        for (const [at, actor, action, type, id, data] of auditRows) insAudit.run(at, actor, action, type, id, data ? JSON.stringify(data) : null);
      })();
    }

    // ---- finishing ----
    step('optimize search index, analyze');
    sqlite.exec(`insert into search_fts(search_fts) values ('optimize')`);
    sqlite.exec('analyze');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');

    const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const matchCount = (kind: number) =>
      (sqlite.prepare(`select count(*) as n from search_fts where search_fts match ? and (rowid & 7) = ?`).get(`"${SEARCH_PREFIX}"*`, kind) as { n: number }).n;
    const leadsByKind = Object.fromEntries(org.statuses.map((s) => [s.kind, 0])) as Record<LeadStatusKind, number>;
    for (const row of sqlite.prepare('select s.kind as kind, count(*) as n from leads l join lead_statuses s on s.id = l.status_id group by s.kind').all() as { kind: LeadStatusKind; n: number }[]) {
      leadsByKind[row.kind] = row.n;
    }
    const opportunitiesByStatus = { open: 0, won: 0, lost: 0 } as Record<OpportunityStatus, number>;
    for (const row of sqlite.prepare('select status, count(*) as n from opportunities group by status').all() as { status: OpportunityStatus; n: number }[]) {
      opportunitiesByStatus[row.status] = row.n;
    }
    const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
    const manifest: Manifest = {
      scale: o.scaleName ?? String(o.scale),
      factor: o.scale,
      seed,
      asOf: new Date(asOf).toISOString().slice(0, 10),
      asOfMs: asOf,
      generatedAt: new Date().toISOString(),
      sqliteVersion,
      nodeVersion: process.version,
      seconds: 0,
      fileBytes: 0,
      counts: {
        companies: count('companies'),
        contacts: count('contacts'),
        leads: count('leads'),
        opportunities: count('opportunities'),
        fts: ftsRows,
        companyAddresses: nAddresses,
        companyTags: nCompanyTags,
        contactChannels: nContactChannels,
        contactTags: nContactTags,
        opportunityContacts: nOppContacts,
        opportunityTags: nOppTags,
        leadChannels: nLeadChannels,
        leadTags: nLeadTags,
        auditLog: count('audit_log'),
        users: count('users'),
      },
      leadsByKind,
      opportunitiesByStatus,
      password: BENCH_PASSWORD,
      admin: { id: org.adminId, email: 'admin@bench.suivi.app' },
      manager: { id: org.managerId, email: 'manager@bench.suivi.app', teamIds: org.teams.map((t) => t.id) },
      owners: org.owners,
      teams: org.teams,
      bigCustomerId: big.id,
      bigCustomer: { id: big.id, name: big.name, ownerId: big.ownerId, contacts: BIG_CUSTOMER.contacts, leads: BIG_CUSTOMER.leads, opportunities: BIG_CUSTOMER.opportunities },
      defaultPipelineId: org.defaultPipelineId,
      secondPipelineId: org.secondPipelineId,
      leadStatuses: org.statuses,
      stages: [...org.stagesOf.values()].flat().map(({ id, pipelineId, name, kind }) => ({ id, pipelineId, name, kind })),
      scoreRuleIds: org.rules.map((x) => x.id),
      searchPrefix: SEARCH_PREFIX,
      searchPrefixMatches: { companies: matchCount(1), contacts: matchCount(2), opportunities: matchCount(3), leads: matchCount(4) },
    };
    sqlite.close();
    manifest.fileBytes = fs.statSync(o.file).size;
    manifest.seconds = Math.round((performance.now() - started) / 100) / 10;
    fs.writeFileSync(manifestPathOf(o.file), JSON.stringify(manifest, null, 2) + '\n');
    step(`done: ${path.basename(o.file)} ${(manifest.fileBytes / 1048576).toFixed(0)} MB`);
    return manifest;
  } finally {
    if (sqlite.open) sqlite.close();
  }
}

/** A standard normal draw (Box–Muller). */
function gaussian(r: Rng): number {
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
