import { z } from 'zod';
import { STAGE_COLORS } from '@/db/schema/opportunities';
import { listOf } from '@/lib/forms';

export const PIPELINE_NAME_MAX = 80;
export const STAGE_NAME_MAX = 60;
export const MOVE_DIRECTIONS = ['up', 'down'] as const;
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number];

/** A name: trimmed, inner spaces folded, 1 to `max` characters. */
function nameField(max: number) {
  return z
    .string({ error: 'errors.required' })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { error: 'errors.required' }).max(max, { error: 'errors.tooLong' }));
}

const idField = z.coerce.number({ error: 'errors.notFound' }).int({ error: 'errors.notFound' }).positive({ error: 'errors.notFound' });

/** 0–100, a trailing "%" allowed. */
const probabilityField = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(/\s*%$/, '').replace(',', '.')) : v),
  z.coerce
    .number({ error: 'pipelines.errors.invalidProbability' })
    .int({ error: 'pipelines.errors.invalidProbability' })
    .min(0, { error: 'pipelines.errors.invalidProbability' })
    .max(100, { error: 'pipelines.errors.invalidProbability' }),
);

export const stageColorField = z.enum(STAGE_COLORS, { error: 'errors.invalidChoice' });

/** "" (the starter stages) or the id of the pipeline whose stages are copied. */
const stagesFromField = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), idField.nullable());

// What the user types, validated in the browser too. Hidden inputs (ids, direction) are not registered
// with react-hook-form, so they live in the *Form schemas below, parsed by the actions only.
export const pipelineSchema = z.object({ name: nameField(PIPELINE_NAME_MAX) });
export const newPipelineSchema = pipelineSchema.extend({ stagesFrom: stagesFromField });
export type PipelineInput = z.infer<typeof pipelineSchema>;
export type NewPipelineInput = z.infer<typeof newPipelineSchema>;

export const stageSchema = z.object({ name: nameField(STAGE_NAME_MAX), color: stageColorField, probability: probabilityField });
export type StageInput = z.infer<typeof stageSchema>;

export const renamePipelineForm = pipelineSchema.extend({ id: idField });
export const pipelineIdForm = z.object({ id: idField });
export const archivePipelineForm = z.object({
  id: idField,
  archived: z.enum(['true', 'false'], { error: 'errors.invalidChoice' }).transform((v) => v === 'true'),
});
export const movePipelineForm = z.object({ id: idField, direction: z.enum(MOVE_DIRECTIONS, { error: 'errors.invalidChoice' }) });

export const newStageForm = stageSchema.extend({ pipelineId: idField });
export const editStageForm = stageSchema.extend({ id: idField });
export const stageIdForm = z.object({ id: idField });

/** Deleting a stage; `moveTo` (optional): the open stage of the same pipeline that takes its opportunities. */
export const deleteStageSchema = z.object({ moveTo: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), idField.nullable()) });
export const deleteStageForm = deleteStageSchema.extend({ id: idField });
export type DeleteStageInput = z.infer<typeof deleteStageSchema>;

/**
 * A new order of a pipeline's stages: either the whole order of its open stages (a drag) or one stage
 * one step up or down (the buttons that work without JavaScript). Won and lost always stay last.
 */
export const stageOrderForm = z
  .object({
    pipelineId: idField,
    order: listOf(idField).optional(),
    stageId: idField.optional(),
    direction: z.enum(MOVE_DIRECTIONS, { error: 'errors.invalidChoice' }).optional(),
  })
  .refine((v) => (v.order?.length ?? 0) > 0 || (v.stageId !== undefined && v.direction !== undefined), { error: 'errors.invalidForm', path: ['order'] });
export type StageOrderInput = z.infer<typeof stageOrderForm>;
