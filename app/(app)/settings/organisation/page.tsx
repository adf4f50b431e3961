import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { getOrgSettings } from '@/lib/settings/queries';
import { Card } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { OrgSettingsForm } from './org-settings-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('settings.organisation') };
}

export default async function OrganisationPage() {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const settings = getOrgSettings(getDb());
  const timeZones = Intl.supportedValuesOf('timeZone');
  const currencies = ['EUR', 'CHF', 'GBP', 'USD', 'CAD', 'XOF', 'MAD', 'TND', 'DZD'];
  return (
    <>
      <PageHeader title={t('settings.organisation')} description={t('organisation.intro')} />
      <Card className="max-w-2xl">
        <OrgSettingsForm settings={settings} timeZones={timeZones} currencies={currencies.includes(settings.currency) ? currencies : [settings.currency, ...currencies]} />
      </Card>
    </>
  );
}
