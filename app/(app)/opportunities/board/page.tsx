import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { customerFormOptions } from '@/lib/customers/options';
import { boardColumns, CLOSED_WINDOWS, COLUMN_PAGE, MAX_COLUMN_CARDS, type BoardFilters } from '@/lib/opportunities/board';
import { canCreate } from '@/lib/permissions';
import { defaultPipeline, listPipelines } from '@/lib/pipelines/queries';
import { Alert } from '@/components/ui/alert';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClass } from '@/components/ui/input-class';
import { PageHeader } from '@/components/ui/page-header';
import { OppTabs } from '../_components/opp-tabs';
import { refusalKey } from './_components/board-urls';
import { OpportunityBoard } from './_components/opportunity-board';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('board.title')} · ${t('nav.opportunities')}` };
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** `more=<stageId>:<count>` (repeatable): columns shown with more cards, when "show more" runs without JavaScript. */
function parseMore(v: string | string[] | undefined): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of (Array.isArray(v) ? v : v ? [v] : []).slice(0, 50)) {
    const m = /^(\d{1,9}):(\d{1,4})$/.exec(s);
    if (m) out[Number(m[1])] = Math.min(Number(m[2]), MAX_COLUMN_CARDS);
  }
  return out;
}

export default async function OpportunityBoardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const db = getDb();
  const sp = await searchParams;
  const pipelines = listPipelines(db);
  const fallback = defaultPipeline(db);
  const pipelineId = num(first(sp.pipeline)) ?? fallback?.id;
  // Sales users start on their own cards ("Mine"), as in the lists; any explicit choice wins.
  const ownerParam = first(sp.owner) ?? (user.role === 'sales' ? 'mine' : 'all');
  const filters: BoardFilters = {
    ownerId: ownerParam === 'mine' ? user.id : ownerParam === 'all' ? undefined : num(ownerParam),
    teamId: num(first(sp.team)),
    closedDays: num(first(sp.closed)),
  };
  const limits = parseMore(sp.more);
  const board = pipelineId ? boardColumns(db, user, pipelineId, filters, { now: Date.now(), limits }) : null;

  // The board's own address: its filters, and the columns opened further without JavaScript.
  const query = (more: Record<number, number>) => {
    const p = new URLSearchParams();
    if (board) p.set('pipeline', String(board.pipeline.id));
    p.set('owner', ownerParam);
    if (filters.teamId) p.set('team', String(filters.teamId));
    if (board && board.closedDays !== 30) p.set('closed', String(board.closedDays));
    for (const [stage, n] of Object.entries(more)) p.append('more', `${stage}:${n}`);
    return p;
  };
  const boardUrl = `/opportunities/board?${query(limits).toString()}`;
  const options = customerFormOptions(db, user, {}, 'filter');
  // The default pipeline first, then the others in their order.
  const ordered = [...pipelines].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  const refused = first(sp.refused);
  const moved = first(sp.moved);

  return (
    <>
      {/* A board uses the whole width of the window (the shell widens its main area for it). */}
      <span data-wide hidden />
      <PageHeader title={t('nav.opportunities')} actions={canCreate(user) ? <ButtonLink href="/opportunities/new">{t('board.newOpportunity')}</ButtonLink> : null} />
      <OppTabs current="board" />
      {refused ? (
        <Alert tone="error" className="mb-4">
          {t(refusalKey(refused))}
        </Alert>
      ) : moved ? (
        <Alert tone="success" className="mb-4">
          {t('board.moved')}
        </Alert>
      ) : null}
      {!fallback && !board ? (
        <EmptyState title={t('board.noPipelineTitle')}>
          <p>{t('board.noPipelineBody')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
            <nav aria-label={t('board.pipelines')} className="flex flex-wrap items-center gap-2">
              <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('board.pipelines')}</span>
              {ordered.map((p) => {
                const current = board?.pipeline.id === p.id;
                const q = query({});
                q.set('pipeline', String(p.id));
                return (
                  <Link
                    key={p.id}
                    href={`/opportunities/board?${q.toString()}`}
                    aria-current={current ? 'page' : undefined}
                    className={cn(
                      'inline-flex items-center gap-1 rounded-full px-3 py-1 text-sm ring-1 ring-inset',
                      current ? 'bg-brand-50 font-semibold text-brand-800 ring-brand-300' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
                    )}
                  >
                    {p.name}
                    {p.isDefault ? <span className="text-xs font-normal text-slate-600">({t('board.defaultPipeline')})</span> : null}
                  </Link>
                );
              })}
            </nav>
            <form method="get" action="/opportunities/board" aria-label={t('board.filters')} className="flex flex-wrap items-end gap-3">
              {board ? <input type="hidden" name="pipeline" value={board.pipeline.id} /> : null}
              <label className="block text-xs font-medium text-slate-600">
                {t('board.owner')}
                <select name="owner" defaultValue={ownerParam} className={`${inputClass} mt-1`}>
                  <option value="all">{t('common.everyone')}</option>
                  <option value="mine">{t('common.mine')}</option>
                  {options.owners
                    .filter((o) => o.value !== String(user.id))
                    .map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                </select>
              </label>
              <label className="block text-xs font-medium text-slate-600">
                {t('board.team')}
                <select name="team" defaultValue={filters.teamId ? String(filters.teamId) : ''} className={`${inputClass} mt-1`}>
                  <option value="">{t('board.anyTeam')}</option>
                  {options.teams.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block text-xs font-medium text-slate-600">
                {t('board.closedWindow')}
                <select name="closed" defaultValue={String(board?.closedDays ?? 30)} className={`${inputClass} mt-1`}>
                  {CLOSED_WINDOWS.map((d) => (
                    <option key={d} value={d}>
                      {t('board.closedDays', { days: d })}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className={buttonClass('secondary')}>
                {t('common.filter')}
              </button>
            </form>
          </div>
          {board ? (
            <OpportunityBoard
              // A new address (other pipeline, filters, more cards) starts the board afresh.
              key={boardUrl}
              pipelineName={board.pipeline.name}
              closedDays={board.closedDays}
              filters={filters}
              boardUrl={boardUrl}
              columns={board.columns.map((c) => ({
                stage: { id: c.stage.id, name: c.stage.name, kind: c.stage.kind, color: c.stage.color },
                closed: c.closed,
                totals: c.totals,
                cards: c.cards,
                nextCursor: c.nextCursor,
                moreHref: `/opportunities/board?${query({ ...limits, [c.stage.id]: (limits[c.stage.id] ?? COLUMN_PAGE) + COLUMN_PAGE }).toString()}#kanban-col-${c.stage.id}`,
              }))}
            />
          ) : (
            <Alert tone="warning">{t('board.pipelineNotFound')}</Alert>
          )}
        </>
      )}
    </>
  );
}
