import { describe, expect, test } from 'vitest';
import { orgSettings } from '@/db/schema';
import { getLogo, getOrgSettings, DEFAULT_SETTINGS } from '@/lib/settings/queries';
import { MAX_LOGO_BYTES, orgSettingsSchema } from '@/lib/settings/schema';
import { updateOrgSettings } from '@/lib/settings/service';
import type { Ctx } from '@/lib/users/service';
import { T0, makeUser, tableContents, testDb, viewerOf } from '../../helpers/db';

const input = { name: 'Acme', defaultLocale: 'fr' as const, timeZone: 'Europe/Paris', currency: 'EUR' };

function bytes(head: number[] | string, size = 64): Uint8Array {
  const out = new Uint8Array(size);
  const h = typeof head === 'string' ? [...Buffer.from(head, 'latin1')] : head;
  out.set(h);
  return out;
}

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0]);
const WEBP = bytes('RIFF\x24\x00\x00\x00WEBPVP8 ');

function setup() {
  const t = testDb();
  const admin = makeUser(t.db, { role: 'admin' });
  const ctx: Ctx = { user: viewerOf(t.db, admin), now: T0, ip: null };
  return { t, ctx };
}

describe('logo upload', () => {
  test.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
  ])('%s magic bytes are accepted and stored with the sniffed type', (_name, data, type) => {
    const { t, ctx } = setup();
    // The declared type is the browser's guess and is ignored.
    const r = updateOrgSettings(t.db, input, { type: 'application/octet-stream', bytes: data }, ctx);
    expect(r).toEqual({ ok: true, value: undefined });
    const logo = getLogo(t.db);
    expect(logo?.type).toBe(type);
    expect(new Uint8Array(logo!.bytes)).toEqual(data);
    expect(getOrgSettings(t.db).hasLogo).toBe(true);
  });

  test.each([
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 80), 'image/svg+xml'],
    ['an SVG claiming image/png', bytes('<?xml version="1.0"?><svg/>'), 'image/png'],
    ['a text file claiming image/png', bytes('just some text, not an image'), 'image/png'],
    ['a GIF', bytes('GIF89a'), 'image/gif'],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF\x24\x00\x00\x00WAVEfmt '), 'image/webp'],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e], 3), 'image/png'],
    ['an empty file', new Uint8Array(0), 'image/png'],
  ])("%s is refused with 'errors.logoType' and nothing changes", (_name, data, type) => {
    const { t, ctx } = setup();
    const before = tableContents(t);
    const r = updateOrgSettings(t.db, input, { type, bytes: data }, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { logo: 'errors.logoType' } } });
    expect(tableContents(t)).toEqual(before);
  });

  test("a logo over 512 KB is refused with 'errors.logoTooBig'; exactly 512 KB is fine", () => {
    const { t, ctx } = setup();
    expect(MAX_LOGO_BYTES).toBe(512 * 1024);
    const big = bytes([0x89, 0x50, 0x4e, 0x47], MAX_LOGO_BYTES + 1);
    const before = tableContents(t);
    expect(updateOrgSettings(t.db, input, { type: 'image/png', bytes: big }, ctx)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { logo: 'errors.logoTooBig' } },
    });
    expect(tableContents(t)).toEqual(before);
    const max = bytes([0x89, 0x50, 0x4e, 0x47], MAX_LOGO_BYTES);
    expect(updateOrgSettings(t.db, input, { type: 'image/png', bytes: max }, ctx).ok).toBe(true);
  });

  test('without a settings row the defaults apply', () => {
    const { t } = setup();
    expect(t.db.select().from(orgSettings).all()).toHaveLength(0);
    expect(getOrgSettings(t.db)).toEqual(DEFAULT_SETTINGS);
    expect(getLogo(t.db)).toBeNull();
  });
});

describe('orgSettingsSchema', () => {
  const parse = (o: Record<string, unknown>) => orgSettingsSchema.safeParse({ ...input, ...o });
  const errorOf = (o: Record<string, unknown>) => {
    const r = parse(o);
    return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  test('accepts valid settings and normalises the currency', () => {
    const r = parse({ currency: ' usd ', timeZone: 'America/New_York' });
    expect(r.success && r.data).toEqual({ ...input, currency: 'USD', timeZone: 'America/New_York' });
    expect(parse({ timeZone: 'UTC' }).success).toBe(true);
  });

  test.each(['Mars/Olympus_Mons', 'Europe/Pariss', '', 'europe/paris ; drop table'])("unknown time zone %j → 'errors.invalidTimeZone'", (tz) => {
    expect(errorOf({ timeZone: tz })).toEqual({ timeZone: 'errors.invalidTimeZone' });
  });

  test.each(['XYZ', 'EURO', '', '€'])("unknown currency %j → 'errors.invalidCurrency'", (c) => {
    expect(errorOf({ currency: c })).toEqual({ currency: 'errors.invalidCurrency' });
  });

  test('unknown default locale and empty name are refused with message keys', () => {
    expect(errorOf({ defaultLocale: 'de' })).toEqual({ defaultLocale: 'errors.invalidChoice' });
    expect(errorOf({ name: '   ' })).toEqual({ name: 'errors.required' });
  });
});
