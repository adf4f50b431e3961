import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getContact } from '@/lib/contacts/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { CompanyPickerSearch } from '../../_components/company-picker-search';
import { companyChoices } from '../../_components/company-choices';
import { ContactForm } from '../../_components/contact-form';
import { RecordNotFound } from '@/components/ui/record-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('contacts.edit') };
}

export default async function EditContactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ companyQuery?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const contact = getContact(db, user, Number((await params).id));
  if (!contact) return <RecordNotFound />;
  if (!contact.can.edit) return <Forbidden />;
  const t = await getTranslations();
  const sp = await searchParams;
  const options = customerFormOptions(db, user, { refIds: [contact.roleId], tagIds: contact.tags.map((x) => x.id) });
  if (contact.owner && !options.owners.some((o) => o.value === String(contact.owner!.id))) options.owners.unshift({ value: String(contact.owner.id), label: contact.owner.name });
  if (contact.team && !options.teams.some((o) => o.value === String(contact.team!.id))) options.teams.unshift({ value: String(contact.team.id), label: contact.team.name });
  const companies = companyChoices(db, user, sp.companyQuery, contact.companyId);
  return (
    <>
      <PageHeader title={t('contacts.editTitle', { name: contact.name })} />
      <div className="max-w-3xl">
        <CompanyPickerSearch query={sp.companyQuery} hidden={{}} />
        <ContactForm contact={contact} options={options} companies={companies} defaultOwnerId={user.id} />
      </div>
    </>
  );
}
