import { z } from 'zod';
import { checkbox, listOf } from '@/lib/forms';
import { MOVE_DIRECTIONS, stageColorField } from '@/lib/pipelines/schema';

export const LEAD_STATUS_NAME_MAX = 60;

/** A name: trimmed, inner spaces folded, 1 to 60 characters. */
const nameField = z
  .string({ error: 'errors.required' })
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, { error: 'errors.required' }).max(LEAD_STATUS_NAME_MAX, { error: 'errors.tooLong' }));

const idField = z.coerce.number({ error: 'errors.notFound' }).int({ error: 'errors.notFound' }).positive({ error: 'errors.notFound' });

// What the user types, validated in the browser too. Hidden inputs (ids, direction) are not registered with
// react-hook-form, so they live in the *Form schemas below, parsed by the actions only.
/** `closed` only means something for an open status: converted and lost are always closed, the new one never. */
export const leadStatusSchema = z.object({ name: nameField, color: stageColorField, closed: checkbox });
export type LeadStatusInput = z.infer<typeof leadStatusSchema>;

export const editLeadStatusForm = leadStatusSchema.extend({ id: idField });
export const leadStatusIdForm = z.object({ id: idField });

/** Deleting a status; `moveTo` (optional): the new or open status that takes its leads. */
export const deleteLeadStatusSchema = z.object({ moveTo: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), idField.nullable()) });
export const deleteLeadStatusForm = deleteLeadStatusSchema.extend({ id: idField });
export type DeleteLeadStatusInput = z.infer<typeof deleteLeadStatusSchema>;

/**
 * A new order of the statuses: either the whole order of the new and open ones (a drag) or one status one step
 * up or down (the buttons that work without JavaScript). Converted and lost always stay last.
 */
export const leadStatusOrderForm = z
  .object({
    order: listOf(idField).optional(),
    statusId: idField.optional(),
    direction: z.enum(MOVE_DIRECTIONS, { error: 'errors.invalidChoice' }).optional(),
  })
  .refine((v) => (v.order?.length ?? 0) > 0 || (v.statusId !== undefined && v.direction !== undefined), { error: 'errors.invalidForm', path: ['order'] });
export type LeadStatusOrderInput = z.infer<typeof leadStatusOrderForm>;
