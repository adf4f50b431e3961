import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/shell/icons';

export type Area = 'leads' | 'companies' | 'contacts' | 'opportunities' | 'actions' | 'reports';

/** What an area shows while it holds nothing: its name, and plainly that it is empty. */
export async function EmptyArea({ area }: { area: Area }) {
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t(`nav.${area}`)} description={t(`areas.${area}.description`)} />
      <EmptyState icon={<Icon name={area} className="size-10" />} title={t(`areas.${area}.emptyTitle`)}>
        <p>{t(`areas.${area}.emptyBody`)}</p>
      </EmptyState>
    </>
  );
}
