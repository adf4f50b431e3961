'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { formDataToObject, type FormState } from '@/lib/forms';
import { convertLead } from '@/lib/leads/convert';
import { repeatOrigin } from '@/lib/leads/record-queries';
import { convertSchema, leadMoveSchema, leadReopenSchema, leadSchema, leadTransferSchema, leadUpdateSchema, loseSchema } from '@/lib/leads/schema';
import { createLead, deleteLead, loseLead, moveLead, reopenLead, takeCharge, transferLead, updateLead } from '@/lib/leads/service';
import { actionContext, parseForm, refusal } from '@/app/_server/action';
import { convertRefusal } from './_components/convert-errors';
import { leadPath, safeBack, withParams } from './_components/paths';
import { repeatOriginSchema } from './_components/schemas';

const idOf = (formData: FormData) => Number(formData.get('id'));

/** Leads show on their own pages, on the board and lists, and on the company and opportunity pages. */
function revalidate() {
  revalidatePath('/leads', 'layout');
  revalidatePath('/companies', 'layout');
  revalidatePath('/opportunities', 'layout');
}

export async function createLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadSchema, formData);
  if (!parsed.ok) return parsed.state;
  // A repeat lead ("new lead for this customer") keeps where it came from, if the user may see it.
  const from = repeatOriginSchema.safeParse(formDataToObject(formData));
  const origin = from.success ? repeatOrigin(getDb(), ctx.user, { companyId: from.data.fromCompanyId, opportunityId: from.data.fromOpportunityId }) : null;
  if (!origin) return refusal({ code: 'leads.errors.originNotFound' }, parsed.raw);
  const res = createLead(getDb(), parsed.data, ctx, origin);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(leadPath(res.value.id));
}

export async function updateLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadUpdateSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateLead(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(leadPath(idOf(formData)));
}

/** The status bar: a click on an open status. */
export async function moveLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadMoveSchema, formData);
  if (!parsed.ok) return refusal({ code: 'errors.invalidForm' });
  const res = moveLead(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error);
  revalidate();
  redirect(leadPath(parsed.data.id));
}

/** "Take charge": the lead is assigned to the user. */
export async function takeLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = takeCharge(getDb(), [idOf(formData)], ctx);
  if (!res.ok) return refusal(res.error);
  revalidate();
  redirect(withParams(leadPath(idOf(formData)), { notice: 'taken' }));
}

export async function loseLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(loseSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = loseLead(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(withParams(safeBack(formData.get('back')) ?? leadPath(idOf(formData)), { notice: 'lost' }));
}

export async function reopenLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadReopenSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = reopenLead(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(withParams(leadPath(idOf(formData)), { notice: 'reopened' }));
}

export async function transferLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadTransferSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = transferLead(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidate();
  redirect(withParams(leadPath(idOf(formData)), { notice: 'transferred' }));
}

export async function deleteLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = deleteLead(getDb(), idOf(formData), ctx);
  if (!res.ok) return refusal(res.error);
  revalidate();
  redirect('/leads?deleted=1');
}

/** The convert dialog: one transaction; then the opportunity it created, else the company. */
export async function convertLeadAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const id = idOf(formData);
  const parsed = parseForm(convertSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = convertLead(getDb(), id, parsed.data, ctx);
  if (!res.ok) return refusal(convertRefusal(res.error), parsed.raw);
  revalidate();
  revalidatePath('/contacts', 'layout');
  const { companyId, opportunityId } = res.value;
  redirect(withParams(opportunityId ? `/opportunities/${opportunityId}` : `/companies/${companyId}`, { converted: id }));
}
