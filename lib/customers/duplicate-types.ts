export type DuplicateReason = 'name' | 'domain' | 'phone' | 'legalId' | 'email';
/** A record that looks like the one being saved, offered to the user before saving. */
export type DuplicateMatch = { kind: 'company' | 'contact' | 'lead'; id: number; name: string; reasons: DuplicateReason[] };
