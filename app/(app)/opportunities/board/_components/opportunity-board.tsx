'use client';

import { Stars } from '@/components/ui/stars';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import type { StageColor, StageKind } from '@/db/schema';
import type { BoardCard, BoardFilters, ColumnTotals } from '@/lib/opportunities/board';
import { KanbanBoard, type KanbanColumn, type KanbanLabels, type KanbanMove } from '@/components/kanban/kanban-board';
import { formatDay, formatMoney } from '../../_components/format';
import { loadMoreCards, moveCardAction, moveCardNow } from '../actions';
import { closeHref, STAGE_ACCENT } from './board-urls';

export type BoardColumnProps = {
  stage: { id: number; name: string; kind: StageKind; color: StageColor };
  closed: boolean;
  totals: ColumnTotals;
  cards: BoardCard[];
  nextCursor: string | null;
  /** The no-JavaScript "show more" link. */
  moreHref: string;
};

type Props = {
  pipelineName: string;
  columns: BoardColumnProps[];
  filters: BoardFilters;
  closedDays: number;
  /** This board's address (with its filters): where the confirm step and the no-JS form come back to. */
  boardUrl: string;
};

/** The opportunities of a pipeline on the generic kanban board: cards, column totals, moves and closing. */
export function OpportunityBoard({ pipelineName, columns, filters, closedDays, boardUrl }: Props) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [totals, setTotals] = useState<Record<number, ColumnTotals>>(() => Object.fromEntries(columns.map((c) => [c.stage.id, c.totals])));
  const kindOf = useMemo(() => new Map(columns.map((c) => [String(c.stage.id), c.stage.kind])), [columns]);

  const header = (stageId: number) => {
    const tt = totals[stageId] ?? { count: 0, byCurrency: [] };
    return (
      <div data-testid={`totals-${stageId}`}>
        <p className="font-medium text-slate-700">{t('board.count', { count: tt.count })}</p>
        {tt.byCurrency.map((c) => (
          <dl key={c.currency} className="mt-0.5 flex flex-wrap gap-x-3 tabular-nums">
            <div className="flex gap-1">
              <dt>{t('board.total')}</dt>
              <dd className="font-medium text-slate-800">{formatMoney(format, c.amount, c.currency)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>{t('board.weighted')}</dt>
              <dd className="font-medium text-slate-800">{formatMoney(format, c.weighted, c.currency)}</dd>
            </div>
          </dl>
        ))}
      </div>
    );
  };

  const kanbanColumns: KanbanColumn[] = columns.map((c) => ({
    id: String(c.stage.id),
    title: c.stage.name,
    accentClass: STAGE_ACCENT[c.stage.color],
    header: header(c.stage.id),
    note: c.closed ? t('board.closedNote', { days: closedDays }) : undefined,
    confirmOnly: c.closed,
    cursor: c.nextCursor,
    moreHref: c.moreHref,
  }));
  const cards = useMemo(() => Object.fromEntries(columns.map((c) => [String(c.stage.id), c.cards])), [columns]);

  const onMove = useCallback(
    async ({ card, to }: KanbanMove<BoardCard>) => {
      const res = await moveCardNow({ id: card.id, stageId: Number(to.columnId), beforeId: to.beforeId ? Number(to.beforeId) : null, filters });
      if (!res.ok) return res;
      setTotals(res.totals);
      return { ok: true as const, card: res.card ?? undefined };
    },
    [filters],
  );

  const onConfirmDrop = useCallback(
    (card: BoardCard, columnId: string) => {
      const kind = kindOf.get(columnId);
      if (kind === 'won' || kind === 'lost') router.push(closeHref(card.id, kind, boardUrl));
    },
    [kindOf, router, boardUrl],
  );

  const onLoadMore = useCallback((columnId: string, cursor: string) => loadMoreCards({ stageId: Number(columnId), cursor, filters }), [filters]);

  const labels: KanbanLabels = {
    dragHandle: (card) => t('board.kanban.dragHandle', { card }),
    instructions: t('board.kanban.instructions'),
    moveTo: t('board.kanban.moveTo'),
    moveToLabel: (card) => t('board.kanban.moveToLabel', { card }),
    moveSubmit: t('board.kanban.moveSubmit'),
    confirmChoice: (column) => t('board.kanban.confirmChoice', { column }),
    loadMore: t('board.kanban.loadMore'),
    loading: t('board.kanban.loading'),
    empty: t('board.kanban.empty'),
    dropToConfirm: t('board.kanban.dropToConfirm'),
    moving: t('board.kanban.moving'),
    dismiss: t('board.kanban.dismiss'),
    failed: t('board.kanban.failed'),
    announce: {
      start: (card, column, position, total) => t('board.kanban.announce.start', { card, column, position, total }),
      over: (card, column, position, total) => t('board.kanban.announce.over', { card, column, position, total }),
      overConfirm: (card, column) => t('board.kanban.announce.overConfirm', { card, column }),
      end: (card, column, position, total) => t('board.kanban.announce.end', { card, column, position, total }),
      endConfirm: (card, column) => t('board.kanban.announce.endConfirm', { card, column }),
      cancel: (card, column) => t('board.kanban.announce.cancel', { card, column }),
      outside: (card) => t('board.kanban.announce.outside', { card }),
    },
  };

  return (
    <KanbanBoard<BoardCard>
      label={t('board.label', { pipeline: pipelineName })}
      columns={kanbanColumns}
      cards={cards}
      cardLabel={(c) => c.name}
      canDrag={(c) => c.movable}
      renderCard={(c) => <OpportunityCard card={c} />}
      onMove={onMove}
      onConfirmDrop={onConfirmDrop}
      onLoadMore={onLoadMore}
      moveForm={{ action: moveCardAction, fieldName: 'stageId', fields: { back: boardUrl } }}
      labels={labels}
    />
  );
}

function CardStars({ score }: { score: number }) {
  const t = useTranslations();
  return <Stars score={score} label={t('board.card.score', { score })} />;
}

function OpportunityCard({ card }: { card: BoardCard }) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    <div className="pr-6 text-sm">
      <Link href={`/opportunities/${card.id}`} className="font-semibold break-words text-slate-900 hover:text-brand-700 hover:underline">
        {card.name}
      </Link>
      <p className="text-xs break-words text-slate-600">{card.companyName}</p>
      <p className="mt-1 flex flex-wrap items-baseline gap-x-2 tabular-nums">
        <span className="font-medium text-slate-900">{formatMoney(format, card.amount, card.currency)}</span>
        <span className="text-xs text-slate-500">
          <span aria-hidden="true">{t('board.card.probability', { value: card.probability })}</span>
          <span className="sr-only">{t('board.card.probabilityLabel', { value: card.probability })}</span>
        </span>
      </p>
      {card.status === 'open' ? (
        card.expectedCloseDate ? <p className="text-xs text-slate-600">{t('board.card.expected', { date: formatDay(format, card.expectedCloseDate) })}</p> : null
      ) : card.closeDate ? (
        <p className={card.status === 'won' ? 'text-xs font-medium text-emerald-700' : 'text-xs font-medium text-red-700'}>
          {t(card.status === 'won' ? 'board.card.wonOn' : 'board.card.lostOn', { date: formatDay(format, card.closeDate) })}
        </p>
      ) : null}
      <div className="mt-1 flex items-center justify-between gap-2">
        <span className="truncate text-xs text-slate-500">{card.ownerName ?? t('board.card.noOwner')}</span>
        <CardStars score={card.score} />
      </div>
    </div>
  );
}
