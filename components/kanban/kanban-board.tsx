'use client';

import {
  closestCenter,
  DndContext,
  DragOverlay,
  getFirstCollision,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEventHandler, type PointerEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { appendCards, cardOf, keyOf, moveBefore, moveCard, placementOf, replaceCard, restoreCard, samePlace, type CardKey, type CardLike, type Columns, type Placement } from './board-state';

export type KanbanColumn = {
  id: string;
  /** Plain text: the heading, the "move to" choices and the announcements use it. */
  title: string;
  /** Classes for the column's top accent (a full Tailwind class, e.g. "border-t-sky-500"). */
  accentClass?: string;
  /** Under the title: counts, totals… */
  header?: ReactNode;
  /** A short note under the header (e.g. "closed in the last 30 days"). */
  note?: ReactNode;
  /** Dropping here does not move the card: it calls onConfirmDrop (e.g. won / lost). */
  confirmOnly?: boolean;
  /** Where the next page of cards starts (null: none). */
  cursor: string | null;
  /** Without JavaScript, "show more" is this link (the page renders the column with more cards). */
  moreHref?: string;
};

export type KanbanMove<C> = { card: C; from: Placement; to: Placement };
export type KanbanMoveResult<C> = { ok: true; card?: C } | { ok: false; message: string };

export type KanbanLabels = {
  /** The drag handle's accessible name. */
  dragHandle: (card: string) => string;
  /** Read by screen readers on the drag handle. */
  instructions: string;
  moveTo: string;
  moveToLabel: (card: string) => string;
  moveSubmit: string;
  /** The "move to" choice of a confirm-only column. */
  confirmChoice: (column: string) => string;
  loadMore: string;
  loading: string;
  empty: string;
  dropToConfirm: string;
  moving: string;
  dismiss: string;
  failed: string;
  announce: {
    start: (card: string, column: string, position: number, total: number) => string;
    over: (card: string, column: string, position: number, total: number) => string;
    overConfirm: (card: string, column: string) => string;
    end: (card: string, column: string, position: number, total: number) => string;
    endConfirm: (card: string, column: string) => string;
    cancel: (card: string, column: string) => string;
    outside: (card: string) => string;
  };
};

export type KanbanBoardProps<C extends CardLike> = {
  columns: KanbanColumn[];
  cards: Columns<C>;
  renderCard: (card: C, columnId: string) => ReactNode;
  /** The card's name, for announcements and labels. */
  cardLabel: (card: C) => string;
  canDrag: (card: C, columnId: string) => boolean;
  /** Awaited after the card has moved on screen; a refusal puts it back and shows the message. */
  onMove: (move: KanbanMove<C>) => Promise<KanbanMoveResult<C>>;
  /** A card dropped on (or sent to) a confirm-only column. */
  onConfirmDrop?: (card: C, columnId: string) => void;
  onLoadMore?: (columnId: string, cursor: string) => Promise<{ cards: C[]; nextCursor: string | null }>;
  /** The no-JavaScript "move to" form: a server action, its hidden fields, and the select's name. */
  moveForm?: { action: (formData: FormData) => void | Promise<void>; fields?: Record<string, string>; fieldName?: string; idName?: string };
  labels: KanbanLabels;
  /** The accessible name of the board. */
  label: string;
};

const COLUMN_PREFIX = 'column:';
const columnDndId = (id: string) => `${COLUMN_PREFIX}${id}`;
const isColumnDndId = (id: UniqueIdentifier) => String(id).startsWith(COLUMN_PREFIX);

const subscribe = () => () => {};
/** False while rendering on the server and hydrating, true once the browser runs the board. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * A board of columns and cards (no domain knowledge). Cards move by mouse or keyboard drag (optimistic,
 * rolled back on refusal), or through each card's "move to" form, which also works without JavaScript.
 */
export function KanbanBoard<C extends CardLike>(props: KanbanBoardProps<C>) {
  const { columns, renderCard, cardLabel, canDrag, onMove, onConfirmDrop, onLoadMore, moveForm, labels } = props;
  const hydrated = useHydrated();
  const dndId = useId();
  const [cols, setCols] = useState<Columns<C>>(props.cards);
  const [cursors, setCursors] = useState<Record<string, string | null>>(() => Object.fromEntries(columns.map((c) => [c.id, c.cursor])));
  const [loading, setLoading] = useState<Record<string, boolean>>({});
  const [pending, setPending] = useState<Set<CardKey>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<CardKey | null>(null);
  const [overColumn, setOverColumn] = useState<string | null>(null);
  // Read by dnd-kit callbacks and announcements, which may run before React re-renders.
  const colsRef = useRef(cols);
  colsRef.current = cols;
  const origin = useRef<Placement | null>(null);
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const movedToNewColumn = useRef(false);
  // The card is over itself as soon as it is picked up: that says nothing, and would drown "picked up".
  const justPickedUp = useRef(false);

  /** The column a dnd id points at: a column, or the column of a card. */
  const columnOf = useCallback((id: UniqueIdentifier | null | undefined): string | null => {
    if (id === null || id === undefined) return null;
    if (isColumnDndId(id)) return String(id).slice(COLUMN_PREFIX.length);
    return placementOf(colsRef.current, String(id))?.columnId ?? null;
  }, []);
  const columnById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  // Up and down move within a column (dnd-kit's sortable coordinates); left and right go to the
  // neighbouring column, at its top, whatever the cards' heights.
  const coordinateGetter: KeyboardCoordinateGetter = useCallback(
    (event, args) => {
      if (event.code !== 'ArrowLeft' && event.code !== 'ArrowRight') return sortableKeyboardCoordinates(event, args);
      event.preventDefault();
      const { active, over, droppableRects, collisionRect } = args.context;
      if (!active || !collisionRect) return undefined;
      const current = columnOf(over?.id ?? active.id);
      const at = columns.findIndex((c) => c.id === current);
      const next = columns[at + (event.code === 'ArrowRight' ? 1 : -1)];
      if (at < 0 || !next) return undefined;
      const area = droppableRects.get(columnDndId(next.id));
      if (!area) return undefined;
      const firstCard = (colsRef.current[next.id] ?? []).find((c) => keyOf(c) !== String(active.id));
      const top = (firstCard && !next.confirmOnly ? droppableRects.get(keyOf(firstCard))?.top : undefined) ?? area.top + Math.min(area.height / 2, 96);
      return { x: area.left + (area.width - collisionRect.width) / 2, y: top };
    },
    [columns, columnOf],
  );
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  useEffect(() => {
    requestAnimationFrame(() => {
      movedToNewColumn.current = false;
    });
  }, [cols]);


  // Over a column with cards: the closest of its cards; remember the last target so gaps don't lose it.
  const collisionDetection: CollisionDetection = useCallback(
    (args) => {
      const pointer = pointerWithin(args);
      const hits = pointer.length > 0 ? pointer : rectIntersection(args);
      let overId = getFirstCollision(hits, 'id');
      if (overId !== null) {
        if (isColumnDndId(overId)) {
          const column = columnById.get(String(overId).slice(COLUMN_PREFIX.length));
          const inside = column && !column.confirmOnly ? (colsRef.current[column.id] ?? []).map(keyOf) : [];
          if (inside.length) {
            const closest = closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => inside.includes(String(c.id))) });
            overId = closest[0]?.id ?? overId;
          }
        }
        lastOverId.current = overId;
        return [{ id: overId }];
      }
      if (movedToNewColumn.current) lastOverId.current = activeId;
      return lastOverId.current !== null ? [{ id: lastOverId.current }] : [];
    },
    [activeId, columnById],
  );

  /** Where the active card is, or would land over `overId`: position (1-based) and column size. */
  const position = (columnId: string, activeKey: CardKey, overId?: UniqueIdentifier | null) => {
    const list = colsRef.current[columnId] ?? [];
    const has = list.some((c) => keyOf(c) === activeKey);
    const total = list.length + (has ? 0 : 1);
    const overIndex = overId !== undefined && overId !== null && !isColumnDndId(overId) ? list.findIndex((c) => keyOf(c) === String(overId)) : -1;
    const own = list.findIndex((c) => keyOf(c) === activeKey);
    return { position: (overIndex >= 0 ? overIndex : own >= 0 ? own : list.length) + 1, total };
  };
  const nameOf = (id: UniqueIdentifier) => {
    const card = cardOf(colsRef.current, String(id));
    return card ? cardLabel(card) : String(id);
  };
  const titleOf = (columnId: string | null) => (columnId ? (columnById.get(columnId)?.title ?? columnId) : '');

  const announcements: Announcements = {
    onDragStart({ active }) {
      const col = columnOf(active.id)!;
      const p = position(col, String(active.id));
      return labels.announce.start(nameOf(active.id), titleOf(col), p.position, p.total);
    },
    onDragOver({ active, over }) {
      const first = justPickedUp.current;
      justPickedUp.current = false;
      if (first && over?.id === active.id) return undefined;
      const col = columnOf(over?.id);
      if (!col) return labels.announce.outside(nameOf(active.id));
      if (columnById.get(col)?.confirmOnly) return labels.announce.overConfirm(nameOf(active.id), titleOf(col));
      const p = position(col, String(active.id), over?.id);
      return labels.announce.over(nameOf(active.id), titleOf(col), p.position, p.total);
    },
    onDragEnd({ active, over }) {
      const col = columnOf(over?.id);
      if (col && columnById.get(col)?.confirmOnly) return labels.announce.endConfirm(nameOf(active.id), titleOf(col));
      if (!col) return labels.announce.cancel(nameOf(active.id), titleOf(origin.current?.columnId ?? columnOf(active.id)));
      const p = position(col, String(active.id), over?.id);
      return labels.announce.end(nameOf(active.id), titleOf(col), p.position, p.total);
    },
    onDragCancel({ active }) {
      return labels.announce.cancel(nameOf(active.id), titleOf(origin.current?.columnId ?? columnOf(active.id)));
    },
  };

  /** Sends a move the screen already shows; puts the card back if the server says no. */
  const commit = useCallback(
    async (card: C, from: Placement, to: Placement) => {
      const id = keyOf(card);
      setPending((s) => new Set(s).add(id));
      let result: KanbanMoveResult<C>;
      try {
        result = await onMove({ card, from, to });
      } catch {
        result = { ok: false, message: labels.failed };
      }
      setPending((s) => {
        const n = new Set(s);
        n.delete(id);
        return n;
      });
      if (result.ok) {
        if (result.card) setCols((c) => replaceCard(c, result.card as C));
      } else {
        setCols((c) => restoreCard(c, id, from));
        setMessage(result.message);
      }
    },
    [onMove, labels.failed],
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(String(active.id));
    setMessage(null);
    justPickedUp.current = true;
    origin.current = placementOf(colsRef.current, String(active.id));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const to = columnOf(over?.id);
    setOverColumn(to);
    const was = origin.current;
    if (!to || !was) return;
    const id = String(active.id);
    const at = columnOf(id);
    if (columnById.get(to)?.confirmOnly) {
      // Hovering won/lost: the card stays home until the drop (which only asks to confirm).
      if (at !== was.columnId) setCols((c) => restoreCard(c, id, was));
      return;
    }
    if (!at || at === to || !over) return;
    setCols((c) => {
      const target = c[to] ?? [];
      let index = target.length;
      if (!isColumnDndId(over.id)) {
        const overIndex = target.findIndex((x) => keyOf(x) === String(over.id));
        const translated = active.rect.current.translated;
        const below = translated && translated.top > over.rect.top + over.rect.height / 2;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      }
      movedToNewColumn.current = true;
      return moveCard(c, id, to, index);
    });
  };

  const finish = () => {
    setActiveId(null);
    setOverColumn(null);
    lastOverId.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const was = origin.current;
    origin.current = null;
    finish();
    const to = columnOf(over?.id);
    if (!was) return;
    const card = cardOf(colsRef.current, id);
    if (!to || !card) {
      setCols((c) => restoreCard(c, id, was));
      return;
    }
    if (columnById.get(to)?.confirmOnly) {
      setCols((c) => restoreCard(c, id, was));
      onConfirmDrop?.(card, to);
      return;
    }
    // Within the column the card is in now: its place among the others.
    let next = colsRef.current;
    const at = columnOf(id);
    if (at && over && !isColumnDndId(over.id) && String(over.id) !== id) {
      const list = next[at];
      const overIndex = list.findIndex((x) => keyOf(x) === String(over.id));
      if (overIndex >= 0) next = moveCard(next, id, at, overIndex);
    }
    setCols(next);
    const now = placementOf(next, id);
    if (now && !samePlace(was, now)) void commit(card, was, now);
  };

  const onDragCancel = () => {
    const was = origin.current;
    origin.current = null;
    if (activeId && was) setCols((c) => restoreCard(c, activeId, was));
    finish();
  };

  /** The "move to" form with JavaScript: the same optimistic move, to the end of the chosen column. */
  const onMoveFormSubmit = (e: FormEvent<HTMLFormElement>, card: C) => {
    e.preventDefault();
    const to = String(new FormData(e.currentTarget).get(moveForm?.fieldName ?? 'columnId') ?? '');
    const id = keyOf(card);
    const was = placementOf(colsRef.current, id);
    if (!was || !columnById.has(to) || to === was.columnId) return;
    setMessage(null);
    if (columnById.get(to)?.confirmOnly) {
      onConfirmDrop?.(card, to);
      return;
    }
    const next = moveBefore(colsRef.current, id, to, null);
    setCols(next);
    const now = placementOf(next, id);
    if (now) void commit(card, was, now);
  };

  const loadMore = async (columnId: string) => {
    const cursor = cursors[columnId];
    if (!cursor || !onLoadMore) return;
    setLoading((l) => ({ ...l, [columnId]: true }));
    try {
      const page = await onLoadMore(columnId, cursor);
      setCols((c) => appendCards(c, columnId, page.cards));
      setCursors((c) => ({ ...c, [columnId]: page.nextCursor }));
    } catch {
      setMessage(labels.failed);
    } finally {
      setLoading((l) => ({ ...l, [columnId]: false }));
    }
  };

  const activeCard = activeId ? cardOf(cols, activeId) : null;
  const activeColumn = activeId ? columnOf(activeId) : null;

  return (
    <section aria-label={props.label}>
      {message ? (
        <div role="alert" className="mb-4 flex items-start justify-between gap-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
          <p>{message}</p>
          <button type="button" onClick={() => setMessage(null)} className="shrink-0 rounded px-2 font-semibold hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-600">
            {labels.dismiss}
          </button>
        </div>
      ) : null}
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={collisionDetection}
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={{ announcements, screenReaderInstructions: { draggable: labels.instructions } }}
      >
        <div className="flex items-start gap-4 overflow-x-auto pb-4" data-kanban-board>
          {columns.map((column) => {
            const list = cols[column.id] ?? [];
            const cursor = cursors[column.id];
            return (
              <KanbanColumnView key={column.id} column={column} highlight={overColumn === column.id && !!activeId} confirmHint={overColumn === column.id && !!activeId && !!column.confirmOnly && activeColumn !== column.id} labels={labels}>
                <SortableContext id={column.id} items={list.map(keyOf)} strategy={verticalListSortingStrategy}>
                  <ul className="flex min-h-16 flex-col gap-2" aria-label={column.title}>
                    {list.map((card) => (
                      <SortableCard
                        key={keyOf(card)}
                        id={keyOf(card)}
                        draggable={hydrated && canDrag(card, column.id)}
                        droppable={!column.confirmOnly}
                        busy={pending.has(keyOf(card))}
                        handleLabel={labels.dragHandle(cardLabel(card))}
                        movingLabel={labels.moving}
                      >
                        {renderCard(card, column.id)}
                        {moveForm && canDrag(card, column.id) ? (
                          <MoveForm card={card} columnId={column.id} columns={columns} form={moveForm} labels={labels} cardLabel={cardLabel(card)} onSubmit={hydrated ? (e) => onMoveFormSubmit(e, card) : undefined} />
                        ) : null}
                      </SortableCard>
                    ))}
                  </ul>
                </SortableContext>
                {list.length === 0 ? <p className="px-1 py-2 text-sm text-slate-600">{labels.empty}</p> : null}
                {cursor ? (
                  hydrated && onLoadMore ? (
                    <button
                      type="button"
                      onClick={() => void loadMore(column.id)}
                      disabled={loading[column.id]}
                      className="mt-2 w-full rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-white focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-60"
                    >
                      {loading[column.id] ? labels.loading : labels.loadMore}
                    </button>
                  ) : column.moreHref ? (
                    <a href={column.moreHref} className="mt-2 block w-full rounded-md px-3 py-2 text-center text-sm font-medium text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-white">
                      {labels.loadMore}
                    </a>
                  ) : null
                ) : null}
              </KanbanColumnView>
            );
          })}
        </div>
        <DragOverlay dropAnimation={null}>
          {activeCard && activeColumn ? <div className="rounded-lg bg-white p-3 shadow-lg ring-1 ring-brand-300">{renderCard(activeCard, activeColumn)}</div> : null}
        </DragOverlay>
      </DndContext>
    </section>
  );
}

function KanbanColumnView({ column, highlight, confirmHint, labels, children }: { column: KanbanColumn; highlight: boolean; confirmHint: boolean; labels: KanbanLabels; children: ReactNode }) {
  const { setNodeRef } = useDroppable({ id: columnDndId(column.id), data: { columnId: column.id } });
  const headingId = `kanban-col-${column.id}`;
  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-labelledby={headingId}
      data-column-id={column.id}
      className={cn(
        'flex w-64 shrink-0 flex-col rounded-xl border-t-4 bg-slate-100 p-3 ring-1 ring-slate-200 transition-shadow',
        column.accentClass ?? 'border-t-slate-400',
        highlight && 'ring-2 ring-brand-400',
        confirmHint && 'ring-2 ring-amber-500',
      )}
    >
      <div className="mb-3">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {column.title}
        </h2>
        {column.header ? <div className="mt-1 text-xs text-slate-600">{column.header}</div> : null}
        {column.note ? <div className="mt-1 text-xs text-slate-600">{column.note}</div> : null}
      </div>
      {children}
      {confirmHint ? <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs font-medium text-amber-900">{labels.dropToConfirm}</p> : null}
    </div>
  );
}

function SortableCard({ id, draggable, droppable, busy, handleLabel, movingLabel, children }: { id: CardKey; draggable: boolean; droppable: boolean; busy: boolean; handleLabel: string; movingLabel: string; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: { draggable: !draggable, droppable: !droppable } });
  // The whole card starts a mouse/touch drag (but not its links and form controls); the keyboard uses the handle.
  const onPointerDown = (e: PointerEvent<HTMLLIElement>) => {
    if ((e.target as HTMLElement).closest('a, button:not([data-drag-handle]), input, select, textarea, summary, label')) return;
    listeners?.onPointerDown?.(e);
  };
  return (
    <li
      ref={setNodeRef}
      data-card-id={id}
      aria-busy={busy || undefined}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onPointerDown={draggable ? onPointerDown : undefined}
      className={cn('relative rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200', draggable && 'cursor-grab touch-manipulation', isDragging && 'opacity-40', busy && 'opacity-70')}
    >
      {draggable ? (
        <button
          type="button"
          ref={setActivatorNodeRef}
          data-drag-handle
          {...attributes}
          onKeyDown={listeners?.onKeyDown as KeyboardEventHandler<HTMLButtonElement> | undefined}
          aria-label={handleLabel}
          className="absolute top-2 right-2 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <circle cx="7" cy="5" r="1.5" />
            <circle cx="13" cy="5" r="1.5" />
            <circle cx="7" cy="10" r="1.5" />
            <circle cx="13" cy="10" r="1.5" />
            <circle cx="7" cy="15" r="1.5" />
            <circle cx="13" cy="15" r="1.5" />
          </svg>
        </button>
      ) : null}
      {children}
      {busy ? <span className="sr-only">{movingLabel}</span> : null}
    </li>
  );
}

function MoveForm<C extends CardLike>({
  card,
  columnId,
  columns,
  form,
  labels,
  cardLabel,
  onSubmit,
}: {
  card: C;
  columnId: string;
  columns: KanbanColumn[];
  form: NonNullable<KanbanBoardProps<C>['moveForm']>;
  labels: KanbanLabels;
  cardLabel: string;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
}) {
  const selectId = `kanban-move-${keyOf(card)}`;
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{labels.moveTo}</summary>
      <form action={form.action} onSubmit={onSubmit} className="mt-2 flex items-end gap-2">
        <input type="hidden" name={form.idName ?? 'id'} value={keyOf(card)} />
        {Object.entries(form.fields ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label htmlFor={selectId} className="sr-only">
          {labels.moveToLabel(cardLabel)}
        </label>
        <select id={selectId} name={form.fieldName ?? 'columnId'} defaultValue={columnId} className="min-w-0 flex-1 rounded-md border-0 py-1.5 pr-8 pl-2 text-xs text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600">
          {columns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.confirmOnly ? labels.confirmChoice(c.title) : c.title}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded-md bg-white px-2.5 py-1.5 text-xs font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
          {labels.moveSubmit}
        </button>
      </form>
    </details>
  );
}
