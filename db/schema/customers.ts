import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { teams, users } from './auth';

export const COMPANY_TYPES = ['prospect', 'client', 'supplier', 'partner', 'other'] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];
export const COMPANY_SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;
export const REF_KINDS = ['industry', 'customer_family', 'origin', 'contact_role', 'opportunity_type', 'lost_reason'] as const;
export type RefKind = (typeof REF_KINDS)[number];
export const CONSENT_STATUSES = ['unknown', 'given', 'refused', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CIVILITIES = ['mr', 'ms', 'mx'] as const;

/** Admin-managed lists (industries, customer families, origins, contact roles). Retired values stay on old records. */
export const refValues = sqliteTable(
  'ref_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: REF_KINDS }).notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('ref_values_kind_name_idx').on(t.kind, t.name), index('ref_values_kind_pos_idx').on(t.kind, t.retired, t.position)],
);

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  color: text('color').notNull().default('slate'),
  position: integer('position').notNull().default(0),
  retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const companies = sqliteTable(
  'companies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Lower-case, accents removed: the order of lists and the key of "similar name". */
    sortName: text('sort_name').notNull(),
    /** sortName without legal forms, spaces and punctuation: two companies with the same key are likely duplicates. */
    nameKey: text('name_key').notNull(),
    type: text('type', { enum: COMPANY_TYPES }).notNull().default('prospect'),
    legalId: text('legal_id'),
    website: text('website'),
    emailDomain: text('email_domain'),
    phone: text('phone'),
    phoneNormalized: text('phone_normalized'),
    email: text('email'),
    industryId: integer('industry_id').references(() => refValues.id),
    size: text('size', { enum: COMPANY_SIZES }),
    customerFamilyId: integer('customer_family_id').references(() => refValues.id),
    originId: integer('origin_id').references(() => refValues.id),
    keyAccount: integer('key_account', { mode: 'boolean' }).notNull().default(false),
    ownerId: integer('owner_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    notes: text('notes'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    index('companies_list_idx').on(t.archived, t.sortName, t.id),
    index('companies_owner_idx').on(t.ownerId, t.sortName, t.id),
    index('companies_team_idx').on(t.teamId, t.sortName, t.id),
    index('companies_type_idx').on(t.type, t.sortName, t.id),
    index('companies_family_idx').on(t.customerFamilyId),
    index('companies_created_idx').on(t.createdAt),
    index('companies_domain_idx').on(t.emailDomain),
    index('companies_phone_idx').on(t.phoneNormalized),
    index('companies_legal_idx').on(t.legalId),
    index('companies_name_key_idx').on(t.nameKey),
  ],
);

export const companyAddresses = sqliteTable(
  'company_addresses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    label: text('label'),
    line1: text('line1').notNull(),
    line2: text('line2'),
    postalCode: text('postal_code'),
    city: text('city').notNull(),
    country: text('country').notNull().default('FR'),
    isBilling: integer('is_billing', { mode: 'boolean' }).notNull().default(false),
    isDelivery: integer('is_delivery', { mode: 'boolean' }).notNull().default(false),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('company_addresses_company_idx').on(t.companyId), index('company_addresses_city_idx').on(sql`${t.city} collate nocase`)],
);

export const companyTags = sqliteTable(
  'company_tags',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.tagId] }), index('company_tags_tag_idx').on(t.tagId, t.companyId)],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: integer('company_id').references(() => companies.id),
    civility: text('civility', { enum: CIVILITIES }),
    firstName: text('first_name'),
    lastName: text('last_name').notNull(),
    sortName: text('sort_name').notNull(),
    /** "lastname firstname" normalized, for duplicate detection. */
    nameKey: text('name_key').notNull(),
    jobTitle: text('job_title'),
    department: text('department'),
    roleId: integer('role_id').references(() => refValues.id),
    email: text('email'),
    email2: text('email2'),
    phone: text('phone'),
    mobile: text('mobile'),
    language: text('language'),
    ownerId: integer('owner_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    doNotCall: integer('do_not_call', { mode: 'boolean' }).notNull().default(false),
    doNotEmail: integer('do_not_email', { mode: 'boolean' }).notNull().default(false),
    consentStatus: text('consent_status', { enum: CONSENT_STATUSES }).notNull().default('unknown'),
    consentDate: text('consent_date'),
    consentSource: text('consent_source'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    index('contacts_list_idx').on(t.active, t.sortName, t.id),
    index('contacts_sort_idx').on(t.sortName, t.id),
    index('contacts_company_idx').on(t.companyId, t.sortName),
    index('contacts_owner_idx').on(t.ownerId, t.sortName, t.id),
    index('contacts_team_idx').on(t.teamId, t.sortName, t.id),
    index('contacts_consent_idx').on(t.consentStatus),
    index('contacts_name_key_idx').on(t.nameKey),
    index('contacts_created_idx').on(t.createdAt),
  ],
);

/** Every email and phone of a contact, normalized, for duplicate detection and search. */
export const contactChannels = sqliteTable(
  'contact_channels',
  {
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['email', 'phone', 'domain'] }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.kind, t.value] }), index('contact_channels_value_idx').on(t.kind, t.value)],
);

export const contactTags = sqliteTable(
  'contact_tags',
  {
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index('contact_tags_tag_idx').on(t.tagId, t.contactId)],
);
