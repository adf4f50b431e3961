// The one module of lib/ bound to Next: it reads the request's cookie and headers.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { canAdminister } from '@/lib/permissions';
import { hasAnyUser } from './service';
import { SESSION_COOKIE, SESSION_SLIDING_MS, validateSessionToken, type Session, type SessionUser } from './session';

export type CurrentSession = { session: Session; user: SessionUser };

/** The signed-in user of this request, validated once per request. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const v = validateSessionToken(getDb(), token, Date.now());
  return v ? { session: v.session, user: v.user } : null;
});

/** For pages and actions that need a signed-in user: otherwise off to sign-in (or first-run setup). */
export async function requireUser(): Promise<CurrentSession> {
  const current = await getCurrentSession();
  if (current) return current;
  redirect(hasAnyUser(getDb()) ? '/login' : '/setup');
}

export async function isAdmin(): Promise<boolean> {
  const current = await getCurrentSession();
  return !!current && canAdminister(current.user);
}

async function isHttps(): Promise<boolean> {
  const h = await headers();
  return h.get('x-forwarded-proto') === 'https' || (process.env.APP_URL ?? '').startsWith('https:');
}

export async function setSessionCookie(token: string, expiresAt: number): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: await isHttps(),
    expires: new Date(expiresAt),
  });
}

export async function deleteSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', secure: await isHttps(), maxAge: 0 });
}

/**
 * The client's address for throttling and the audit trail. Next puts the socket address in
 * X-Forwarded-For when the header is absent; behind a reverse proxy (TRUST_PROXY=1) the first hop is the client.
 */
export async function requestIp(): Promise<string | null> {
  const hops = ((await headers()).get('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  if (hops.length === 0) return null;
  return process.env.TRUST_PROXY === '1' ? hops[0] : hops[hops.length - 1];
}

export { SESSION_COOKIE, SESSION_SLIDING_MS };
