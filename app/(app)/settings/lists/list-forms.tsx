'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import type { RefKind } from '@/db/schema/customers';
import { ActionForm, useServerFormState } from '@/components/form/action-form';
import { SelectField, TextField } from '@/components/form/field';
import { FormDetails } from '@/components/form/form-details';
import { SubmitButton } from '@/components/form/submit-button';
import { cn } from '@/components/ui/cn';
import { REF_NAME_MAX, TAG_COLORS, refValueSchema, tagSchema, type MoveDirection, type TagColor } from '@/lib/reference/schema';
import {
  createRefValueAction,
  createTagAction,
  moveRefValueAction,
  moveTagAction,
  renameRefValueAction,
  setRefValueRetiredAction,
  setTagRetiredAction,
  updateTagAction,
} from './actions';

/** Empties an add form once its value is saved, so the next one can be typed (the message stays). */
function ResetOnSuccess() {
  const state = useServerFormState();
  const form = useFormContext();
  const handled = useRef(state);
  useEffect(() => {
    // Once per answer: the effect also runs on the re-renders that typing causes.
    if (handled.current === state) return;
    handled.current = state;
    if (state.ok) form?.reset();
  }, [state, form]);
  return null;
}

/**
 * Without JavaScript a refused post reloads the page at its top, far from the form: the fields of the form
 * that failed take the focus on load (autofocus), which scrolls them, their errors and the alert into view.
 */
function FocusOnRefusal({ children, className }: { children: ReactNode; className?: string }) {
  const state = useServerFormState();
  const refused = !state.ok && (Boolean(state.message) || Object.keys(state.fieldErrors ?? {}).length > 0);
  return (
    <div tabIndex={refused ? -1 : undefined} autoFocus={refused || undefined} className={cn('focus:outline-none', className)}>
      {children}
    </div>
  );
}

function useColorOptions() {
  const t = useTranslations();
  return TAG_COLORS.map((c) => ({ value: c, label: t(`reference.colors.${c}`) }));
}

export function NewRefValueForm({ kind }: { kind: RefKind }) {
  const t = useTranslations();
  return (
    <ActionForm action={createRefValueAction} schema={refValueSchema} className="space-y-3">
      <ResetOnSuccess />
      <input type="hidden" name="kind" value={kind} />
      <FocusOnRefusal className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField name="name" label={t(`reference.kinds.${kind}.new`)} required maxLength={REF_NAME_MAX} autoComplete="off" />
        </div>
        <SubmitButton variant="secondary">{t('reference.add')}</SubmitButton>
      </FocusOnRefusal>
    </ActionForm>
  );
}

export function NewTagForm() {
  const t = useTranslations();
  const colors = useColorOptions();
  return (
    <ActionForm action={createTagAction} schema={tagSchema} className="space-y-3">
      <ResetOnSuccess />
      <FocusOnRefusal className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField name="name" label={t('reference.kinds.tag.new')} required maxLength={REF_NAME_MAX} autoComplete="off" />
        </div>
        <div className="w-40">
          <SelectField name="color" label={t('reference.color')} options={colors} defaultValue="slate" required />
        </div>
        <SubmitButton variant="secondary">{t('reference.add')}</SubmitButton>
      </FocusOnRefusal>
    </ActionForm>
  );
}

/** The edit toggle: a short visible label, and the value's name for screen readers. */
function EditSummary({ label, srLabel }: { label: string; srLabel: string }) {
  return (
    <>
      <span aria-hidden="true">{label}</span>
      <span className="sr-only">{srLabel}</span>
    </>
  );
}

export function RenameRefValueForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={renameRefValueAction} schema={refValueSchema} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<EditSummary label={t('reference.rename')} srLabel={t('reference.renameNamed', { name })} />}>
        <FocusOnRefusal className="max-w-md space-y-3">
          <TextField name="name" label={t('reference.newName')} defaultValue={name} required maxLength={REF_NAME_MAX} autoComplete="off" />
          <SubmitButton variant="secondary">{t('common.save')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}

export function EditTagForm({ id, name, color }: { id: number; name: string; color: TagColor }) {
  const t = useTranslations();
  const colors = useColorOptions();
  return (
    <ActionForm action={updateTagAction} schema={tagSchema} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<EditSummary label={t('reference.edit')} srLabel={t('reference.editNamed', { name })} />}>
        <FocusOnRefusal className="max-w-md space-y-3">
          <TextField name="name" label={t('reference.newName')} defaultValue={name} required maxLength={REF_NAME_MAX} autoComplete="off" />
          <SelectField name="color" label={t('reference.color')} options={colors} defaultValue={color} required />
          <SubmitButton variant="secondary">{t('common.save')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}

function Chevron({ direction }: { direction: MoveDirection }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
      <path
        fillRule="evenodd"
        clipRule="evenodd"
        d={
          direction === 'up'
            ? 'M10 6a.75.75 0 0 1 .53.22l5 5a.75.75 0 1 1-1.06 1.06L10 7.81l-4.47 4.47a.75.75 0 0 1-1.06-1.06l5-5A.75.75 0 0 1 10 6Z'
            : 'M10 14a.75.75 0 0 1-.53-.22l-5-5a.75.75 0 0 1 1.06-1.06L10 12.19l4.47-4.47a.75.75 0 1 1 1.06 1.06l-5 5A.75.75 0 0 1 10 14Z'
        }
      />
    </svg>
  );
}

type Area = 'ref' | 'tag';

// The control last pressed: module state, because the redirect after a change mounts the page afresh.
let pending: { row: string; control: string } | null = null;

/**
 * After a move, a retirement or a rename the page is rendered anew and the pressed button has lost the
 * focus. With JavaScript this puts it back on the same control of the same row (the other arrow when the
 * row reached an end; the edit toggle after a rename). Without JavaScript the redirect's #anchor brings
 * the reader back to the row. `version` changes whenever the lists do.
 */
export function KeepFocus({ version, children }: { version: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Which control of which row is being pressed (every form of the page submits through here).
    const remember = (event: Event) => {
      const form = event.target as HTMLFormElement;
      const row = form.closest('li[id]');
      const control =
        form.querySelector<HTMLInputElement>('input[name="direction"]')?.value ??
        (form.querySelector('input[name="retired"]') ? 'retired' : form.querySelector('details') ? 'edit' : null);
      pending = row && control ? { row: row.id, control } : null;
    };
    el.addEventListener('submit', remember, true);
    return () => el.removeEventListener('submit', remember, true);
  }, []);

  useEffect(() => {
    const p = pending;
    pending = null;
    const row = p && document.getElementById(p.row);
    if (!p || !row) return;
    const button = (name: string, value?: string) =>
      row.querySelector<HTMLButtonElement>(`form:has(input[name="${name}"]${value ? `[value="${value}"]` : ''}) button[type="submit"]`);
    let target: HTMLElement | null = null;
    if (p.control === 'up' || p.control === 'down') target = button('direction', p.control) ?? button('direction');
    else if (p.control === 'retired') target = button('retired');
    else if (p.control === 'edit') target = row.querySelector<HTMLElement>('summary');
    // A button is disabled while its form is pending and cannot take the focus then: wait a little.
    let frames = 60;
    const tryFocus = () => {
      if (!target || !target.isConnected) return;
      if (target.matches(':disabled') && frames-- > 0) frame = requestAnimationFrame(tryFocus);
      else target.focus();
    };
    let frame = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(frame);
  }, [version]);

  return <div ref={box}>{children}</div>;
}

/** One step up or down the list. */
export function MoveForm({ area, id, name, direction }: { area: Area; id: number; name: string; direction: MoveDirection }) {
  const t = useTranslations();
  return (
    <ActionForm action={area === 'ref' ? moveRefValueAction : moveTagAction} className="space-y-0">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton variant="ghost" className="px-2">
        <Chevron direction={direction} />
        <span className="sr-only">{t(direction === 'up' ? 'reference.moveUp' : 'reference.moveDown', { name })}</span>
      </SubmitButton>
    </ActionForm>
  );
}

export function RetireForm({ area, id, name, retired }: { area: Area; id: number; name: string; retired: boolean }) {
  const t = useTranslations();
  return (
    <ActionForm action={area === 'ref' ? setRefValueRetiredAction : setTagRetiredAction} className="space-y-0">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="retired" value={retired ? 'false' : 'true'} />
      <SubmitButton variant={retired ? 'secondary' : 'ghost'} className="w-24">
        <span aria-hidden="true">{retired ? t('reference.restore') : t('reference.retire')}</span>
        <span className="sr-only">{retired ? t('reference.restoreNamed', { name }) : t('reference.retireNamed', { name })}</span>
      </SubmitButton>
    </ActionForm>
  );
}
