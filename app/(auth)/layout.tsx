import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Logo } from '@/components/ui/logo';
import { VisitorLanguageSwitch } from './language-switch';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo className="h-10" />
          <p className="mt-2 text-sm text-slate-600">{t('app.tagline')}</p>
        </div>
        <main className="rounded-2xl bg-white p-6 shadow-lg ring-1 ring-slate-200 sm:p-8">{children}</main>
        <VisitorLanguageSwitch current={locale} />
      </div>
    </div>
  );
}
