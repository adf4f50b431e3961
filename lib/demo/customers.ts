import { eq } from 'drizzle-orm';
import { writeTx, type Db } from '@/db/client';
import { refValues, tags, users, type CompanyType, type RefKind } from '@/db/schema';
import { loadViewer } from '@/lib/auth/session';
import { createCompany } from '@/lib/companies/service';
import type { CompanyInput } from '@/lib/companies/schema';
import { createContact } from '@/lib/contacts/service';
import type { ContactInput } from '@/lib/contacts/schema';

const REFS: Partial<Record<RefKind, string[]>> = {
  industry: ['Industrie', 'Distribution', 'Services aux entreprises', 'Santé', 'Bâtiment et travaux publics', 'Hôtellerie-restauration', 'Logiciel et numérique'],
  customer_family: ['Grands comptes', 'PME', 'Collectivités', 'Revendeurs'],
  origin: ['Site web', 'Salon professionnel', 'Recommandation', 'Prospection téléphonique', 'Partenaire'],
  contact_role: ['Décideur', 'Prescripteur', 'Acheteur', 'Utilisateur', 'Comptabilité'],
};
const TAGS: [string, string][] = [
  ['Stratégique', 'red'],
  ['À relancer', 'amber'],
  ['Fidèle', 'green'],
  ['Export', 'blue'],
  ['Salon 2026', 'purple'],
];

type DemoCompany = {
  owner: string;
  name: string;
  type: CompanyType;
  legalId?: string;
  website?: string;
  phone?: string;
  industry: string;
  family: string;
  origin: string;
  keyAccount?: boolean;
  tags?: string[];
  size?: CompanyInput['size'];
  addresses: { label?: string; line1: string; postalCode: string; city: string; isBilling?: boolean; isDelivery?: boolean }[];
  contacts: { civility: 'mr' | 'ms'; firstName: string; lastName: string; jobTitle: string; role: string; email?: string; phone?: string; consent?: ContactInput['consentStatus'] }[];
};

const COMPANIES: DemoCompany[] = [
  {
    owner: 'sophie.lambert', name: 'Hôtels Lumière SA', type: 'client', legalId: '552081317', website: 'https://www.hotels-lumiere.fr', phone: '+33 4 72 10 20 30',
    industry: 'Hôtellerie-restauration', family: 'Grands comptes', origin: 'Salon professionnel', keyAccount: true, tags: ['Stratégique', 'Fidèle'], size: '1000+',
    addresses: [{ label: 'Siège', line1: '12 quai Saint-Antoine', postalCode: '69002', city: 'Lyon', isBilling: true }, { label: 'Entrepôt', line1: '8 rue de l’Industrie', postalCode: '69800', city: 'Saint-Priest', isDelivery: true }],
    contacts: [
      { civility: 'ms', firstName: 'Hélène', lastName: 'Garnier', jobTitle: 'Directrice des achats', role: 'Décideur', email: 'helene.garnier@hotels-lumiere.fr', phone: '+33 6 11 22 33 44', consent: 'given' },
      { civility: 'mr', firstName: 'Marc', lastName: 'Lefèvre', jobTitle: 'Responsable technique', role: 'Prescripteur', email: 'marc.lefevre@hotels-lumiere.fr' },
      { civility: 'ms', firstName: 'Inès', lastName: 'Haddad', jobTitle: 'Comptable fournisseurs', role: 'Comptabilité', email: 'compta@hotels-lumiere.fr' },
    ],
  },
  {
    owner: 'karim.benali', name: 'Brasseries du Rhône', type: 'prospect', website: 'https://brasseries-rhone.fr', phone: '04 78 55 66 77',
    industry: 'Industrie', family: 'PME', origin: 'Site web', tags: ['À relancer'], size: '50-249',
    addresses: [{ line1: '45 avenue Jean Jaurès', postalCode: '69007', city: 'Lyon' }],
    contacts: [
      { civility: 'mr', firstName: 'Julien', lastName: 'Faure', jobTitle: 'Directeur général', role: 'Décideur', email: 'j.faure@brasseries-rhone.fr', phone: '06 98 76 54 32' },
      { civility: 'ms', firstName: 'Camille', lastName: 'Roux', jobTitle: 'Responsable qualité', role: 'Utilisateur', email: 'c.roux@brasseries-rhone.fr' },
    ],
  },
  {
    owner: 'julien.moreau', name: 'Clinique des Alpes', type: 'client', website: 'https://clinique-des-alpes.fr', phone: '+33 4 76 00 11 22',
    industry: 'Santé', family: 'Grands comptes', origin: 'Recommandation', keyAccount: true, tags: ['Stratégique'], size: '250-999',
    addresses: [{ label: 'Clinique', line1: '3 avenue du Grésivaudan', postalCode: '38700', city: 'Corenc', isBilling: true, isDelivery: true }],
    contacts: [
      { civility: 'mr', firstName: 'Antoine', lastName: 'Bertrand', jobTitle: 'Directeur administratif', role: 'Décideur', email: 'a.bertrand@clinique-des-alpes.fr', consent: 'given' },
      { civility: 'ms', firstName: 'Sarah', lastName: 'Meunier', jobTitle: 'Cadre de santé', role: 'Utilisateur', email: 's.meunier@clinique-des-alpes.fr' },
    ],
  },
  {
    owner: 'thomas.girard', name: 'Menuiseries Provençales', type: 'prospect', phone: '04 90 12 34 56',
    industry: 'Bâtiment et travaux publics', family: 'PME', origin: 'Prospection téléphonique', tags: ['Salon 2026'], size: '10-49',
    addresses: [{ line1: 'ZA des Paluds, 110 rue du Commerce', postalCode: '13400', city: 'Aubagne' }],
    contacts: [{ civility: 'mr', firstName: 'Olivier', lastName: 'Blanc', jobTitle: 'Gérant', role: 'Décideur', email: 'olivier@menuiseries-provencales.fr', phone: '06 45 67 89 01', consent: 'refused' }],
  },
  {
    owner: 'thomas.girard', name: 'Mairie de Cassis', type: 'client', website: 'https://www.cassis.fr', phone: '04 42 01 01 01',
    industry: 'Services aux entreprises', family: 'Collectivités', origin: 'Partenaire', tags: ['Fidèle'],
    addresses: [{ label: 'Hôtel de ville', line1: 'Place Baragnon', postalCode: '13260', city: 'Cassis' }],
    contacts: [{ civility: 'ms', firstName: 'Nadia', lastName: 'Mercier', jobTitle: 'Responsable des marchés publics', role: 'Acheteur', email: 'marches@cassis.fr' }],
  },
  {
    owner: 'laura.chen', name: 'Nordlicht GmbH', type: 'prospect', legalId: 'DE811569869', website: 'https://nordlicht.de', phone: '+49 40 1234567',
    industry: 'Distribution', family: 'Revendeurs', origin: 'Salon professionnel', tags: ['Export', 'Salon 2026'], size: '50-249',
    addresses: [{ line1: 'Speicherstadt 5', postalCode: '20457', city: 'Hamburg' }],
    contacts: [{ civility: 'mr', firstName: 'Jonas', lastName: 'Weber', jobTitle: 'Head of Purchasing', role: 'Acheteur', email: 'j.weber@nordlicht.de' }],
  },
  {
    owner: 'laura.chen', name: 'Lumen Lighting Ltd', type: 'partner', website: 'https://lumenlighting.co.uk', phone: '+44 20 7946 0000',
    industry: 'Distribution', family: 'Revendeurs', origin: 'Partenaire', tags: ['Export'],
    addresses: [{ line1: '221 Baker Street', postalCode: 'NW1 6XE', city: 'London' }],
    contacts: [{ civility: 'ms', firstName: 'Emma', lastName: 'Clarke', jobTitle: 'Partner Manager', role: 'Prescripteur', email: 'emma.clarke@lumenlighting.co.uk', consent: 'given' }],
  },
  {
    owner: 'sophie.lambert', name: 'Société Générale d’Éclairage', type: 'prospect', website: 'https://sge-eclairage.fr', phone: '01 44 55 66 77',
    industry: 'Industrie', family: 'Grands comptes', origin: 'Site web', size: '250-999',
    addresses: [{ label: 'Siège', line1: '25 rue de la Boétie', postalCode: '75008', city: 'Paris' }],
    contacts: [{ civility: 'mr', firstName: 'François', lastName: 'Durand', jobTitle: 'Directeur technique', role: 'Prescripteur', email: 'f.durand@sge-eclairage.fr' }],
  },
];

/** Reference lists, tags, companies and contacts for the demo, written through the services like a user would. */
export function seedDemoCustomers(db: Db, now: number): void {
  const refIds = new Map<string, number>();
  const tagIds = new Map<string, number>();
  writeTx(db, (tx) => {
    for (const [kind, names] of Object.entries(REFS) as [RefKind, string[]][]) {
      names.forEach((name, position) => {
        refIds.set(`${kind}:${name}`, tx.insert(refValues).values({ kind, name, position, createdAt: now }).returning({ id: refValues.id }).get().id);
      });
    }
    TAGS.forEach(([name, color], position) => {
      tagIds.set(name, tx.insert(tags).values({ name, color, position, createdAt: now }).returning({ id: tags.id }).get().id);
    });
  });
  COMPANIES.forEach((c, i) => {
    const ownerId = db.select({ id: users.id }).from(users).where(eq(users.email, `${c.owner}@demo.suivi.app`)).get()!.id;
    const viewer = loadViewer(db, ownerId)!;
    const at = now - (COMPANIES.length - i) * 86_400_000;
    const created = createCompany(
      db,
      {
        name: c.name, type: c.type, legalId: c.legalId ?? null, website: c.website ?? null, emailDomain: null, email: null, phone: c.phone ?? null,
        industryId: refIds.get(`industry:${c.industry}`)!, size: c.size ?? null, customerFamilyId: refIds.get(`customer_family:${c.family}`)!,
        originId: refIds.get(`origin:${c.origin}`)!, keyAccount: !!c.keyAccount, ownerId, teamId: null,
        tagIds: (c.tags ?? []).map((t) => tagIds.get(t)!), notes: null, confirmDuplicate: true,
        addresses: c.addresses.map((a, n) => ({ label: a.label ?? null, line1: a.line1, line2: null, postalCode: a.postalCode, city: a.city, country: /^\d{5}$/.test(a.postalCode) ? 'FR' : c.website?.endsWith('.de') ? 'DE' : 'GB', isBilling: !!a.isBilling, isDelivery: !!a.isDelivery, isDefault: n === 0 })),
      },
      { user: viewer, now: at },
    );
    if (!created.ok) throw new Error(`demo company ${c.name}: ${created.error.code}`);
    for (const p of c.contacts) {
      const res = createContact(
        db,
        {
          civility: p.civility, firstName: p.firstName, lastName: p.lastName, jobTitle: p.jobTitle, department: null, roleId: refIds.get(`contact_role:${p.role}`)!,
          companyId: created.value.id, email: p.email ?? null, email2: null, phone: p.phone ?? null, mobile: null, language: c.website?.endsWith('.fr') ? 'fr' : 'en',
          ownerId, teamId: null, doNotCall: false, doNotEmail: p.consent === 'refused', consentStatus: p.consent ?? 'unknown', consentDate: null,
          consentSource: p.consent && p.consent !== 'unknown' ? 'Salon Lumière 2026' : null, tagIds: [], notes: null, confirmDuplicate: true,
        },
        { user: viewer, now: at + 3_600_000 },
      );
      if (!res.ok) throw new Error(`demo contact ${p.lastName}: ${res.error.code}`);
    }
  });
}
