import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { orgSettings, type Locale } from '@/db/schema';

export type OrgSettings = { name: string; defaultLocale: Locale; timeZone: string; currency: string; hasLogo: boolean; updatedAt: number };

export const DEFAULT_SETTINGS: OrgSettings = {
  name: 'Suivi',
  defaultLocale: 'fr',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  hasLogo: false,
  updatedAt: 0,
};

/** Organisation settings are public within the app (name, language, time zone, currency). */
export function getOrgSettings(db: DbOrTx): OrgSettings {
  const r = db.select().from(orgSettings).where(eq(orgSettings.id, 1)).get();
  if (!r) return DEFAULT_SETTINGS;
  return { name: r.name, defaultLocale: r.defaultLocale, timeZone: r.timeZone, currency: r.currency, hasLogo: !!r.logo, updatedAt: r.updatedAt };
}

export function getLogo(db: Db): { type: string; bytes: Buffer } | null {
  const r = db.select({ logo: orgSettings.logo, logoType: orgSettings.logoType }).from(orgSettings).where(eq(orgSettings.id, 1)).get();
  return r?.logo && r.logoType ? { type: r.logoType, bytes: Buffer.from(r.logo, 'base64') } : null;
}
