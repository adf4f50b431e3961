'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { loginSchema, setPasswordSchema, setupSchema } from '@/lib/auth/schema';
import { setPasswordWithToken, setupFirstAdmin, signIn, signOut } from '@/lib/auth/service';
import { deleteSessionCookie, getCurrentSession, requestIp, setSessionCookie } from '@/lib/auth/current-user';
import { getLocale } from 'next-intl/server';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { ensureStarterData } from '@/lib/pipelines/starter';
import { isLocale } from '@/lib/i18n/negotiate';
import type { FormState } from '@/lib/forms';
import { parseForm, refusal } from '@/app/_server/action';

export async function setupAction(_: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(setupSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = await setupFirstAdmin(getDb(), parsed.data, { now: Date.now(), ip: await requestIp() });
  if (!res.ok) return refusal(res.error, parsed.raw);
  // The starter pipeline, opportunity types and lost reasons, in the language the first admin works in.
  const locale = await getLocale();
  ensureStarterData(getDb(), isLocale(locale) ? locale : 'fr', Date.now());
  await setSessionCookie(res.value.token, res.value.session.expiresAt);
  redirect('/');
}

export async function loginAction(_: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = await signIn(getDb(), parsed.data, { now: Date.now(), ip: await requestIp() });
  if (!res.ok) return refusal(res.error, parsed.raw);
  await setSessionCookie(res.value.token, res.value.session.expiresAt);
  const next = String(formData.get('next') ?? '/');
  redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');
}

export async function setPasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const token = String(formData.get('token') ?? '');
  const parsed = parseForm(setPasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const res = await setPasswordWithToken(getDb(), token, parsed.data.password, { now: Date.now(), ip: await requestIp() });
  if (!res.ok) return refusal(res.error);
  await setSessionCookie(res.value.token, res.value.session.expiresAt);
  redirect('/');
}

export async function signOutAction(): Promise<void> {
  const current = await getCurrentSession();
  if (current) signOut(getDb(), current.session.id, current.user.id, { now: Date.now(), ip: await requestIp() });
  await deleteSessionCookie();
  redirect('/login');
}

/** The language of visitors who are not signed in (signed-in users choose theirs in their profile). */
export async function setVisitorLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
  }
  const referer = (await headers()).get('referer');
  let back = '/login';
  try {
    if (referer) back = new URL(referer).pathname + new URL(referer).search;
  } catch {
    // a malformed Referer sends the visitor to the sign-in page
  }
  redirect(back.startsWith('/') && !back.startsWith('//') ? back : '/login');
}
