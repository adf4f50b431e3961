import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { OpportunityTimelineEntry } from '@/lib/opportunities/queries';
import { formatDay, formatMoney } from './format';

// The audit data keys of an edit, as the form's field labels (opportunities.fields.*).
const FIELD_OF: Record<string, string> = {
  name: 'name',
  companyId: 'company',
  typeId: 'type',
  pipelineId: 'pipeline',
  stageId: 'stage',
  amount: 'amount',
  bestCase: 'bestCase',
  worstCase: 'worstCase',
  currency: 'currency',
  probability: 'probability',
  score: 'score',
  expectedCloseDate: 'expectedCloseDate',
  sourceId: 'source',
  ownerId: 'owner',
  teamId: 'team',
  description: 'description',
  tagIds: 'tags',
  contactIds: 'contacts',
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const pair = (v: unknown): [unknown, unknown] | null => (Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : null);

/** The activity panel: what happened to the opportunity, newest first (stage moves, closing, reopening…). */
export async function Activity({ entries, currency }: { entries: OpportunityTimelineEntry[]; currency: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t('audit.empty')}</p>;
  return (
    <ol className="space-y-4">
      {entries.map((e) => {
        const d = e.data ?? {};
        const details: React.ReactNode[] = [];
        if (e.action === 'opportunity.created') {
          if (str(d.stage)) details.push(t('opportunities.activity.stage', { stage: String(d.stage) }));
          if (typeof d.amount === 'number') details.push(t('opportunities.activity.amount', { amount: formatMoney(format, d.amount, currency) }));
        } else if (e.action === 'opportunity.moved') {
          const p = pair(d.stage);
          if (p) details.push(t('opportunities.activity.moved', { from: String(p[0] ?? '?'), to: String(p[1] ?? '?') }));
        } else if (e.action === 'opportunity.updated') {
          const fields = Object.keys(d)
            .map((k) => FIELD_OF[k])
            .filter(Boolean)
            .map((f) => t(`opportunities.fields.${f}`));
          if (fields.length) details.push(t('opportunities.activity.changed', { fields: fields.join(', ') }));
        } else if (e.action === 'opportunity.won' || e.action === 'opportunity.lost') {
          if (str(d.closeDate)) details.push(t('opportunities.activity.closeDate', { date: formatDay(format, String(d.closeDate)) }));
          if (e.lostReason) details.push(t('opportunities.activity.lostReason', { reason: e.lostReason }));
          if (str(d.competitor)) details.push(t('opportunities.activity.competitor', { competitor: String(d.competitor) }));
          if (e.via)
            details.push(
              <>
                {t('opportunities.activity.via')}{' '}
                <Link href={`/opportunities/${e.via.id}`} className="text-brand-700 hover:underline">
                  {e.via.name}
                </Link>
              </>,
            );
        } else if (e.action === 'opportunity.reopened') {
          if (d.was === 'won' || d.was === 'lost') details.push(t('opportunities.activity.was', { status: t(`opportunities.status.${d.was}`) }));
          if (str(d.stage)) details.push(t('opportunities.activity.stage', { stage: String(d.stage) }));
        }
        const quote = e.action === 'opportunity.reopened' ? str(d.reason) : e.action === 'opportunity.transferred' ? str(d.comment) : null;
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
            {quote ? (
              <blockquote className="mt-1 text-slate-600 italic">
                {e.action === 'opportunity.reopened' ? t('opportunities.activity.reason', { reason: quote }) : t('opportunities.activity.comment', { comment: quote })}
              </blockquote>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
