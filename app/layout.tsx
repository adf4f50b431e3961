import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { clientMessages } from '@/lib/i18n/client-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: { default: 'Suivi', template: '%s · Suivi' }, description: t('app.tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#3b3fb6' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // Only what client components read goes to the browser (lib/i18n/client-messages.ts).
  const messages = clientMessages(await getMessages());
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
