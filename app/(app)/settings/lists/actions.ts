'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { FormState } from '@/lib/forms';
import { editTagForm, moveForm, newRefValueForm, renameRefValueForm, retireForm, tagSchema } from '@/lib/reference/schema';
import {
  createRefValue,
  createTag,
  moveRefValue,
  moveTag,
  renameRefValue,
  setRefValueRetired,
  setTagRetired,
  updateTag,
} from '@/lib/reference/service';
import { actionContext, parseForm, refusal } from '@/app/_server/action';

const PAGE = '/settings/lists';

// After a change to one value, back to that value (#ref-12 / #tag-3): without JavaScript the page reloads there.
const back = (anchor: string): never => {
  revalidatePath(PAGE);
  redirect(`${PAGE}#${anchor}`);
};

export async function createRefValueAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(newRefValueForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = createRefValue(getDb(), parsed.data.kind, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath(PAGE);
  return { ok: true, message: (await getTranslations())('reference.added', { name: parsed.data.name }) };
}

export async function renameRefValueAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(renameRefValueForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = renameRefValue(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(`ref-${parsed.data.id}`);
}

export async function moveRefValueAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(moveForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = moveRefValue(getDb(), parsed.data.id, parsed.data.direction, ctx);
  if (!res.ok) return refusal(res.error);
  return back(`ref-${parsed.data.id}`);
}

export async function setRefValueRetiredAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(retireForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = setRefValueRetired(getDb(), parsed.data.id, parsed.data.retired, ctx);
  if (!res.ok) return refusal(res.error);
  return back(`ref-${parsed.data.id}`);
}

export async function createTagAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(tagSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createTag(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath(PAGE);
  return { ok: true, message: (await getTranslations())('reference.added', { name: parsed.data.name }) };
}

export async function updateTagAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(editTagForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateTag(getDb(), parsed.data.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return back(`tag-${parsed.data.id}`);
}

export async function moveTagAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(moveForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = moveTag(getDb(), parsed.data.id, parsed.data.direction, ctx);
  if (!res.ok) return refusal(res.error);
  return back(`tag-${parsed.data.id}`);
}

export async function setTagRetiredAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(retireForm, formData);
  if (!parsed.ok) return parsed.state;
  const res = setTagRetired(getDb(), parsed.data.id, parsed.data.retired, ctx);
  if (!res.ok) return refusal(res.error);
  return back(`tag-${parsed.data.id}`);
}
