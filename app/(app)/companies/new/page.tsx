import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { customerFormOptions } from '@/lib/customers/options';
import { canCreate } from '@/lib/permissions';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { CompanyForm } from '../_components/company-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('companies.new') };
}

export default async function NewCompanyPage() {
  const { user } = await requireUser();
  if (!canCreate(user)) return <Forbidden />;
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t('companies.new')} description={t('companies.newIntro')} />
      <div className="max-w-3xl">
        <CompanyForm options={customerFormOptions(getDb(), user)} defaultOwnerId={user.id} />
      </div>
    </>
  );
}
