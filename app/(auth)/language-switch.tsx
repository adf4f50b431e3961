import { getTranslations } from 'next-intl/server';
import { setVisitorLocaleAction } from './actions';

/** Two plain buttons, so it works without JavaScript. */
export async function VisitorLanguageSwitch({ current }: { current: string }) {
  const t = await getTranslations();
  return (
    <form action={setVisitorLocaleAction} className="mt-6 flex items-center justify-center gap-1 text-sm" aria-label={t('language.label')}>
      <span className="text-slate-500">{t('language.label')}:</span>
      {(['fr', 'en'] as const).map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={current === l}
          className="rounded px-2 py-1 font-medium text-slate-700 hover:bg-white aria-pressed:bg-white aria-pressed:text-brand-700 aria-pressed:shadow-sm"
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </form>
  );
}
