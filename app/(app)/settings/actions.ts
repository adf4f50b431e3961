'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { changePasswordSchema } from '@/lib/auth/schema';
import { changePassword } from '@/lib/auth/service';
import type { FormState } from '@/lib/forms';
import { orgSettingsSchema } from '@/lib/settings/schema';
import { updateOrgSettings, type LogoUpload } from '@/lib/settings/service';
import { createUserSchema, profileSchema, teamSchema, updateUserSchema } from '@/lib/users/schema';
import {
  createTeam,
  createUser,
  deleteTeam,
  renameTeam,
  resetPasswordLink,
  setUserActive,
  updateProfile,
  updateUser,
} from '@/lib/users/service';
import { actionContext, parseForm, refusal } from '@/app/_server/action';
import { appOrigin } from '@/app/_server/origin';

const idOf = (formData: FormData) => Number(formData.get('id'));

export async function createUserAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(createUserSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createUser(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/settings/users');
  return {
    ok: true,
    data: { link: `${await appOrigin()}/set-password/${res.value.token}`, id: String(res.value.id), name: parsed.data.name },
  };
}

export async function updateUserAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(updateUserSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateUser(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/settings/users');
  return { ok: true, message: (await getTranslations())('common.saved'), values: {} };
}

export async function setUserActiveAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = setUserActive(getDb(), idOf(formData), formData.get('active') === 'true', ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/settings/users');
  redirect(`/settings/users/${idOf(formData)}`);
}

export async function resetPasswordLinkAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = resetPasswordLink(getDb(), idOf(formData), ctx);
  if (!res.ok) return refusal(res.error);
  return { ok: true, data: { link: `${await appOrigin()}/set-password/${res.value.token}` } };
}

export async function createTeamAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(teamSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = createTeam(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/settings/teams');
  return { ok: true, message: (await getTranslations())('teams.created', { name: parsed.data.name }) };
}

export async function renameTeamAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(teamSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = renameTeam(getDb(), idOf(formData), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/settings/teams');
  redirect('/settings/teams');
}

export async function deleteTeamAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const res = deleteTeam(getDb(), idOf(formData), ctx);
  if (!res.ok) return refusal(res.error);
  revalidatePath('/settings/teams');
  redirect('/settings/teams');
}

export async function updateOrgSettingsAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(orgSettingsSchema, formData);
  if (!parsed.ok) return parsed.state;
  const file = formData.get('logo');
  let logo: LogoUpload = null;
  if (formData.get('removeLogo') === 'on') logo = 'remove';
  else if (file instanceof File && file.size > 0) logo = { type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
  const res = updateOrgSettings(getDb(), parsed.data, logo, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/', 'layout');
  return { ok: true, message: (await getTranslations())('common.saved') };
}

export async function updateProfileAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(profileSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = updateProfile(getDb(), parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  revalidatePath('/', 'layout');
  redirect('/profile?saved=1');
}

export async function changePasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const ctx = await actionContext();
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = await changePassword(getDb(), ctx.user.id, ctx.session.id, parsed.data, ctx);
  if (!res.ok) return refusal(res.error, parsed.raw);
  return { ok: true, message: (await getTranslations())('profile.passwordChanged') };
}
