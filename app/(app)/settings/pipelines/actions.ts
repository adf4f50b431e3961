'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { Locale } from '@/db/schema';
import type { FormState } from '@/lib/forms';
import {
  archivePipelineForm,
  deleteStageForm,
  editStageForm,
  movePipelineForm,
  newPipelineSchema,
  newStageForm,
  pipelineIdForm,
  renamePipelineForm,
  stageIdForm,
  stageOrderForm,
} from '@/lib/pipelines/schema';
import {
  createPipeline,
  createStage,
  deletePipeline,
  deleteStage,
  makeProposalStage,
  movePipeline,
  renamePipeline,
  reorderStages,
  setDefaultPipeline,
  setPipelineArchived,
  updateStage,
} from '@/lib/pipelines/service';
import { actionContext, parseForm, refusal } from '@/app/_server/action';

const LIST = '/settings/pipelines';
const pageOf = (id: number) => `${LIST}/${id}`;

// After a change, back to where it was made (#anchor): without JavaScript the page reloads there.
const back = (path: string, anchor?: string): never => {
  revalidatePath(LIST, 'layout');
  redirect(anchor ? `${path}#${anchor}` : path);
};

export async function createPipelineAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(newPipelineSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createPipeline(getDb(), parsed.data, (await getLocale()) as Locale, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(pageOf(res.value.id));
}

export async function renamePipelineAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(renamePipelineForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = renamePipeline(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(pageOf(parsed.data.id));
}

/** Posted from the list (`from=list`) or from the pipeline's page. */
export async function setDefaultPipelineAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(pipelineIdForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = setDefaultPipeline(getDb(), parsed.data.id, ctx);
  if (!res.ok) return refusal(res.error);
  return formData.get('from') === 'list' ? back(LIST, `pipeline-${parsed.data.id}`) : back(pageOf(parsed.data.id));
}

export async function setPipelineArchivedAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(archivePipelineForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = setPipelineArchived(getDb(), parsed.data.id, parsed.data.archived, ctx);
  if (!res.ok) return refusal(res.error);
  return back(pageOf(parsed.data.id));
}

export async function movePipelineAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(movePipelineForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = movePipeline(getDb(), parsed.data.id, parsed.data.direction, ctx);
  if (!res.ok) return refusal(res.error);
  return back(LIST, `pipeline-${parsed.data.id}`);
}

export async function deletePipelineAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(pipelineIdForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = deletePipeline(getDb(), parsed.data.id, ctx);
  if (!res.ok) return refusal(res.error);
  return back(`${LIST}?deleted=1`);
}

export async function createStageAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(newStageForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = createStage(getDb(), parsed.data.pipelineId, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath(LIST, 'layout');
  return { ok: true, message: (await getTranslations())('pipelines.stages.added', { name: parsed.data.name }) };
}

export async function updateStageAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(editStageForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateStage(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(pageOf(res.value.pipelineId), `stage-${parsed.data.id}`);
}

export async function makeProposalStageAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(stageIdForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = makeProposalStage(getDb(), parsed.data.id, ctx);
  if (!res.ok) return refusal(res.error);
  return back(pageOf(res.value.pipelineId), `stage-${parsed.data.id}`);
}

/**
 * One action for both ways of reordering: a drag posts the whole `order` and stays on the page (the list
 * already shows it); the up/down buttons post `stageId` + `direction` and come back to the stage.
 */
export async function reorderStagesAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(stageOrderForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = reorderStages(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error);
  if (parsed.data.order?.length) {
    revalidatePath(LIST, 'layout');
    return { ok: true };
  }
  return back(pageOf(parsed.data.pipelineId), `stage-${parsed.data.stageId}`);
}

export async function deleteStageAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(deleteStageForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = deleteStage(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(pageOf(res.value.pipelineId), 'stages');
}
