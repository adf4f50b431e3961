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
import { useFormatter, useTranslations } from 'next-intl';
import { startTransition, useEffect, useOptimistic, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { StageColor, StageKind } from '@/db/schema/opportunities';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { initialFormState } from '@/lib/forms';
import { reorderStagesAction } from '../actions';
import { KeepFocus } from './form-bits';
import { DeleteStageForm, EditStageForm, ProposalStageForm, StepForm } from './stage-forms';
import { StageDot } from './stage-dot';

export type StageItem = { id: number; name: string; kind: StageKind; color: StageColor; probability: number; count: number };

const isOpen = (kind: StageKind) => kind === 'open' || kind === 'proposal';
const KIND_TONE = { proposal: 'blue', won: 'green', lost: 'red' } as const;

/** True once hydrated: the drag handles only make sense with JavaScript. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * The stages of a pipeline. Open stages are reordered by dragging their handle (pointer or keyboard: Space,
 * arrows, Space) — optimistic, rolled back with a message if the server refuses — or with the up/down
 * buttons, which post the same action and work without JavaScript. Won and lost are listed last and never move.
 */
export function StageList({ pipelineId, stages, version }: { pipelineId: number; stages: StageItem[]; version: string }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const serverOrder = stages.filter((s) => isOpen(s.kind)).map((s) => s.id);
  const [order, setOrder] = useOptimistic(serverOrder);
  const [error, setError] = useState<string | null>(null);
  const moved = useRef(false);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const byId = new Map(stages.map((s) => [s.id, s]));
  const open = order.map((id) => byId.get(id)).filter((s): s is StageItem => Boolean(s));
  const closed = stages.filter((s) => !isOpen(s.kind));
  const nameOf = (id: UniqueIdentifier) => byId.get(Number(id))?.name ?? '';
  const positionOf = (id: UniqueIdentifier) => order.indexOf(Number(id)) + 1;
  const total = order.length;

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      moved.current = false;
      return t('pipelines.stages.pickedUp', { name: nameOf(active.id), position: positionOf(active.id), total });
    },
    onDragOver: ({ active, over }) => {
      // The first "over" is the stage itself, right after picking it up: let the pick-up be heard.
      if (!over || (!moved.current && over.id === active.id)) return undefined;
      moved.current = true;
      return t('pipelines.stages.over', { name: nameOf(active.id), position: positionOf(over.id), total });
    },
    onDragEnd: ({ active, over }) =>
      over ? t('pipelines.stages.dropped', { name: nameOf(active.id), position: positionOf(over.id), total }) : t('pipelines.stages.cancelled', { name: nameOf(active.id), position: positionOf(active.id), total }),
    onDragCancel: ({ active }) => t('pipelines.stages.cancelled', { name: nameOf(active.id), position: positionOf(active.id), total }),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const next = arrayMove(order, order.indexOf(Number(active.id)), order.indexOf(Number(over.id)));
    setError(null);
    startTransition(async () => {
      setOrder(next);
      const data = new FormData();
      data.set('pipelineId', String(pipelineId));
      for (const id of next) data.append('order', String(id));
      const res = await reorderStagesAction(initialFormState, data);
      // Refused: the optimistic order falls back to the server's when the transition ends.
      if (!res.ok) setError(res.message ?? t('errors.invalidForm'));
    });
  }

  const row = (s: StageItem, i: number) => (
    <StageRow
      stage={s}
      pipelineId={pipelineId}
      first={i === 0}
      last={i === open.length - 1}
      targets={open.filter((o) => o.id !== s.id)}
    />
  );

  return (
    <KeepFocus version={version}>
      {error ? (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      ) : null}
      <DndContext
        id={`stages-${pipelineId}`}
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('pipelines.stages.instructions') } }}
      >
        <ol className="divide-y divide-slate-100">
          <SortableContext items={order} strategy={verticalListSortingStrategy}>
            {open.map((s, i) => (
              <SortableRow key={s.id} id={s.id} name={s.name} draggable={hydrated}>
                {row(s, i)}
              </SortableRow>
            ))}
          </SortableContext>
          {closed.map((s) => (
            <li key={s.id} id={`stage-${s.id}`} className="scroll-mt-24 py-3">
              <div className="flex items-start gap-2">
                {hydrated ? <span className="inline-block w-8 shrink-0" aria-hidden="true" /> : null}
                <div className="min-w-0 flex-1">
                  <StageRow stage={s} pipelineId={pipelineId} first last targets={[]} />
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
    attributes: { roleDescription: t('pipelines.stages.roleDescription') },
  });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} id={`stage-${id}`} style={style} className={cn('scroll-mt-24 bg-white py-3', isDragging && 'relative z-10 rounded-lg shadow-lg ring-1 ring-slate-200')}>
      <div className="flex items-start gap-2">
        {draggable ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            data-drag-handle=""
            {...attributes}
            {...listeners}
            aria-label={t('pipelines.stages.handle', { name })}
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

/** One stage: colour, name, role, probability and use, its arrows, and what can be done with it. */
function StageRow({ stage: s, pipelineId, first, last, targets }: { stage: StageItem; pipelineId: number; first: boolean; last: boolean; targets: StageItem[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const slot = <span className="inline-block w-9" aria-hidden="true" />;
  return (
    <>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <StageDot color={s.color} />
            <h3 className="font-medium text-slate-900">{s.name}</h3>
            {s.kind === 'open' ? null : <Badge tone={KIND_TONE[s.kind]}>{t(`pipelines.stages.kinds.${s.kind}`)}</Badge>}
          </div>
          <p className="mt-0.5 text-sm text-slate-600">
            {t('pipelines.stages.probability', { value: format.number(s.probability / 100, { style: 'percent' }) })} · {t('pipelines.stages.usage', { count: s.count })}
            {s.kind === 'open' ? null : <span className="text-slate-500"> · {t(`pipelines.stages.kindHelp.${s.kind}`)}</span>}
          </p>
        </div>
        {isOpen(s.kind) ? (
          <div className="flex items-center gap-1">
            {first ? slot : <StepForm pipelineId={pipelineId} stageId={s.id} name={s.name} direction="up" />}
            {last ? slot : <StepForm pipelineId={pipelineId} stageId={s.id} name={s.name} direction="down" />}
          </div>
        ) : null}
      </div>
      <div className="mt-1 flex flex-wrap items-start gap-x-6 gap-y-2">
        <EditStageForm id={s.id} name={s.name} color={s.color} probability={s.probability} />
        {s.kind === 'open' ? <ProposalStageForm id={s.id} name={s.name} /> : null}
        {s.kind === 'open' ? <DeleteStageForm id={s.id} name={s.name} count={s.count} targets={targets} /> : null}
      </div>
    </>
  );
}
