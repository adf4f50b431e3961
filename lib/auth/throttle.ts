import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { loginThrottle } from '@/db/schema';

/**
 * Growing delays after failed sign-ins, per account and per IP, stored in SQLite.
 * An account gets 4 free tries, then waits 1 s, 2 s, 4 s… up to 15 min between tries;
 * an IP gets 20 free tries (a shared office NAT) before the same curve.
 */
const RULES = {
  account: { free: 4, maxDelayMs: 15 * 60_000 },
  ip: { free: 20, maxDelayMs: 15 * 60_000 },
} as const;
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export type ThrottleKeys = { account: string; ip: string | null };

function keysOf(k: ThrottleKeys): { key: string; kind: keyof typeof RULES }[] {
  const out: { key: string; kind: keyof typeof RULES }[] = [{ key: `account:${k.account.toLowerCase()}`, kind: 'account' }];
  if (k.ip) out.push({ key: `ip:${k.ip}`, kind: 'ip' });
  return out;
}

export function delayFor(kind: keyof typeof RULES, failures: number): number {
  const over = failures - RULES[kind].free;
  if (over <= 0) return 0;
  return Math.min(1000 * 2 ** (over - 1), RULES[kind].maxDelayMs);
}

/** 0 when a try is allowed now, else how many ms to wait. */
export function throttleWait(db: DbOrTx, k: ThrottleKeys, now: number): number {
  const keys = keysOf(k).map((x) => x.key);
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
  return rows.reduce((wait, r) => Math.max(wait, r.blockedUntil - now), 0);
}

export function recordFailure(db: DbOrTx, k: ThrottleKeys, now: number): void {
  for (const { key, kind } of keysOf(k)) {
    const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
    const failures = row && now - row.updatedAt < FORGET_AFTER_MS ? row.failures + 1 : 1;
    const blockedUntil = now + delayFor(kind, failures);
    db.insert(loginThrottle)
      .values({ key, failures, blockedUntil, updatedAt: now })
      .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, blockedUntil, updatedAt: now } })
      .run();
  }
}

/** A successful sign-in clears the account's counter (not the IP's). */
export function recordSuccess(db: DbOrTx, k: ThrottleKeys): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, keysOf(k)[0].key)).run();
}
