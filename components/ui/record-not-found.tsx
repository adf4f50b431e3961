import { getTranslations } from 'next-intl/server';
import { buttonClass } from './button';

/**
 * Shown by a page whose record does not exist or may not be seen. Pages render it instead of calling
 * notFound(): Next 16 sends notFound() from a page inside a layout as an empty shell that only JavaScript
 * fills (vercel/next.js#62228), which leaves users without JavaScript on a blank page.
 */
export async function RecordNotFound() {
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t('notFound.title')}</h1>
      <p className="mt-3 text-slate-600">{t('notFound.body')}</p>
      <a href="/" className={`${buttonClass('primary')} mt-6`}>
        {t('errorPage.home')}
      </a>
    </div>
  );
}
