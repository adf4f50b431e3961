'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { cn } from '@/components/ui/cn';
import type { LeadStatusKind, StageColor } from '@/db/schema';
import { StageDot } from '../../settings/pipelines/_components/stage-dot';
import { moveLeadAction } from '../actions';

export type BarStatus = { id: number; name: string; kind: LeadStatusKind; color: StageColor };

const base = 'inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset';

/**
 * The status bar of a lead (seed 002: "passez d'un statut à l'autre en cliquant sur le statut"): each open
 * status is a submit button of one form posting the move. Converted and Lost are never clicked: they are
 * reached with the Convert and Lose buttons.
 */
export function LeadStatusBar({ id, statuses, currentId, editable }: { id: number; statuses: BarStatus[]; currentId: number; editable: boolean }) {
  const t = useTranslations();
  return (
    <ActionForm action={moveLeadAction} aria-labelledby="status-bar-title" className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <h2 id="status-bar-title" className="sr-only">
        {t('leads.statusBar.title')}
      </h2>
      <ol className="flex flex-wrap items-center gap-2">
        {statuses.map((s, i) => {
          const current = s.id === currentId;
          const terminal = s.kind === 'converted' || s.kind === 'lost';
          let item;
          if (current) {
            item = (
              <span aria-current="step" className={cn(base, s.kind === 'converted' ? 'bg-emerald-700 text-white ring-emerald-700' : s.kind === 'lost' ? 'bg-red-700 text-white ring-red-700' : 'bg-brand-600 text-white ring-brand-600')}>
                <StageDot color={s.color} className="ring-white/60" />
                {s.name}
                <span className="sr-only"> {t('leads.statusBar.current')}</span>
              </span>
            );
          } else if (terminal) {
            item = (
              <span className={cn(base, 'bg-slate-50 text-slate-600 ring-slate-200')}>
                <StageDot color={s.color} />
                {s.name}
                {editable ? <span className="sr-only"> {t(s.kind === 'converted' ? 'leads.statusBar.useConvert' : 'leads.statusBar.useLose')}</span> : null}
              </span>
            );
          } else if (editable) {
            item = (
              <button type="submit" name="statusId" value={s.id} className={cn(base, 'bg-white text-slate-700 ring-slate-300 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600')}>
                <StageDot color={s.color} />
                {s.name}
              </button>
            );
          } else {
            item = (
              <span className={cn(base, 'bg-slate-50 text-slate-600 ring-slate-200')}>
                <StageDot color={s.color} />
                {s.name}
              </span>
            );
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
      {editable ? <p className="text-xs text-slate-500">{t('leads.statusBar.help')}</p> : null}
    </ActionForm>
  );
}
