import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getCurrentSession } from '@/lib/auth/current-user';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { resolveLocale } from '@/lib/i18n/negotiate';
import { getOrgSettings } from '@/lib/settings/queries';
import { MESSAGES } from '@/lib/i18n/messages';

export default getRequestConfig(async () => {
  const settings = getOrgSettings(getDb());
  const current = await getCurrentSession();
  const locale = resolveLocale({
    userLocale: current?.user.locale,
    cookieLocale: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get('accept-language'),
    orgDefault: settings.defaultLocale,
  });
  return {
    locale,
    messages: MESSAGES[locale],
    timeZone: settings.timeZone,
    now: new Date(),
    formats: {
      number: { money: { style: 'currency', currency: settings.currency } },
      dateTime: {
        short: { day: 'numeric', month: 'short', year: 'numeric' },
        long: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
      },
    },
  };
});
