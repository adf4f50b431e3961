import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getCompany } from '@/lib/companies/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { CompanyForm } from '../../_components/company-form';
import { RecordNotFound } from '@/components/ui/record-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('companies.edit') };
}

export default async function EditCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const company = getCompany(db, user, Number((await params).id));
  if (!company) return <RecordNotFound />;
  if (!company.can.edit) return <Forbidden />;
  const t = await getTranslations();
  const options = customerFormOptions(db, user, {
    refIds: [company.industry?.id ?? null, company.customerFamily?.id ?? null, company.origin?.id ?? null],
    tagIds: company.tags.map((x) => x.id),
  });
  // The current owner stays choosable even when the viewer could not pick them anew.
  if (company.owner && !options.owners.some((o) => o.value === String(company.owner!.id))) {
    options.owners.unshift({ value: String(company.owner.id), label: company.owner.name });
  }
  if (company.team && !options.teams.some((o) => o.value === String(company.team!.id))) {
    options.teams.unshift({ value: String(company.team.id), label: company.team.name });
  }
  return (
    <>
      <PageHeader title={t('companies.editTitle', { name: company.name })} />
      <div className="max-w-3xl">
        <CompanyForm company={company} options={options} defaultOwnerId={user.id} />
      </div>
    </>
  );
}
