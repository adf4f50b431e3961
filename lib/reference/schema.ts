import { z } from 'zod';
import { REF_KINDS } from '@/db/schema/customers';

/** The colours a tag may take: Tailwind hues, so badges stay legible on white. */
export const TAG_COLORS = ['slate', 'red', 'amber', 'green', 'teal', 'blue', 'indigo', 'purple', 'pink'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const REF_NAME_MAX = 80;
export const MOVE_DIRECTIONS = ['up', 'down'] as const;
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number];

/** A list value's name: trimmed, inner spaces folded, 1 to 80 characters. */
export const refNameField = z
  .string({ error: 'errors.required' })
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, { error: 'errors.required' }).max(REF_NAME_MAX, { error: 'errors.tooLong' }));

export const refKindField = z.enum(REF_KINDS, { error: 'errors.invalidChoice' });
export const tagColorField = z.enum(TAG_COLORS, { error: 'errors.invalidChoice' });
const idField = z.coerce.number({ error: 'errors.notFound' }).int({ error: 'errors.notFound' }).positive({ error: 'errors.notFound' });

// What the user types, validated in the browser too. Hidden inputs (ids, kind, direction) are not
// registered with react-hook-form, so they live in the *Form schemas below, parsed by the actions only.
export const refValueSchema = z.object({ name: refNameField });
export type RefValueInput = z.infer<typeof refValueSchema>;

export const tagSchema = z.object({ name: refNameField, color: tagColorField });
export type TagInput = z.infer<typeof tagSchema>;

export const newRefValueForm = refValueSchema.extend({ kind: refKindField });
export const renameRefValueForm = refValueSchema.extend({ id: idField });
export const editTagForm = tagSchema.extend({ id: idField });
export const moveForm = z.object({ id: idField, direction: z.enum(MOVE_DIRECTIONS, { error: 'errors.invalidChoice' }) });
export const retireForm = z.object({ id: idField, retired: z.enum(['true', 'false'], { error: 'errors.invalidChoice' }).transform((v) => v === 'true') });
