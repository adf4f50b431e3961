import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { orgSettings, type Locale } from '@/db/schema';
import { prepared } from '@/lib/db/prepared';

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
  // Read by every page (i18n config, layout): built once per connection.
  // The logo itself (base64, possibly large) is not read here: only whether there is one.
  const r = prepared(db, 'settings.org', () =>
    db
      .select({
        name: orgSettings.name,
        defaultLocale: orgSettings.defaultLocale,
        timeZone: orgSettings.timeZone,
        currency: orgSettings.currency,
        hasLogo: sql<number>`coalesce(length(${orgSettings.logo}), 0) > 0`,
        updatedAt: orgSettings.updatedAt,
      })
      .from(orgSettings)
      .where(eq(orgSettings.id, 1))
      .prepare(),
  ).get();
  if (!r) return DEFAULT_SETTINGS;
  return { name: r.name, defaultLocale: r.defaultLocale, timeZone: r.timeZone, currency: r.currency, hasLogo: !!r.hasLogo, updatedAt: r.updatedAt };
}

export function getLogo(db: Db): { type: string; bytes: Buffer } | null {
  const r = db.select({ logo: orgSettings.logo, logoType: orgSettings.logoType }).from(orgSettings).where(eq(orgSettings.id, 1)).get();
  return r?.logo && r.logoType ? { type: r.logoType, bytes: Buffer.from(r.logo, 'base64') } : null;
}
