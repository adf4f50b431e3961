import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { customerFormOptions } from '@/lib/customers/options';
import { canCreate } from '@/lib/permissions';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { CompanyPickerSearch } from '../_components/company-picker-search';
import { companyChoices } from '../_components/company-choices';
import { ContactForm } from '../_components/contact-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('contacts.new') };
}

export default async function NewContactPage({ searchParams }: { searchParams: Promise<{ companyId?: string; companyQuery?: string }> }) {
  const { user } = await requireUser();
  if (!canCreate(user)) return <Forbidden />;
  const t = await getTranslations();
  const sp = await searchParams;
  const db = getDb();
  const companyId = Number(sp.companyId) || null;
  const companies = companyChoices(db, user, sp.companyQuery, companyId);
  // After a search, preselect the best match so the user only has to check it.
  const preselect = companyId ?? (sp.companyQuery && companies[0] ? Number(companies[0].value) : null);
  return (
    <>
      <PageHeader title={t('contacts.new')} description={t('contacts.newIntro')} />
      <div className="max-w-3xl">
        <CompanyPickerSearch query={sp.companyQuery} hidden={companyId ? { companyId: String(companyId) } : {}} />
        <ContactForm key={`${preselect}-${sp.companyQuery ?? ''}`} options={customerFormOptions(db, user)} companies={companies} defaultCompanyId={preselect} defaultOwnerId={user.id} />
      </div>
    </>
  );
}
