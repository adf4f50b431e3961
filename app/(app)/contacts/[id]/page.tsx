import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getContact, relatedContacts } from '@/lib/contacts/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TransferForm } from '../../companies/_components/company-actions';
import { transferContactAction } from '../actions';
import { ContactActiveForm, DeleteContactForm } from '../_components/contact-actions';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { DetailRow } from '@/components/ui/detail-row';
import { canCreate } from '@/lib/permissions';
import { contactOpportunities } from '@/lib/opportunities/queries';
import { OpportunityPanel } from '../../opportunities/_components/opportunity-panel';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  return { title: getContact(getDb(), user, Number((await params).id))?.name ?? (await getTranslations())('nav.contacts') };
}


export default async function ContactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ merged?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const c = Number.isInteger(id) ? getContact(db, user, id) : null;
  if (!c) return <RecordNotFound />;
  const t = await getTranslations();
  const format = await getFormatter();
  const related = relatedContacts(db, user, id);
  const options = c.can.assign ? customerFormOptions(db, user) : null;
  const mail = (e: string | null) => (e ? <a href={`mailto:${e}`} className="text-brand-700 hover:underline">{e}</a> : null);
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/contacts" className="hover:underline">{t('nav.contacts')}</Link>
        {c.company ? (
          <>
            {' / '}
            <Link href={`/companies/${c.company.id}`} className="hover:underline">{c.company.name}</Link>
          </>
        ) : null}{' '}
        /
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className={`size-3 rounded-full ${c.active ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden="true" />
            {[c.civility ? t(`contacts.civilities.${c.civility}`) : null, c.name].filter(Boolean).join(' ')}
            <Badge tone={c.active ? 'green' : 'red'}>{c.active ? t('contacts.active') : t('contacts.inactive')}</Badge>
            {c.doNotCall ? <Badge tone="amber">{t('contacts.fields.doNotCall')}</Badge> : null}
            {c.doNotEmail ? <Badge tone="amber">{t('contacts.fields.doNotEmail')}</Badge> : null}
          </span>
        }
        description={[c.jobTitle, c.company?.name].filter(Boolean).join(' · ')}
        actions={c.can.edit ? <ButtonLink href={`/contacts/${id}/edit`}>{t('common.edit')}</ButtonLink> : null}
      />
      {(await searchParams).merged ? <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t('merge.merged')}</p> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="details">
            <CardTitle id="details">{t('contacts.details')}</CardTitle>
            <dl className="divide-y divide-slate-100">
              <DetailRow label={t('contacts.fields.company')}>{c.company ? <Link href={`/companies/${c.company.id}`} className="text-brand-700 hover:underline">{c.company.name}</Link> : t('contacts.noCompany')}</DetailRow>
              <DetailRow label={t('contacts.fields.jobTitle')}>{c.jobTitle}</DetailRow>
              <DetailRow label={t('contacts.fields.department')}>{c.department}</DetailRow>
              <DetailRow label={t('contacts.fields.role')}>{c.role?.name}</DetailRow>
              <DetailRow label={t('contacts.fields.email')}>{mail(c.email)}</DetailRow>
              <DetailRow label={t('contacts.fields.email2')}>{mail(c.email2)}</DetailRow>
              <DetailRow label={t('contacts.fields.phone')}>{c.phone}</DetailRow>
              <DetailRow label={t('contacts.fields.mobile')}>{c.mobile}</DetailRow>
              <DetailRow label={t('contacts.fields.language')}>{c.language === 'fr' ? t('language.fr') : c.language === 'en' ? t('language.en') : c.language}</DetailRow>
              <DetailRow label={t('contacts.fields.consentStatus')}>
                {t(`contacts.consent.${c.consentStatus}`)}
                {c.consentDate ? ` — ${format.dateTime(new Date(`${c.consentDate}T12:00:00Z`), 'short')}` : ''}
                {c.consentSource ? ` (${c.consentSource})` : ''}
              </DetailRow>
              <DetailRow label={t('companies.fields.owner')}>{[c.owner?.name, c.team?.name].filter(Boolean).join(' · ')}</DetailRow>
              <DetailRow label={t('companies.fields.tags')}>
                {c.tags.length ? <span className="flex flex-wrap gap-1">{c.tags.map((tag) => <Badge key={tag.id}>{tag.name}</Badge>)}</span> : null}
              </DetailRow>
            </dl>
            {c.notes ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="text-sm font-medium text-slate-500">{t('companies.fields.notes')}</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-900">{c.notes}</p>
              </div>
            ) : null}
          </Card>
          <Card aria-labelledby="opportunities">
            <OpportunityPanel rows={contactOpportunities(db, user, id)} newHref={canCreate(user) ? `/opportunities/new?contact=${id}` : null} headingId="opportunities" level={2} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="related">
            <CardTitle id="related" description={t('contacts.relatedHelp')}>{t('contacts.related')}</CardTitle>
            {related.length === 0 ? (
              <p className="text-sm text-slate-600">{t('contacts.noRelated')}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {related.map((r) => (
                  <li key={r.id}>
                    <Link href={`/contacts/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.name}</Link>
                    {r.companyName ? <span className="text-slate-600"> · {r.companyName}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {c.can.edit || c.can.assign || c.can.delete ? (
            <Card aria-labelledby="manage" className="print:hidden">
              <CardTitle id="manage">{t('companies.manage')}</CardTitle>
              <div className="space-y-5">
                {c.can.edit ? <ContactActiveForm id={id} active={c.active} /> : null}
                {options ? (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('companies.transfer')}</summary>
                    <div className="mt-3">
                      <TransferForm id={id} owners={options.owners} teams={options.teams} ownerId={c.ownerId} action={transferContactAction} />
                    </div>
                  </details>
                ) : null}
                {c.can.delete ? <DeleteContactForm id={id} /> : null}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
