'use client';

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslations } from 'next-intl';
import { startTransition, useEffect, useOptimistic, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { LeadStatusKind } from '@/db/schema/leads';
import type { StageColor } from '@/db/schema/opportunities';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { initialFormState } from '@/lib/forms';
import { KeepFocus } from '../../pipelines/_components/form-bits';
import { StageDot } from '../../pipelines/_components/stage-dot';
import { reorderLeadStatusesAction } from '../actions';
import { DeleteStatusForm, EditStatusForm, MakeNewForm, StepForm } from './status-forms';

export type StatusItem = { id: number; name: string; kind: LeadStatusKind; closed: boolean; color: StageColor; count: number };

const isPinned = (kind: LeadStatusKind) => kind === 'converted' || kind === 'lost';
const KIND_TONE = { new: 'blue', converted: 'green', lost: 'red' } as const;

/** True once hydrated: the drag handles only make sense with JavaScript. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * The lead statuses. The new and open ones are reordered by dragging their handle (pointer or keyboard: Space,
 * arrows, Space) — optimistic, rolled back with a message if the server refuses — or with the up/down buttons,
 * which post the same action and work without JavaScript. Converted and lost are listed last and never move.
 */
export function StatusList({ statuses, version }: { statuses: StatusItem[]; version: string }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const serverOrder = statuses.filter((s) => !isPinned(s.kind)).map((s) => s.id);
  const [order, setOrder] = useOptimistic(serverOrder);
  const [error, setError] = useState<string | null>(null);
  const moved = useRef(false);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const byId = new Map(statuses.map((s) => [s.id, s]));
  const movable = order.map((id) => byId.get(id)).filter((s): s is StatusItem => Boolean(s));
  const pinned = statuses.filter((s) => isPinned(s.kind));
  const nameOf = (id: UniqueIdentifier) => byId.get(Number(id))?.name ?? '';
  const positionOf = (id: UniqueIdentifier) => order.indexOf(Number(id)) + 1;
  const total = order.length;
  const say = (key: string, id: UniqueIdentifier, at: UniqueIdentifier = id) => t(`leadSettings.statuses.${key}`, { name: nameOf(id), position: positionOf(at), total });

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      moved.current = false;
      return say('pickedUp', active.id);
    },
    onDragOver: ({ active, over }) => {
      // The first "over" is the status itself, right after picking it up: let the pick-up be heard.
      if (!over || (!moved.current && over.id === active.id)) return undefined;
      moved.current = true;
      return say('over', active.id, over.id);
    },
    onDragEnd: ({ active, over }) => (over ? say('dropped', active.id, over.id) : say('cancelled', active.id)),
    onDragCancel: ({ active }) => say('cancelled', active.id),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const next = arrayMove(order, order.indexOf(Number(active.id)), order.indexOf(Number(over.id)));
    setError(null);
    startTransition(async () => {
      setOrder(next);
      const data = new FormData();
      for (const id of next) data.append('order', String(id));
      const res = await reorderLeadStatusesAction(initialFormState, data);
      // Refused: the optimistic order falls back to the server's when the transition ends.
      if (!res.ok) setError(res.message ?? t('errors.invalidForm'));
    });
  }

  const targets = (s: StatusItem) => movable.filter((o) => o.id !== s.id);

  return (
    <KeepFocus version={version}>
      {error ? (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      ) : null}
      <DndContext
        id="lead-statuses"
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('leadSettings.statuses.instructions') } }}
      >
        <ol className="divide-y divide-slate-100">
          <SortableContext items={order} strategy={verticalListSortingStrategy}>
            {movable.map((s, i) => (
              <SortableRow key={s.id} id={s.id} name={s.name} draggable={hydrated}>
                <StatusRow status={s} first={i === 0} last={i === movable.length - 1} targets={targets(s)} />
              </SortableRow>
            ))}
          </SortableContext>
          {pinned.map((s) => (
            <li key={s.id} id={`status-${s.id}`} className="scroll-mt-24 py-3">
              <div className="flex items-start gap-2">
                {hydrated ? <span className="inline-block w-8 shrink-0" aria-hidden="true" /> : null}
                <div className="min-w-0 flex-1">
                  <StatusRow status={s} first last targets={[]} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      </DndContext>
    </KeepFocus>
  );
}

function SortableRow({ id, name, draggable, children }: { id: number; name: string; draggable: boolean; children: ReactNode }) {
  const t = useTranslations();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
    attributes: { roleDescription: t('leadSettings.statuses.roleDescription') },
  });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} id={`status-${id}`} style={style} className={cn('scroll-mt-24 bg-white py-3', isDragging && 'relative z-10 rounded-lg shadow-lg ring-1 ring-slate-200')}>
      <div className="flex items-start gap-2">
        {draggable ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            data-drag-handle=""
            {...attributes}
            {...listeners}
            aria-label={t('leadSettings.statuses.handle', { name })}
            className="mt-0.5 inline-flex size-8 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 active:cursor-grabbing"
          >
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
              <path d="M7 4a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 4Zm0 6a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 10Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 4A1.25 1.25 0 1 1 13 4a1.25 1.25 0 0 1 2.5 0Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 16a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0Z" />
            </svg>
          </button>
        ) : null}
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </li>
  );
}

/** One status: colour, name, role, open or closed, use, its arrows, and what can be done with it. */
function StatusRow({ status: s, first, last, targets }: { status: StatusItem; first: boolean; last: boolean; targets: StatusItem[] }) {
  const t = useTranslations();
  const slot = <span className="inline-block w-9" aria-hidden="true" />;
  return (
    <>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <StageDot color={s.color} />
            <h3 className="font-medium text-slate-900">{s.name}</h3>
            {s.kind === 'open' ? null : <Badge tone={KIND_TONE[s.kind]}>{t(`leadSettings.statuses.kinds.${s.kind}`)}</Badge>}
            {s.kind === 'open' && s.closed ? <Badge>{t('leadSettings.statuses.closed')}</Badge> : null}
          </div>
          <p className="mt-0.5 text-sm text-slate-600">
            {t('leadSettings.statuses.usage', { count: s.count })}
            <span className="text-slate-500"> · {s.kind === 'open' ? t(s.closed ? 'leadSettings.statuses.closedHelp' : 'leadSettings.statuses.openHelp') : t(`leadSettings.statuses.kindHelp.${s.kind}`)}</span>
          </p>
        </div>
        {isPinned(s.kind) ? null : (
          <div className="flex items-center gap-1">
            {first ? slot : <StepForm statusId={s.id} name={s.name} direction="up" />}
            {last ? slot : <StepForm statusId={s.id} name={s.name} direction="down" />}
          </div>
        )}
      </div>
      <div className="mt-1 flex flex-wrap items-start gap-x-6 gap-y-2">
        <EditStatusForm id={s.id} name={s.name} color={s.color} closed={s.closed} kind={s.kind} />
        {s.kind === 'open' && !s.closed ? <MakeNewForm id={s.id} name={s.name} /> : null}
        {s.kind === 'open' ? <DeleteStatusForm id={s.id} name={s.name} count={s.count} targets={targets} /> : null}
      </div>
    </>
  );
}
