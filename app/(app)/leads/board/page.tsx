import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { CLOSED_WINDOWS, COLUMN_PAGE, leadBoard, MAX_COLUMN_CARDS, type LeadBoardFilters } from '@/lib/leads/board';
import { leadFormOptions } from '@/lib/leads/queries';
import { canCreate } from '@/lib/permissions';
import { Alert } from '@/components/ui/alert';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { inputClass } from '@/components/ui/input-class';
import { PageHeader } from '@/components/ui/page-header';
import { LeadTabs } from '../_components/lead-tabs';
import { refusalKey } from './_components/board-urls';
import { LeadBoard } from './_components/lead-board';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('leadBoard.title')} · ${t('nav.leads')}` };
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** `more=<statusId>:<count>` (repeatable): columns shown with more cards, when "show more" runs without JavaScript. */
function parseMore(v: string | string[] | undefined): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of (Array.isArray(v) ? v : v ? [v] : []).slice(0, 50)) {
    const m = /^(\d{1,9}):(\d{1,4})$/.exec(s);
    if (m) out[Number(m[1])] = Math.min(Number(m[2]), MAX_COLUMN_CARDS);
  }
  return out;
}

export default async function LeadBoardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const db = getDb();
  const sp = await searchParams;
  // Sales users start on their own leads ("Mine"), as in the lists; any explicit choice wins.
  const ownerParam = first(sp.owner) ?? (user.role === 'sales' ? 'mine' : 'all');
  const filters: LeadBoardFilters = {
    owner: ownerParam === 'mine' ? user.id : ownerParam === 'unassigned' ? 'unassigned' : ownerParam === 'all' ? undefined : num(ownerParam),
    teamId: num(first(sp.team)),
    closedDays: num(first(sp.closed)),
  };
  const limits = parseMore(sp.more);
  const now = Date.now();
  const board = leadBoard(db, user, filters, { now, limits });

  // The board's own address: its filters, and the columns opened further without JavaScript.
  const query = (more: Record<number, number>) => {
    const p = new URLSearchParams();
    p.set('owner', ownerParam);
    if (filters.teamId) p.set('team', String(filters.teamId));
    if (board.closedDays !== 30) p.set('closed', String(board.closedDays));
    for (const [status, n] of Object.entries(more)) p.append('more', `${status}:${n}`);
    return p;
  };
  const boardUrl = `/leads/board?${query(limits).toString()}`;
  const options = leadFormOptions(db, user, {}, 'filter');
  const refused = first(sp.refused);
  const moved = first(sp.moved);
  const select = (name: string, label: string, value: string, opts: { value: string; label: string }[]) => (
    <label className="block text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value} className={`${inputClass} mt-1`}>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      {/* A board uses the whole width of the window (the shell widens its main area for it). */}
      <span data-wide hidden />
      <PageHeader title={t('nav.leads')} actions={canCreate(user) ? <ButtonLink href="/leads/new">{t('leadList.new')}</ButtonLink> : null} />
      <LeadTabs current="board" />
      {refused ? (
        <Alert tone="error" className="mb-4">
          {t(refusalKey(refused))}
        </Alert>
      ) : moved ? (
        <Alert tone="success" className="mb-4">
          {t('leadBoard.moved')}
        </Alert>
      ) : null}
      <form method="get" action="/leads/board" aria-label={t('leadBoard.filters')} className="mb-4 flex flex-wrap items-end justify-end gap-3">
        {select('owner', t('leadBoard.owner'), ownerParam, [
          { value: 'all', label: t('common.everyone') },
          { value: 'mine', label: t('common.mine') },
          { value: 'unassigned', label: t('leadList.unassignedQueue') },
          ...options.owners.filter((o) => o.value !== String(user.id)),
        ])}
        {select('team', t('leadBoard.team'), filters.teamId ? String(filters.teamId) : '', [{ value: '', label: t('leadBoard.anyTeam') }, ...options.teams])}
        {select(
          'closed',
          t('leadBoard.closedWindow'),
          String(board.closedDays),
          CLOSED_WINDOWS.map((d) => ({ value: String(d), label: t('leadBoard.closedDays', { days: d }) })),
        )}
        <button type="submit" className={buttonClass('secondary')}>
          {t('common.filter')}
        </button>
      </form>
      <LeadBoard
        // A new address (filters, more cards) starts the board afresh.
        key={boardUrl}
        closedDays={board.closedDays}
        filters={filters}
        now={now}
        boardUrl={boardUrl}
        columns={board.columns.map((c) => ({
          status: { id: c.status.id, name: c.status.name, kind: c.status.kind, closed: c.status.closed, color: c.status.color },
          terminal: c.terminal,
          count: c.count,
          cards: c.cards,
          nextCursor: c.nextCursor,
          moreHref: `/leads/board?${query({ ...limits, [c.status.id]: (limits[c.status.id] ?? COLUMN_PAGE) + COLUMN_PAGE }).toString()}#kanban-col-${c.status.id}`,
        }))}
      />
    </>
  );
}
