'use client';

import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <main className="mx-auto max-w-lg px-4 py-20 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">{t('errorPage.title')}</h1>
      <p className="mt-3 text-slate-600">{t('errorPage.body')}</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">{t('errorPage.reference', { digest: error.digest })}</p> : null}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={reset} className={buttonClass('primary')}>
          {t('errorPage.retry')}
        </button>
        <a href="/" className={buttonClass('secondary')}>
          {t('errorPage.home')}
        </a>
      </div>
    </main>
  );
}
