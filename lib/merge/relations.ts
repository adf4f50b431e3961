import type { MergeKind } from '@/db/schema';

/**
 * Rows of other areas that point at a company, a contact or a lead: a merge moves them to the survivor and its undo
 * moves them back. Each later area (leads, opportunities, actions, notes) adds one line here.
 * Every table listed must have an integer `id` primary key.
 */
export const MERGE_RELATIONS: Record<MergeKind, readonly { table: string; column: string }[]> = {
  company: [
    { table: 'contacts', column: 'company_id' },
    { table: 'opportunities', column: 'company_id' },
    { table: 'leads', column: 'converted_company_id' },
    { table: 'leads', column: 'from_company_id' },
  ],
  contact: [
    { table: 'opportunity_contacts', column: 'contact_id' },
    { table: 'leads', column: 'converted_contact_id' },
  ],
  lead: [{ table: 'opportunities', column: 'lead_id' }],
};
