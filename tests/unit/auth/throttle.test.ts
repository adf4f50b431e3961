import { describe, expect, test } from 'vitest';
import { loginThrottle } from '@/db/schema';
import { delayFor, recordFailure, recordSuccess, throttleWait } from '@/lib/auth/throttle';
import { T0, testDb } from '../../helpers/db';

const MIN = 60_000;

describe('delayFor', () => {
  test('an account gets 4 free tries, then 1 s, 2 s, 4 s… capped at 15 min', () => {
    const delays = Array.from({ length: 20 }, (_, i) => delayFor('account', i + 1));
    expect(delays.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(delays.slice(4, 14)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000]);
    expect(delays[14]).toBe(15 * MIN); // 1024 s would be more than 15 min
    expect(Math.max(...delays)).toBe(15 * MIN);
    expect(delayFor('account', 1000)).toBe(15 * MIN);
  });

  test('an IP gets 20 free tries before the same curve', () => {
    expect(Array.from({ length: 20 }, (_, i) => delayFor('ip', i + 1)).every((d) => d === 0)).toBe(true);
    expect([21, 22, 23].map((n) => delayFor('ip', n))).toEqual([1000, 2000, 4000]);
    expect(delayFor('ip', 500)).toBe(15 * MIN);
  });

  test('delays never shrink as failures grow', () => {
    for (const kind of ['account', 'ip'] as const) {
      for (let n = 1; n < 60; n++) expect(delayFor(kind, n + 1)).toBeGreaterThanOrEqual(delayFor(kind, n));
    }
  });
});

describe('throttle counters in SQLite', () => {
  test('per account: free tries, then a growing wait', () => {
    const { db } = testDb();
    const keys = { account: 'ana@example.test', ip: null };
    let now = T0;
    for (let i = 0; i < 4; i++) {
      expect(throttleWait(db, keys, now)).toBe(0);
      recordFailure(db, keys, now);
    }
    expect(throttleWait(db, keys, now)).toBe(0);
    recordFailure(db, keys, now); // 5th failure
    expect(throttleWait(db, keys, now)).toBe(1000);
    expect(throttleWait(db, keys, now + 400)).toBe(600);
    now += 1000;
    expect(throttleWait(db, keys, now)).toBe(0);
    recordFailure(db, keys, now); // 6th
    expect(throttleWait(db, keys, now)).toBe(2000);
    now += 2000;
    recordFailure(db, keys, now); // 7th
    expect(throttleWait(db, keys, now)).toBe(4000);
  });

  test('the account key ignores case and does not block another account', () => {
    const { db } = testDb();
    for (let i = 0; i < 5; i++) recordFailure(db, { account: 'Ana@Example.test', ip: null }, T0);
    expect(throttleWait(db, { account: 'ana@example.test', ip: null }, T0)).toBe(1000);
    expect(throttleWait(db, { account: 'bob@example.test', ip: null }, T0)).toBe(0);
  });

  test('per IP: many accounts from one address are slowed after 20 failures', () => {
    const { db } = testDb();
    const ip = '203.0.113.9';
    for (let i = 0; i < 20; i++) recordFailure(db, { account: `victim${i}@example.test`, ip }, T0);
    expect(throttleWait(db, { account: 'fresh@example.test', ip }, T0)).toBe(0);
    recordFailure(db, { account: 'victim20@example.test', ip }, T0);
    expect(throttleWait(db, { account: 'fresh@example.test', ip }, T0)).toBe(1000);
    // Another address is not affected, nor is the same account without the IP.
    expect(throttleWait(db, { account: 'fresh@example.test', ip: '198.51.100.1' }, T0)).toBe(0);
  });

  test('the wait is the larger of the account and IP waits', () => {
    const { db } = testDb();
    const ip = '203.0.113.10';
    for (let i = 0; i < 7; i++) recordFailure(db, { account: 'ana@example.test', ip: null }, T0); // account: 4 s
    for (let i = 0; i < 21; i++) recordFailure(db, { account: `x${i}@example.test`, ip }, T0); // ip: 1 s
    expect(throttleWait(db, { account: 'ana@example.test', ip }, T0)).toBe(4000);
  });

  test('counters survive a restart (closing and reopening the file)', () => {
    const first = testDb();
    const keys = { account: 'ana@example.test', ip: '203.0.113.11' };
    for (let i = 0; i < 6; i++) recordFailure(first.db, keys, T0);
    expect(throttleWait(first.db, keys, T0)).toBe(2000);
    const second = first.reopen();
    expect(first.sqlite.open).toBe(false);
    expect(throttleWait(second.db, keys, T0)).toBe(2000);
    recordFailure(second.db, keys, T0 + 2000);
    expect(throttleWait(second.db, keys, T0 + 2000)).toBe(4000);
    const rows = second.db.select().from(loginThrottle).all();
    expect(rows.find((r) => r.key === 'account:ana@example.test')?.failures).toBe(7);
    expect(rows.find((r) => r.key === 'ip:203.0.113.11')?.failures).toBe(7);
  });

  test('success clears the account counter but not the IP counter', () => {
    const { db } = testDb();
    const keys = { account: 'ana@example.test', ip: '203.0.113.12' };
    for (let i = 0; i < 25; i++) recordFailure(db, keys, T0);
    recordSuccess(db, keys);
    const rows = db.select().from(loginThrottle).all();
    expect(rows.map((r) => r.key)).toEqual(['ip:203.0.113.12']);
    expect(throttleWait(db, { account: 'ana@example.test', ip: null }, T0)).toBe(0);
    expect(throttleWait(db, keys, T0)).toBeGreaterThan(0);
  });

  test('old failures are forgotten after a day', () => {
    const { db } = testDb();
    const keys = { account: 'ana@example.test', ip: null };
    for (let i = 0; i < 10; i++) recordFailure(db, keys, T0);
    recordFailure(db, keys, T0 + 24 * 60 * MIN);
    expect(db.select().from(loginThrottle).get()!.failures).toBe(1);
    expect(throttleWait(db, keys, T0 + 24 * 60 * MIN)).toBe(0);
  });
});
