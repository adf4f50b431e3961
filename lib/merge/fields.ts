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
} as const satisfies Record<MergeKind, readonly string[]>;
export type DuplicateField<K extends MergeKind = MergeKind> = (typeof DUPLICATE_FIELDS)[K][number];

/** Undo is offered for this long after a merge. */
export const UNDO_WINDOW_MS = 30 * 86_400_000;
