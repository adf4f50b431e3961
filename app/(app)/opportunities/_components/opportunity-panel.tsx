import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import type { OpportunitySummary } from '@/lib/opportunities/queries';
import { formatDay, formatMoney } from './format';

/**
 * A company's or contact's opportunities, for their pages: open ones first, won in green, lost in red,
 * and a link to create one from here (`newHref`) when the viewer may.
 */
export async function OpportunityPanel({ rows, newHref, headingId, level = 3 }: { rows: OpportunitySummary[]; newHref: string | null; headingId?: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <Heading id={headingId} className={level === 2 ? 'text-base font-semibold text-slate-900' : 'text-sm font-semibold text-slate-900'}>
          {t('opportunities.panel.title', { count: rows.length })}
        </Heading>
        {newHref ? (
          <Link href={newHref} className="text-sm font-medium text-brand-700 hover:underline print:hidden">
            {t('opportunities.new')}
          </Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('opportunities.panel.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((o) => (
            <li
              key={o.id}
              className={cn(
                'flex flex-wrap items-center gap-x-4 gap-y-1 border-l-4 py-2 pl-3 text-sm',
                o.status === 'won' ? 'border-emerald-500 bg-emerald-50/60' : o.status === 'lost' ? 'border-red-500 bg-red-50/60' : 'border-transparent',
              )}
            >
              <Link href={`/opportunities/${o.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {o.name}
              </Link>
              {o.status === 'open' ? <Badge>{o.stageName}</Badge> : <Badge tone={o.status === 'won' ? 'green' : 'red'}>{t(`opportunities.status.${o.status}`)}</Badge>}
              <span className={cn('tabular-nums', o.status === 'won' ? 'text-emerald-800' : o.status === 'lost' ? 'text-red-800' : 'text-slate-700')}>{formatMoney(format, o.amount, o.currency)}</span>
              {o.status === 'open' && o.expectedCloseDate ? <span className="text-slate-600">{t('opportunities.panel.expected', { date: formatDay(format, o.expectedCloseDate) })}</span> : null}
              {o.status !== 'open' && o.closeDate ? <span className="text-slate-600">{t('opportunities.panel.closedOn', { date: formatDay(format, o.closeDate) })}</span> : null}
              {o.ownerName ? <span className="text-slate-500">{o.ownerName}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
