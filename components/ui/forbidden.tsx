import { getTranslations } from 'next-intl/server';
import { EmptyState } from './empty-state';

/** What a page shows to someone who may not see it (the actions refuse them too). */
export async function Forbidden() {
  const t = await getTranslations();
  return (
    <EmptyState title={t('errors.forbiddenTitle')}>
      <p>{t('errors.forbidden')}</p>
    </EmptyState>
  );
}
