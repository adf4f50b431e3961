'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { transferSchema } from '@/lib/companies/schema';
import { contactSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import { createContact, deleteContact, setContactActive, transferContact, updateContact } from '@/lib/contacts/service';
import type { FormState } from '@/lib/forms';
import { actionContext, parseForm, refusal } from '@/app/_server/action';

const idOf = (formData: FormData) => Number(formData.get('id'));

export async function createContactAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(contactSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createContact(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/contacts');
  if (parsed.data.companyId) revalidatePath(`/companies/${parsed.data.companyId}`);
  redirect(`/contacts/${res.value.id}`);
}

export async function updateContactAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(contactUpdateSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateContact(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/contacts');
  redirect(`/contacts/${idOf(formData)}`);
}

export async function setContactActiveAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = setContactActive(getDb(), idOf(formData), formData.get('active') === 'true', ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/contacts');
  redirect(`/contacts/${idOf(formData)}`);
}

export async function transferContactAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(transferSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = transferContact(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/contacts');
  redirect(`/contacts/${idOf(formData)}`);
}

export async function deleteContactAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = deleteContact(getDb(), idOf(formData), ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/contacts');
  redirect('/contacts?deleted=1');
}
