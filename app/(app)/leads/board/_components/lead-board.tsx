'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import type { LeadStatusKind, StageColor } from '@/db/schema';
import type { LeadBoardFilters, LeadCard } from '@/lib/leads/board';
import { KanbanBoard, type KanbanColumn, type KanbanLabels, type KanbanMove } from '@/components/kanban/kanban-board';
import { cn } from '@/components/ui/cn';
import { ComputedScore, Stars } from '../../_components/list-score';
import { loadMoreLeads, moveLeadCardAction, moveLeadNow } from '../actions';
import { stepHref, STATUS_ACCENT } from './board-urls';

export type LeadColumnProps = {
  status: { id: number; name: string; kind: LeadStatusKind; closed: boolean; color: StageColor };
  terminal: boolean;
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
  /** The no-JavaScript "show more" link. */
  moreHref: string;
};

type Props = {
  columns: LeadColumnProps[];
  filters: LeadBoardFilters;
  closedDays: number;
  /** The server's clock when the page was made: cards' ages are counted from it (same on both sides). */
  now: number;
  /** This board's address (with its filters): where the convert / lose steps and the no-JS form come back to. */
  boardUrl: string;
};

const DAY = 86_400_000;
const AVATAR = ['bg-sky-100 text-sky-900', 'bg-violet-100 text-violet-900', 'bg-amber-100 text-amber-900', 'bg-emerald-100 text-emerald-900', 'bg-pink-100 text-pink-900', 'bg-teal-100 text-teal-900'];

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words[words.length - 1][0] ?? '') : '')).toUpperCase() || '?';
}

/** The leads on the generic kanban board: one column per status, counts, moves, and the convert / lose steps. */
export function LeadBoard({ columns, filters, closedDays, now, boardUrl }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [counts, setCounts] = useState<Record<number, number>>(() => Object.fromEntries(columns.map((c) => [c.status.id, c.count])));
  const kindOf = useMemo(() => new Map(columns.map((c) => [String(c.status.id), c.status.kind])), [columns]);

  const kanbanColumns: KanbanColumn[] = columns.map((c) => ({
    id: String(c.status.id),
    title: c.status.name,
    accentClass: STATUS_ACCENT[c.status.color],
    header: (
      <p className="font-medium text-slate-700" data-testid={`count-${c.status.id}`}>
        {t('leadBoard.count', { count: counts[c.status.id] ?? 0 })}
        {c.status.closed && !c.terminal ? <span className="ml-1 font-normal text-slate-600">({t('leadBoard.closedStatus')})</span> : null}
      </p>
    ),
    note: c.terminal ? t('leadBoard.closedNote', { days: closedDays }) : undefined,
    confirmOnly: c.terminal,
    cursor: c.nextCursor,
    moreHref: c.moreHref,
  }));
  const cards = useMemo(() => Object.fromEntries(columns.map((c) => [String(c.status.id), c.cards])), [columns]);

  const onMove = useCallback(
    async ({ card, to }: KanbanMove<LeadCard>) => {
      const res = await moveLeadNow({ id: card.id, statusId: Number(to.columnId), beforeId: to.beforeId ? Number(to.beforeId) : null, filters });
      if (!res.ok) return res;
      setCounts(res.counts);
      return { ok: true as const, card: res.card ?? undefined };
    },
    [filters],
  );

  const onConfirmDrop = useCallback(
    (card: LeadCard, columnId: string) => {
      const kind = kindOf.get(columnId);
      if (kind === 'converted' || kind === 'lost') router.push(stepHref(card.id, kind, boardUrl));
    },
    [kindOf, router, boardUrl],
  );

  const onLoadMore = useCallback((columnId: string, cursor: string) => loadMoreLeads({ statusId: Number(columnId), cursor, filters }), [filters]);

  const labels: KanbanLabels = {
    dragHandle: (card) => t('leadBoard.kanban.dragHandle', { card }),
    instructions: t('leadBoard.kanban.instructions'),
    moveTo: t('leadBoard.kanban.moveTo'),
    moveToLabel: (card) => t('leadBoard.kanban.moveToLabel', { card }),
    moveSubmit: t('leadBoard.kanban.moveSubmit'),
    confirmChoice: (column) => t('leadBoard.kanban.confirmChoice', { column }),
    loadMore: t('leadBoard.kanban.loadMore'),
    loading: t('leadBoard.kanban.loading'),
    empty: t('leadBoard.kanban.empty'),
    dropToConfirm: t('leadBoard.kanban.dropToConfirm'),
    moving: t('leadBoard.kanban.moving'),
    dismiss: t('leadBoard.kanban.dismiss'),
    failed: t('leadBoard.kanban.failed'),
    announce: {
      start: (card, column, position, total) => t('leadBoard.kanban.announce.start', { card, column, position, total }),
      over: (card, column, position, total) => t('leadBoard.kanban.announce.over', { card, column, position, total }),
      overConfirm: (card, column) => t('leadBoard.kanban.announce.overConfirm', { card, column }),
      end: (card, column, position, total) => t('leadBoard.kanban.announce.end', { card, column, position, total }),
      endConfirm: (card, column) => t('leadBoard.kanban.announce.endConfirm', { card, column }),
      cancel: (card, column) => t('leadBoard.kanban.announce.cancel', { card, column }),
      outside: (card) => t('leadBoard.kanban.announce.outside', { card }),
    },
  };

  return (
    <KanbanBoard<LeadCard>
      label={t('leadBoard.label')}
      columns={kanbanColumns}
      cards={cards}
      cardLabel={(c) => c.name}
      canDrag={(c, columnId) => c.movable && kindOf.get(columnId) !== 'converted' && kindOf.get(columnId) !== 'lost'}
      renderCard={(c) => <LeadCardView card={c} now={now} />}
      onMove={onMove}
      onConfirmDrop={onConfirmDrop}
      onLoadMore={onLoadMore}
      moveForm={{ action: moveLeadCardAction, fieldName: 'statusId', fields: { back: boardUrl } }}
      labels={labels}
    />
  );
}

function LeadCardView({ card, now }: { card: LeadCard; now: number }) {
  const t = useTranslations();
  const days = Math.max(0, Math.floor((now - card.createdAt) / DAY));
  return (
    <div className="pr-6 text-sm">
      <Link href={`/leads/${card.id}`} className="font-semibold break-words text-slate-900 hover:text-brand-700 hover:underline">
        {card.name}
      </Link>
      {card.companyName ? <p className="text-xs break-words text-slate-600">{card.companyName}</p> : null}
      <div className="mt-1.5 flex items-center gap-2">
        <Stars score={card.manualScore} label={t('leadBoard.card.stars', { score: card.manualScore })} />
        <ComputedScore score={card.computedScore} label={t('leadBoard.card.score', { score: card.computedScore })} />
      </div>
      <div className="mt-1.5 flex items-center justify-between gap-2">
        {card.ownerName ? (
          <span className="flex min-w-0 items-center gap-1.5 text-xs text-slate-700">
            <span aria-hidden="true" className={cn('inline-flex size-6 shrink-0 items-center justify-center rounded-full text-[10px] font-semibold', AVATAR[(card.ownerId ?? 0) % AVATAR.length])}>
              {initials(card.ownerName)}
            </span>
            <span className="truncate">
              <span className="sr-only">{t('leadBoard.card.owner', { name: card.ownerName })}</span>
              <span aria-hidden="true">{card.ownerName}</span>
            </span>
          </span>
        ) : (
          <span className="text-xs text-slate-600 italic">{t('leadBoard.card.unassigned')}</span>
        )}
        <span className="shrink-0 text-xs text-slate-600">
          <span aria-hidden="true">{t('leadBoard.card.age', { days })}</span>
          <span className="sr-only">{t('leadBoard.card.ageLabel', { days })}</span>
        </span>
      </div>
    </div>
  );
}
