'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { FormState } from '@/lib/forms';
import { createScoreRule, deleteScoreRule, setScoreRuleActive, updateScoreRule } from '@/lib/leads/rules';
import { createLeadStatus, deleteLeadStatus, makeNewLeadStatus, reorderLeadStatuses, updateLeadStatus } from '@/lib/leads/status-admin';
import { deleteLeadStatusForm, editLeadStatusForm, leadStatusIdForm, leadStatusOrderForm, leadStatusSchema } from '@/lib/leads/status-schema';
import { actionContext, parseForm, refusal } from '@/app/_server/action';
import { ruleFormSchema } from './_components/rule-form';

const PAGE = '/settings/leads';

// After a change, back to where it was made (#anchor): without JavaScript the page reloads there.
const back = (anchor: string, query = ''): never => {
  revalidatePath(PAGE, 'layout');
  redirect(`${PAGE}${query}#${anchor}`);
};

const idForm = z.object({ id: z.coerce.number({ error: 'errors.notFound' }).int({ error: 'errors.notFound' }).positive({ error: 'errors.notFound' }) });
const activeForm = idForm.extend({ active: z.enum(['true', 'false'], { error: 'errors.invalidChoice' }).transform((v) => v === 'true') });

// ——— Statuses ———

export async function createLeadStatusAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadStatusSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createLeadStatus(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath(PAGE, 'layout');
  return { ok: true, message: (await getTranslations())('leadSettings.statuses.added', { name: parsed.data.name }) };
}

export async function updateLeadStatusAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(editLeadStatusForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateLeadStatus(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(`status-${parsed.data.id}`);
}

export async function makeNewLeadStatusAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadStatusIdForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = makeNewLeadStatus(getDb(), parsed.data.id, ctx);
  if (!res.ok) return refusal(res.error);
  return back(`status-${parsed.data.id}`);
}

/**
 * One action for both ways of reordering: a drag posts the whole `order` and stays on the page (the list
 * already shows it); the up/down buttons post `statusId` + `direction` and come back to the status.
 */
export async function reorderLeadStatusesAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(leadStatusOrderForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = reorderLeadStatuses(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error);
  if (parsed.data.order?.length) {
    revalidatePath(PAGE, 'layout');
    return { ok: true };
  }
  return back(`status-${parsed.data.statusId}`);
}

export async function deleteLeadStatusAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(deleteLeadStatusForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = deleteLeadStatus(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back('statuses');
}

// ——— Scoring rules: every change rescores the open leads; the page says how many ———

export async function createScoreRuleAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(ruleFormSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createScoreRule(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath(PAGE, 'layout');
  return { ok: true, message: (await getTranslations())('leadSettings.rules.added', { name: parsed.data.name, count: res.value.rescored }) };
}

export async function updateScoreRuleAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const id = idForm.safeParse({ id: formData.get('id') });
  if (!id.success) return refusal({ code: 'errors.notFound' });
  const parsed = parseForm(ruleFormSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateScoreRule(getDb(), id.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back('scoring', `?done=saved&rescored=${res.value.rescored}`);
}

/** Deactivating keeps a rule for later: it stops counting, and the open leads are rescored without it. */
export async function setScoreRuleActiveAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(activeForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = setScoreRuleActive(getDb(), parsed.data.id, parsed.data.active, ctx);
  if (!res.ok) return refusal(res.error);
  return back('scoring', `?done=${parsed.data.active ? 'activated' : 'deactivated'}&rescored=${res.value.rescored}`);
}

export async function deleteScoreRuleAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(idForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = deleteScoreRule(getDb(), parsed.data.id, ctx);
  if (!res.ok) return refusal(res.error);
  return back('scoring', `?done=deleted&rescored=${res.value.rescored}`);
}
