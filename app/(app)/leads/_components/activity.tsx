import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { LeadTimelineEntry } from '@/lib/leads/queries';
import type { TimelineRefs } from '@/lib/leads/record-queries';

// The audit data keys of an edit, as the form's field labels (leads.fields.*).
const FIELD_OF: Record<string, string> = {
  civility: 'civility',
  firstName: 'firstName',
  lastName: 'lastName',
  companyName: 'companyName',
  jobTitle: 'jobTitle',
  email: 'email',
  email2: 'email2',
  phone: 'phone',
  mobile: 'mobile',
  website: 'website',
  addressLine1: 'addressLine1',
  postalCode: 'postalCode',
  city: 'city',
  country: 'country',
  industryId: 'industry',
  size: 'size',
  sourceId: 'source',
  categoryId: 'category',
  doNotCall: 'doNotCall',
  doNotEmail: 'doNotEmail',
  keyAccount: 'keyAccount',
  description: 'description',
  manualScore: 'manualScore',
  ownerId: 'owner',
  teamId: 'team',
  tagIds: 'tags',
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const pair = (v: unknown): [unknown, unknown] | null => (Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : null);

function RecordLink({ href, name }: { href: string; name: string }) {
  return (
    <Link href={href} className="text-brand-700 hover:underline">
      {name}
    </Link>
  );
}

/**
 * The activity panel (seed 002 "Activité"): the lead's history from the audit trail, newest first — status
 * moves, taking in charge, assignments, loss and reopening with their reasons, conversion and what it created.
 */
export async function LeadActivity({ entries, refs }: { entries: LeadTimelineEntry[]; refs: TimelineRefs }) {
  const t = await getTranslations();
  const format = await getFormatter();
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t('audit.empty')}</p>;
  const person = (v: unknown) => {
    const id = num(v);
    return id === null ? t('leads.unassignedQueue') : (refs.users.get(id) ?? '?');
  };
  const linked = (kind: 'companies' | 'contacts' | 'opportunities', v: unknown): ReactNode => {
    const id = num(v);
    if (id === null) return null;
    const name = refs[kind].get(id);
    return name ? <RecordLink href={`/${kind}/${id}`} name={name} /> : <span className="text-slate-500">{t('leads.activity.notVisible')}</span>;
  };
  return (
    <ol className="space-y-4">
      {entries.map((e) => {
        const d = e.data ?? {};
        const details: ReactNode[] = [];
        let quote: string | null = null;
        if (e.action === 'lead.created') {
          if (num(d.fromOpportunityId) !== null) details.push(<>{t('leads.activity.fromOpportunity')} {linked('opportunities', d.fromOpportunityId)}</>);
          else if (num(d.fromCompanyId) !== null) details.push(<>{t('leads.activity.fromCompany')} {linked('companies', d.fromCompanyId)}</>);
        } else if (e.action === 'lead.updated') {
          const fields = Object.keys(d)
            .map((k) => FIELD_OF[k])
            .filter(Boolean)
            .map((f) => t(`leads.fields.${f}`));
          if (fields.length) details.push(t('leads.activity.changed', { fields: fields.join(', ') }));
        } else if (e.action === 'lead.moved') {
          const p = pair(d.status);
          if (p) details.push(t('leads.activity.moved', { from: String(p[0] ?? '?'), to: String(p[1] ?? '?') }));
        } else if (e.action === 'lead.taken' || e.action === 'lead.transferred') {
          const owners = pair(d.ownerId);
          if (owners && owners[0] !== owners[1]) details.push(t('leads.activity.owner', { from: person(owners[0]), to: person(owners[1]) }));
          const teams = pair(d.teamId);
          if (teams && teams[0] !== teams[1]) details.push(t('leads.activity.team', { from: refs.teams.get(num(teams[0]) ?? 0) ?? '—', to: refs.teams.get(num(teams[1]) ?? 0) ?? '—' }));
          quote = str(d.comment);
        } else if (e.action === 'lead.lost') {
          const reason = refs.refs.get(num(d.lostReasonId) ?? 0);
          if (reason) details.push(t('leads.activity.lostReason', { reason }));
          quote = str(d.comment);
        } else if (e.action === 'lead.reopened') {
          if (str(d.status)) details.push(t('leads.activity.backTo', { status: String(d.status) }));
          quote = str(d.reason);
        } else if (e.action === 'lead.converted') {
          details.push(<>{t(d.newCompany ? 'leads.activity.newCompany' : 'leads.activity.existingCompany')} {linked('companies', d.companyId)}</>);
          if (num(d.contactId) !== null) details.push(<>{t(d.newContact ? 'leads.activity.newContact' : 'leads.activity.existingContact')} {linked('contacts', d.contactId)}</>);
          if (num(d.opportunityId) !== null) details.push(<>{t('leads.activity.newOpportunity')} {linked('opportunities', d.opportunityId)}</>);
        }
        return (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3 text-sm">
            <p>
              <span className="font-medium text-slate-900">{t.has(`audit.actions.${e.action}`) ? t(`audit.actions.${e.action}`) : e.action}</span>
              <span className="text-slate-500">
                {' — '}
                <time dateTime={new Date(e.at).toISOString()}>{format.dateTime(new Date(e.at), 'long')}</time>
                {e.actorName ? ` · ${e.actorName}` : null}
              </span>
            </p>
            {details.length ? (
              <ul className="mt-0.5 text-slate-700">
                {details.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            ) : null}
            {quote ? <blockquote className="mt-1 text-slate-600 italic">{t('leads.activity.quote', { text: quote })}</blockquote> : null}
          </li>
        );
      })}
    </ol>
  );
}
