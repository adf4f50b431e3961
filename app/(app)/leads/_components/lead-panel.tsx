import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { LeadStatusKind } from '@/db/schema';
import type { CompanyLeadRow } from '@/lib/leads/record-queries';
import { Badge } from '@/components/ui/badge';

const TONE: Record<LeadStatusKind, 'blue' | 'gray' | 'green' | 'red'> = { new: 'blue', open: 'gray', converted: 'green', lost: 'red' };

/**
 * A company's leads, for its page: those converted into it and the new sales cycles started from it (repeat
 * leads), with a link to start one ("new lead for this customer", seed 004) when the viewer may.
 */
export async function LeadPanel({ rows, newHref }: { rows: CompanyLeadRow[]; newHref: string | null }) {
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{t('leads.panel.title', { count: rows.length })}</h3>
        {newHref ? (
          <Link href={newHref} className="text-sm font-medium text-brand-700 hover:underline print:hidden">
            {t('leads.repeat.link')}
          </Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('leads.panel.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
              <Link href={`/leads/${l.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {l.name}
              </Link>
              <Badge tone={TONE[l.status.kind]}>{l.status.name}</Badge>
              <span className="text-slate-600">{t(l.relation === 'converted' ? 'leads.panel.converted' : 'leads.panel.repeat')}</span>
              <span className="text-slate-500">{format.dateTime(new Date(l.createdAt), { day: 'numeric', month: 'short', year: 'numeric' })}</span>
              {l.ownerName ? <span className="text-slate-500">{l.ownerName}</span> : <span className="text-slate-500">{t('leads.unassignedQueue')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
