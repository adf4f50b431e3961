import { z } from 'zod';
import { optId } from '@/lib/customers/fields';

// A form of the lead pages that lib/leads/schema.ts has no schema for. A plain module: the client forms and
// the server actions both use them.

/** Where a repeat lead comes from (hidden fields of the new-lead form); the action checks the viewer sees it. */
export const repeatOriginSchema = z.object({ fromCompanyId: optId, fromOpportunityId: optId });
