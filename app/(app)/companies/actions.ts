'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getCompany } from '@/lib/companies/queries';
import { companySchema, companyUpdateSchema, transferSchema } from '@/lib/companies/schema';
import { createCompany, deleteCompany, duplicateCompany, setCompanyArchived, transferCompany, updateCompany } from '@/lib/companies/service';
import type { FormState } from '@/lib/forms';
import { actionContext, parseForm, refusal } from '@/app/_server/action';

const idOf = (formData: FormData) => Number(formData.get('id'));

export async function createCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(companySchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createCompany(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/companies');
  redirect(`/companies/${res.value.id}`);
}

export async function updateCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(companyUpdateSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateCompany(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/companies');
  redirect(`/companies/${idOf(formData)}`);
}

export async function setCompanyArchivedAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = setCompanyArchived(getDb(), idOf(formData), formData.get('archived') === 'true', ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/companies');
  redirect(`/companies/${idOf(formData)}`);
}

export async function transferCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(transferSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = transferCompany(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/companies');
  redirect(`/companies/${idOf(formData)}`);
}

export async function duplicateCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const t = await getTranslations();
  const source = getCompany(getDb(), ctx.user, idOf(formData));
  if (!source) return refusal({ code: 'errors.notFound' });
  const res = duplicateCompany(getDb(), source.id, t('companies.copyName', { name: source.name }), ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/companies');
  redirect(`/companies/${res.value.id}/edit`);
}

export async function deleteCompanyAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = deleteCompany(getDb(), idOf(formData), ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/companies');
  redirect('/companies?deleted=1');
}
