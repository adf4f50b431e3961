import type { MergeKind } from '@/db/schema';

/**
 * What a merge lets the user pick, field by field. A field may carry several columns that belong together
 * (a consent status with its date and source).
 */
export const MERGE_FIELDS = {
  company: {
    name: ['name'],
    type: ['type'],
    legalId: ['legalId'],
    website: ['website'],
    emailDomain: ['emailDomain'],
    email: ['email'],
    phone: ['phone'],
    industryId: ['industryId'],
    size: ['size'],
    customerFamilyId: ['customerFamilyId'],
    originId: ['originId'],
    keyAccount: ['keyAccount'],
    ownerId: ['ownerId'],
    teamId: ['teamId'],
    notes: ['notes'],
  },
  contact: {
    civility: ['civility'],
    firstName: ['firstName'],
    lastName: ['lastName'],
    companyId: ['companyId'],
    jobTitle: ['jobTitle'],
    department: ['department'],
    roleId: ['roleId'],
    email: ['email'],
    email2: ['email2'],
    phone: ['phone'],
    mobile: ['mobile'],
    language: ['language'],
    active: ['active'],
    doNotCall: ['doNotCall'],
    doNotEmail: ['doNotEmail'],
    consentStatus: ['consentStatus', 'consentDate', 'consentSource'],
    ownerId: ['ownerId'],
    teamId: ['teamId'],
    notes: ['notes'],
  },
  // The status, position, score and conversion links are the survivor's own; its score is recomputed.
  lead: {
    civility: ['civility'],
    firstName: ['firstName'],
    lastName: ['lastName'],
    companyName: ['companyName'],
    jobTitle: ['jobTitle'],
    email: ['email'],
    email2: ['email2'],
    phone: ['phone'],
    mobile: ['mobile'],
    website: ['website'],
    address: ['addressLine1', 'postalCode', 'city', 'country'],
    industryId: ['industryId'],
    size: ['size'],
    sourceId: ['sourceId'],
    categoryId: ['categoryId'],
    doNotCall: ['doNotCall'],
    doNotEmail: ['doNotEmail'],
    keyAccount: ['keyAccount'],
    manualScore: ['manualScore'],
    ownerId: ['ownerId'],
    teamId: ['teamId'],
    description: ['description'],
  },
} as const satisfies Record<MergeKind, Record<string, readonly string[]>>;

export function mergeFieldsOf(kind: MergeKind): string[] {
  return Object.keys(MERGE_FIELDS[kind]);
}

export function columnsOfField(kind: MergeKind, field: string): readonly string[] {
  return (MERGE_FIELDS[kind] as Record<string, readonly string[]>)[field] ?? [];
}

/** Fields "check duplicates" can group by. */
export const DUPLICATE_FIELDS = {
  company: ['name', 'domain', 'phone', 'legalId'],
  contact: ['name', 'email', 'phone', 'companyName'],
  lead: ['name', 'companyName', 'email', 'phone'],
} as const satisfies Record<MergeKind, readonly string[]>;
export type DuplicateField<K extends MergeKind = MergeKind> = (typeof DUPLICATE_FIELDS)[K][number];

/** Where a kind's records live: `${areaOf(kind)}/${id}` is a record's page, `${areaOf(kind)}/duplicates` its check. */
export function areaOf(kind: MergeKind): '/companies' | '/contacts' | '/leads' {
  return kind === 'company' ? '/companies' : kind === 'contact' ? '/contacts' : '/leads';
}

/** Undo is offered for this long after a merge. */
export const UNDO_WINDOW_MS = 30 * 86_400_000;
