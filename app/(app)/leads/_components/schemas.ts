import { z } from 'zod';
import { optId, optText } from '@/lib/customers/fields';

// Forms of the lead pages that lib/leads/schema.ts has no schema for. A plain module: the client forms and
// the server actions both use them.

/** Assign a lead to someone, or back to a team's queue (no owner), with a comment for the activity panel. */
export const leadTransferSchema = z.object({ ownerId: optId, teamId: optId, comment: optText(1000) });

/** Where a repeat lead comes from (hidden fields of the new-lead form); the action checks the viewer sees it. */
export const repeatOriginSchema = z.object({ fromCompanyId: optId, fromOpportunityId: optId });
