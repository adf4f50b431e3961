'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { FormState } from '@/lib/forms';
import { areaOf } from '@/lib/merge/fields';
import { mergeFormSchema } from '@/lib/merge/schema';
import { mergeRecords, undoMerge } from '@/lib/merge/service';
import { actionContext, parseForm, refusal } from '@/app/_server/action';

export async function mergeAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(mergeFormSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { kind, ...input } = parsed.data;
  const res = mergeRecords(getDb(), kind, input, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath(areaOf(kind));
  redirect(`${areaOf(kind)}/${res.value.survivorId}?merged=1`);
}

export async function undoMergeAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = undoMerge(getDb(), Number(formData.get('id')), ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath(areaOf(res.value.kind));
  revalidatePath('/merge');
  redirect('/merge?undone=1');
}
