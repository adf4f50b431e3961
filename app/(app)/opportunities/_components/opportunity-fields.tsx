'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { useServerFormState } from '@/components/form/action-form';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/input-class';
import { issueKey } from '@/lib/forms';

// Fields the shared components/form ones don't cover (decimal keyboard, grouped stages, stars, contacts with
// a primary one). They are wired the same way: label, hint and error tied by aria, instant (client) or
// server error keys, values kept after a failed round trip.

function useFieldError(name: string): string | undefined {
  const t = useTranslations();
  const server = useServerFormState();
  const form = useFormContext();
  const client = form?.formState.errors[name]?.message;
  const key = typeof client === 'string' ? client : server.fieldErrors?.[name];
  return key ? t(issueKey(key)) : undefined;
}

function useKept(name: string): string | string[] | undefined {
  return useServerFormState().values?.[name];
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Help({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Shell({ id, label, hint, error, required, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; required?: boolean; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span aria-hidden="true" className="text-red-600"> *</span> : null}
      </label>
      <div className="mt-1.5">{children}</div>
      <Help id={id} hint={hint} error={error} />
    </div>
  );
}

/** A text input for a number (an amount, a percentage): the decimal keyboard on phones, parsed by the schema. */
export function NumberField({
  name,
  label,
  hint,
  defaultValue,
  placeholder,
  required,
  inputMode = 'decimal',
  suffix,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  defaultValue?: string | null;
  placeholder?: string;
  required?: boolean;
  inputMode?: 'decimal' | 'numeric';
  suffix?: string;
}) {
  const id = useId();
  const error = useFieldError(name);
  const kept = useKept(name);
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  return (
    <Shell id={id} label={label} hint={hint} error={error} required={required}>
      <div className="relative">
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          {...registered}
          defaultValue={typeof kept === 'string' ? kept : (defaultValue ?? undefined)}
          placeholder={placeholder}
          required={required}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          className={cn(inputClass, 'tabular-nums', suffix ? 'pr-14' : null)}
        />
        {suffix ? (
          <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-500">
            {suffix}
          </span>
        ) : null}
      </div>
    </Shell>
  );
}

export type StageGroup = { pipelineId: string; label: string; stages: { value: string; label: string }[] };

/**
 * The stage, grouped by pipeline. Without JavaScript every pipeline's stages are offered (the server checks
 * the stage belongs to the chosen pipeline); with it, only those of the chosen pipeline.
 */
export function StageSelect({ name, label, hint, groups, pipelineId, emptyLabel, defaultValue }: { name: string; label: ReactNode; hint?: ReactNode; groups: StageGroup[]; pipelineId: string; emptyLabel: string; defaultValue?: string }) {
  const id = useId();
  const error = useFieldError(name);
  const kept = useKept(name);
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const shown = hydrated ? groups.filter((g) => g.pipelineId === pipelineId) : groups;
  // A stage of another pipeline can't stay chosen when the pipeline changes.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const current = form?.getValues(name);
    const group = groups.find((g) => g.pipelineId === pipelineId);
    if (form && current && !group?.stages.some((s) => s.value === current)) form.setValue(name, '');
  }, [pipelineId, form, groups, name]);
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        {...registered}
        defaultValue={typeof kept === 'string' ? kept : (defaultValue ?? '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass}
      >
        <option value="">{emptyLabel}</option>
        {shown.map((g) => (
          <optgroup key={g.pipelineId} label={g.label}>
            {g.stages.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Shell>
  );
}

// Whole class names so Tailwind sees them: star n is lit when any score from n to 5 is checked.
const LIT = [
  '',
  'group-has-[input[value="1"]:checked]:text-amber-500 group-has-[input[value="2"]:checked]:text-amber-500 group-has-[input[value="3"]:checked]:text-amber-500 group-has-[input[value="4"]:checked]:text-amber-500 group-has-[input[value="5"]:checked]:text-amber-500',
  'group-has-[input[value="2"]:checked]:text-amber-500 group-has-[input[value="3"]:checked]:text-amber-500 group-has-[input[value="4"]:checked]:text-amber-500 group-has-[input[value="5"]:checked]:text-amber-500',
  'group-has-[input[value="3"]:checked]:text-amber-500 group-has-[input[value="4"]:checked]:text-amber-500 group-has-[input[value="5"]:checked]:text-amber-500',
  'group-has-[input[value="4"]:checked]:text-amber-500 group-has-[input[value="5"]:checked]:text-amber-500',
  'group-has-[input[value="5"]:checked]:text-amber-500',
];

/** The score, 0 to 5 stars: a native radio group (arrow keys move, the label says the number). */
export function ScoreField({ name, legend, hint, defaultValue = 0 }: { name: string; legend: ReactNode; hint?: ReactNode; defaultValue?: number }) {
  const t = useTranslations();
  const id = useId();
  const error = useFieldError(name);
  const kept = useKept(name);
  const initial = typeof kept === 'string' && /^[0-5]$/.test(kept) ? Number(kept) : defaultValue;
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      <div className="group mt-1.5 flex items-center gap-1">
        {[0, 1, 2, 3, 4, 5].map((n) => (
          <label
            key={n}
            className={cn(
              'relative cursor-pointer rounded-md has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-brand-600',
              n === 0 ? 'mr-2 px-2 py-1 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset has-[:checked]:bg-slate-100 has-[:checked]:font-semibold' : 'px-0.5 text-2xl leading-none text-slate-300',
              LIT[n],
            )}
          >
            {/* Transparent over its star: the star is what is clicked, the radio what is focused and read. */}
            <input type="radio" name={name} value={n} defaultChecked={n === initial} className="absolute inset-0 m-0 size-full cursor-pointer opacity-0" />
            {n === 0 ? t('opportunities.score.none') : <span aria-hidden="true">★</span>}
            {n === 0 ? null : <span className="sr-only">{t('opportunities.score.stars', { n })}</span>}
          </label>
        ))}
      </div>
      <Help id={id} hint={hint} error={error} />
    </fieldset>
  );
}

export type ContactOption = { id: number; name: string };

/**
 * The opportunity's contacts (checkboxes) and which one is primary (radios). Not registered with
 * react-hook-form (the server validates the choice); choosing a primary contact ticks it.
 */
export function ContactsField({ legend, hint, contacts, defaultIds, defaultPrimary, emptyText }: { legend: ReactNode; hint?: ReactNode; contacts: ContactOption[]; defaultIds: number[]; defaultPrimary: number | null; emptyText: ReactNode }) {
  const t = useTranslations();
  const id = useId();
  const contactsError = useFieldError('contactIds');
  const primaryError = useFieldError('primaryContactId');
  const error = contactsError ?? primaryError;
  const kept = useKept('contactIds');
  const keptPrimary = useKept('primaryContactId');
  const server = useServerFormState();
  const checked = server.values ? (kept === undefined ? [] : Array.isArray(kept) ? kept : [kept]) : defaultIds.map(String);
  const primary = server.values ? (typeof keptPrimary === 'string' ? keptPrimary : '') : defaultPrimary ? String(defaultPrimary) : '';
  const boxes = useRef(new Map<number, HTMLInputElement>());
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      {contacts.length === 0 ? (
        <p className="mt-1.5 text-sm text-slate-600">{emptyText}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {contacts.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-4 px-3 py-2">
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="contactIds"
                  value={c.id}
                  defaultChecked={checked.includes(String(c.id))}
                  ref={(el) => {
                    if (el) boxes.current.set(c.id, el);
                    else boxes.current.delete(c.id);
                  }}
                  className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                />
                {c.name}
              </label>
              <label className="flex items-center gap-1.5 text-xs text-slate-600">
                <input
                  type="radio"
                  name="primaryContactId"
                  value={c.id}
                  defaultChecked={primary === String(c.id)}
                  onChange={() => {
                    const box = boxes.current.get(c.id);
                    if (box) box.checked = true;
                  }}
                  className="size-4 border-slate-300 text-brand-600 focus:ring-brand-600"
                />
                <span aria-hidden="true">{t('opportunities.fields.primary')}</span>
                <span className="sr-only">{t('opportunities.fields.primaryOf', { name: c.name })}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <Help id={id} hint={hint} error={error} />
    </fieldset>
  );
}
