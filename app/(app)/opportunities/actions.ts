'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { formDataToObject, keepValues, type FormState } from '@/lib/forms';
import { closeSchema, moveSchema, opportunitySchema, opportunityUpdateSchema, parseOthersForm, reopenSchema, transferSchema } from '@/lib/opportunities/schema';
import {
  closeOpportunity,
  createOpportunity,
  deleteOpportunity,
  moveOpportunity,
  reopenOpportunity,
  resolveOtherOpportunities,
  transferOpportunity,
  updateOpportunity,
} from '@/lib/opportunities/service';
import { actionContext, parseForm, refusal } from '@/app/_server/action';
import { recordPath, safeBack, withParams } from './_components/back';

const idOf = (formData: FormData) => Number(formData.get('id'));

/** Opportunities show on their own pages and on their company's and contacts' pages. */
function revalidate() {
  revalidatePath('/opportunities', 'layout');
  revalidatePath('/companies', 'layout');
  revalidatePath('/contacts', 'layout');
}

export async function createOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(opportunitySchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createOpportunity(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(recordPath(res.value.id));
}

export async function updateOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(opportunityUpdateSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateOpportunity(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(recordPath(idOf(formData)));
}

/** The record page's stage bar: a click on an open stage. */
export async function moveOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(moveSchema, formData);
  if (!parsed.ok) return refusal({ code: 'errors.invalidForm' });
  const res = moveOpportunity(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error);
  revalidate();
  redirect(recordPath(parsed.data.id));
}

/** The confirm step of Won / Lost; a prospect's win with other open opportunities leads to the offer to close them. */
export async function closeOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const id = idOf(formData);
  const parsed = parseForm(closeSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = closeOpportunity(getDb(), id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  const back = safeBack(formData.get('back'));
  if (res.value.becameClient && res.value.others > 0) redirect(`${recordPath(id)}/others`);
  redirect(withParams(back ?? recordPath(id), { notice: parsed.data.outcome }));
}

/** The answer to the offer: each other open opportunity closed as lost (with its reason) or kept. */
export async function resolveOthersAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const id = idOf(formData);
  const raw = formDataToObject(formData);
  const parsed = parseOthersForm(raw);
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, values: keepValues(raw) };
  const res = resolveOtherOpportunities(getDb(), id, parsed.decisions, ctx);
  if (!res.ok) return refusal(res.error, raw);
  revalidate();
  redirect(withParams(recordPath(id), { lost: res.value.lost, kept: res.value.kept }));
}

export async function reopenOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(reopenSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = reopenOpportunity(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(withParams(recordPath(idOf(formData)), { notice: 'reopened' }));
}

export async function transferOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(transferSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = transferOpportunity(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(withParams(recordPath(idOf(formData)), { notice: 'transferred' }));
}

export async function deleteOpportunityAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = deleteOpportunity(getDb(), idOf(formData), ctx);
  if (!res.ok) return refusal(res.error);
  revalidate();
  redirect('/opportunities?deleted=1');
}
