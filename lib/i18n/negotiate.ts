import { LOCALES, type Locale } from '@/db/schema/auth';

export { LOCALES, type Locale };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The best supported locale for an Accept-Language header, or null when none is acceptable. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0], quality: Number.isFinite(quality) ? quality : 0, i };
    })
    .filter((x) => x.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLocale) ?? null;
}

/** Precedence: the user's own choice, then the language cookie, then the browser, then the organisation. */
export function resolveLocale(o: {
  userLocale?: string | null;
  cookieLocale?: string | null;
  acceptLanguage?: string | null;
  orgDefault: Locale;
}): Locale {
  if (isLocale(o.userLocale)) return o.userLocale;
  if (isLocale(o.cookieLocale)) return o.cookieLocale;
  return negotiateLocale(o.acceptLanguage) ?? o.orgDefault;
}
