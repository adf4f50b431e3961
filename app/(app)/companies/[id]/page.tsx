import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { companyTimeline, getCompany, listCompanyContacts } from '@/lib/companies/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { canCreate } from '@/lib/permissions';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ArchiveCompanyForm, DeleteCompanyForm, DuplicateCompanyForm, TransferForm } from '../_components/company-actions';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { DetailRow } from '@/components/ui/detail-row';
import { companyOpportunities } from '@/lib/opportunities/queries';
import { companyLeads } from '@/lib/leads/record-queries';
import { OpportunityPanel } from '../../opportunities/_components/opportunity-panel';
import { LeadPanel } from '../../leads/_components/lead-panel';
import { LeadConvertedNotice } from '../../leads/_components/converted-notice';

// The title and the page read the same company once per request.
const companyOf = cache(getCompany);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  return { title: companyOf(getDb(), user, Number((await params).id))?.name ?? (await getTranslations())('nav.companies') };
}


/** The customer page: everything about one company on one page. */
export default async function CompanyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ merged?: string; converted?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const company = Number.isInteger(id) ? companyOf(db, user, id) : null;
  if (!company) return <RecordNotFound />;
  const t = await getTranslations();
  const format = await getFormatter();
  const contacts = listCompanyContacts(db, user, id);
  const timeline = companyTimeline(db, user, id, 30);
  const options = company.can.assign ? customerFormOptions(db, user) : null;
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/companies" className="hover:underline">{t('nav.companies')}</Link> /
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {company.name}
            <Badge tone={company.type === 'client' ? 'green' : company.type === 'prospect' ? 'blue' : 'gray'}>{t(`companies.types.${company.type}`)}</Badge>
            {company.keyAccount ? <Badge tone="amber">{t('companies.keyAccountShort')}</Badge> : null}
            {company.archived ? <Badge tone="red">{t('companies.archived')}</Badge> : null}
          </span>
        }
        description={[company.owner?.name, company.team?.name].filter(Boolean).join(' · ')}
        actions={
          <>
            {company.can.edit ? <ButtonLink href={`/companies/${id}/edit`}>{t('common.edit')}</ButtonLink> : null}
            {canCreate(user) && !company.archived ? (
              <ButtonLink variant="secondary" href={`/contacts/new?companyId=${id}`}>
                {t('contacts.new')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <LeadConvertedNotice leadId={(await searchParams).converted} />
      {(await searchParams).merged ? <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t('merge.merged')}</p> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="details">
            <CardTitle id="details">{t('companies.details')}</CardTitle>
            <dl className="divide-y divide-slate-100">
              <DetailRow label={t('companies.fields.legalId')}>{company.legalId}</DetailRow>
              <DetailRow label={t('companies.fields.website')}>
                {company.website ? (
                  <a href={company.website} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 hover:underline">
                    {company.website}
                  </a>
                ) : null}
              </DetailRow>
              <DetailRow label={t('companies.fields.emailDomain')}>{company.emailDomain}</DetailRow>
              <DetailRow label={t('companies.fields.email')}>{company.email ? <a href={`mailto:${company.email}`} className="text-brand-700 hover:underline">{company.email}</a> : null}</DetailRow>
              <DetailRow label={t('companies.fields.phone')}>{company.phone ? <a href={`tel:${company.phone}`} className="hover:underline">{company.phone}</a> : null}</DetailRow>
              <DetailRow label={t('companies.fields.industry')}>{company.industry?.name}</DetailRow>
              <DetailRow label={t('companies.fields.size')}>{company.size ? t('companies.sizeLabel', { size: company.size }) : null}</DetailRow>
              <DetailRow label={t('companies.fields.customerFamily')}>{company.customerFamily?.name}</DetailRow>
              <DetailRow label={t('companies.fields.origin')}>{company.origin?.name}</DetailRow>
              <DetailRow label={t('companies.fields.tags')}>
                {company.tags.length ? (
                  <span className="flex flex-wrap gap-1">
                    {company.tags.map((tag) => (
                      <Badge key={tag.id}>{tag.name}</Badge>
                    ))}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('companies.createdUpdated')}>
                {t('companies.createdUpdatedValue', { created: new Date(company.createdAt), updated: new Date(company.updatedAt) })}
              </DetailRow>
            </dl>
            {company.notes ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="text-sm font-medium text-slate-500">{t('companies.fields.notes')}</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-900">{company.notes}</p>
              </div>
            ) : null}
          </Card>
          <Card aria-labelledby="contacts">
            <CardTitle id="contacts">{t('companies.contactsTitle', { count: contacts.length })}</CardTitle>
            {contacts.length === 0 ? (
              <p className="text-sm text-slate-600">{t('companies.noContacts')}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {contacts.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
                    <span className={`size-2 rounded-full ${c.active ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden="true" />
                    <Link href={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    <span className="sr-only">{c.active ? t('contacts.active') : t('contacts.inactive')}</span>
                    {c.jobTitle ? <span className="text-slate-600">{c.jobTitle}</span> : null}
                    {c.email ? <a href={`mailto:${c.email}`} className="text-brand-700 hover:underline">{c.email}</a> : null}
                    {c.phone ? <span className="text-slate-600">{c.phone}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card aria-labelledby="commercial">
            <CardTitle id="commercial">{t('companies.commercialTitle')}</CardTitle>
            <LeadPanel rows={companyLeads(db, user, id)} newHref={canCreate(user) && !company.archived ? `/leads/new?fromCompany=${id}` : null} />
            <div className="my-5 border-t border-slate-100" />
            <OpportunityPanel rows={companyOpportunities(db, user, id)} newHref={canCreate(user) && !company.archived ? `/opportunities/new?company=${id}` : null} />
          </Card>
          <Card aria-labelledby="timeline">
            <CardTitle id="timeline">{t('companies.timeline')}</CardTitle>
            {timeline.length === 0 ? (
              <p className="text-sm text-slate-600">{t('audit.empty')}</p>
            ) : (
              <ol className="space-y-3">
                {timeline.map((e) => (
                  <li key={e.id} className="text-sm">
                    <span className="text-slate-500">{format.dateTime(new Date(e.at), 'long')}</span> —{' '}
                    <span className="font-medium text-slate-900">{t.has(`audit.actions.${e.action}`) ? t(`audit.actions.${e.action}`) : e.action}</span>
                    {e.actorName ? <span className="text-slate-600"> · {e.actorName}</span> : null}
                    {typeof e.data?.comment === 'string' && e.data.comment ? <p className="mt-0.5 text-slate-600 italic">« {e.data.comment} »</p> : null}
                    {e.action.endsWith('.merged') ? (
                      <Link href="/merge" className="ml-2 text-brand-700 hover:underline print:hidden">
                        {t('audit.undoMerge')}
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="addresses">
            <CardTitle id="addresses">{t('companies.sections.addresses')}</CardTitle>
            {company.addresses.length === 0 ? (
              <p className="text-sm text-slate-600">{t('companies.noAddress')}</p>
            ) : (
              <ul className="space-y-4">
                {company.addresses.map((a) => (
                  <li key={a.id} className="text-sm">
                    <p className="flex flex-wrap gap-1">
                      {a.label ? <span className="font-medium">{a.label}</span> : null}
                      {a.isDefault ? <Badge tone="blue">{t('companies.address.isDefault')}</Badge> : null}
                      {a.isBilling ? <Badge>{t('companies.address.isBilling')}</Badge> : null}
                      {a.isDelivery ? <Badge>{t('companies.address.isDelivery')}</Badge> : null}
                    </p>
                    <address className="mt-1 text-slate-700 not-italic">
                      {a.line1}
                      {a.line2 ? <><br />{a.line2}</> : null}
                      <br />
                      {[a.postalCode, a.city].filter(Boolean).join(' ')}
                      {a.country !== 'FR' ? <><br />{a.country}</> : null}
                    </address>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {company.can.edit || company.can.assign || company.can.delete ? (
            <Card aria-labelledby="manage" className="print:hidden">
              <CardTitle id="manage">{t('companies.manage')}</CardTitle>
              <div className="space-y-5">
                {company.can.edit ? <ArchiveCompanyForm id={id} archived={company.archived} /> : null}
                {canCreate(user) ? <DuplicateCompanyForm id={id} /> : null}
                {options ? (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('companies.transfer')}</summary>
                    <div className="mt-3">
                      <TransferForm id={id} owners={options.owners} teams={options.teams} ownerId={company.owner?.id ?? null} />
                    </div>
                  </details>
                ) : null}
                {company.can.delete ? <DeleteCompanyForm id={id} /> : null}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
