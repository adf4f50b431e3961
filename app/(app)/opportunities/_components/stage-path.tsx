'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { cn } from '@/components/ui/cn';
import type { OpportunityStatus, StageKind } from '@/db/schema';
import { moveOpportunityAction } from '../actions';

export type PathStage = { id: number; name: string; kind: StageKind };

const base = 'inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset';

/**
 * The stage bar of an opportunity (seed 002: "passez d'un statut à l'autre en cliquant sur le statut"):
 * each open stage is a submit button of one form posting the move; won and lost lead to the confirm step.
 */
export function StagePath({ id, stages, currentId, status, editable }: { id: number; stages: PathStage[]; currentId: number; status: OpportunityStatus; editable: boolean }) {
  const t = useTranslations();
  const currentIndex = stages.findIndex((s) => s.id === currentId);
  const open = status === 'open';
  return (
    <ActionForm action={moveOpportunityAction} aria-labelledby="stage-path-title" className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <h2 id="stage-path-title" className="sr-only">
        {t('opportunities.path.title')}
      </h2>
      <ol className="flex flex-wrap items-center gap-2">
        {stages.map((s, i) => {
          const current = s.id === currentId;
          const passed = open && i < currentIndex && (s.kind === 'open' || s.kind === 'proposal');
          const closing = s.kind === 'won' || s.kind === 'lost';
          const tone = current
            ? s.kind === 'won'
              ? 'bg-emerald-700 text-white ring-emerald-700'
              : s.kind === 'lost'
                ? 'bg-red-700 text-white ring-red-700'
                : 'bg-brand-600 text-white ring-brand-600'
            : passed
              ? 'bg-brand-50 text-brand-800 ring-brand-200'
              : s.kind === 'won'
                ? 'bg-white text-emerald-800 ring-emerald-300'
                : s.kind === 'lost'
                  ? 'bg-white text-red-800 ring-red-300'
                  : 'bg-white text-slate-700 ring-slate-300';
          let item;
          if (current) {
            item = (
              <span aria-current="step" className={cn(base, tone)}>
                {s.name}
                <span className="sr-only"> {t('opportunities.path.current')}</span>
              </span>
            );
          } else if (editable && open && closing) {
            item = (
              <Link href={`/opportunities/${id}/close?outcome=${s.kind}`} className={cn(base, tone, 'hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600')}>
                {s.name}
                <span className="sr-only"> {t('opportunities.path.confirmStep')}</span>
              </Link>
            );
          } else if (editable && open) {
            item = (
              <button type="submit" name="stageId" value={s.id} className={cn(base, tone, 'hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600')}>
                {s.name}
              </button>
            );
          } else {
            item = <span className={cn(base, tone, 'bg-slate-50 text-slate-600 ring-slate-200')}>{s.name}</span>;
          }
          return (
            <li key={s.id} className="flex items-center gap-2">
              {i > 0 ? (
                <span aria-hidden="true" className="text-slate-400">
                  ›
                </span>
              ) : null}
              {item}
            </li>
          );
        })}
      </ol>
      {editable && open ? <p className="text-xs text-slate-500">{t('opportunities.path.help')}</p> : null}
    </ActionForm>
  );
}
