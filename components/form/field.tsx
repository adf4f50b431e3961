'use client';

import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/input-class';
import { issueKey } from '@/lib/forms';
import { useServerFormState } from './action-form';


/** The error of a field, instant (client) or from the server: both are message keys. */
function useFieldError(name: string): string | undefined {
  const t = useTranslations();
  const server = useServerFormState();
  const form = useFormContext();
  const client = form?.formState.errors[name]?.message;
  const key = typeof client === 'string' ? client : server.fieldErrors?.[name];
  return key ? t(issueKey(key)) : undefined;
}

function useKeptValue(name: string): string | string[] | undefined {
  return useServerFormState().values?.[name];
}

function FieldShell({ id, label, hint, error, children, required }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; required?: boolean }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span aria-hidden="true" className="text-red-600"> *</span> : null}
      </label>
      <div className="mt-1.5">{children}</div>
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
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function TextField({
  name,
  label,
  hint,
  type = 'text',
  defaultValue,
  required,
  autoComplete,
  className,
  maxLength,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'date' | 'url' | 'tel';
  defaultValue?: string | null;
  required?: boolean;
  autoComplete?: string;
  className?: string;
  maxLength?: number;
}) {
  const id = useId();
  const error = useFieldError(name);
  const kept = useKeptValue(name);
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        type={type}
        {...registered}
        defaultValue={typeof kept === 'string' ? kept : (defaultValue ?? undefined)}
        required={required}
        aria-required={required || undefined}
        autoComplete={autoComplete}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(inputClass, className)}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  options,
  defaultValue,
  required,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  defaultValue?: string | null;
  required?: boolean;
}) {
  const id = useId();
  const error = useFieldError(name);
  const kept = useKeptValue(name);
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        {...registered}
        defaultValue={typeof kept === 'string' ? kept : (defaultValue ?? undefined)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * Several checkboxes sharing one name. Deliberately not registered with react-hook-form: a group registered
 * with uncontrolled defaults comes back all ticked. The server validates the choice.
 */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  defaultValues = [],
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  defaultValues?: string[];
}) {
  const id = useId();
  const error = useFieldError(name);
  const kept = useKeptValue(name);
  const checked = kept === undefined ? defaultValues : Array.isArray(kept) ? kept : [kept];
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
              className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
            />
            {o.label}
          </label>
        ))}
      </div>
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
    </fieldset>
  );
}

/** A file input: not validated in the browser, checked by the server. */
export function FileField({ name, label, hint, accept }: { name: string; label: ReactNode; hint?: ReactNode; accept?: string }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
      />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, defaultValue, rows = 4, maxLength }: { name: string; label: ReactNode; hint?: ReactNode; defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const id = useId();
  const error = useFieldError(name);
  const kept = useKeptValue(name);
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={rows}
        {...registered}
        defaultValue={typeof kept === 'string' ? kept : (defaultValue ?? undefined)}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClass}
      />
    </FieldShell>
  );
}

/** One checkbox with its label on the right. After a failed round trip it shows what was sent. */
export function CheckboxField({ name, label, hint, defaultChecked }: { name: string; label: ReactNode; hint?: ReactNode; defaultChecked?: boolean }) {
  const id = useId();
  const error = useFieldError(name);
  const server = useServerFormState();
  const kept = server.values ? server.values[name] === 'on' : undefined;
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  return (
    <div>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          {...registered}
          defaultChecked={kept ?? defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
        />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 ml-6 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 ml-6 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A hidden value the schema checks (e.g. a record's version): registered so instant validation sees it. */
export function HiddenField({ name, value }: { name: string; value: string | number }) {
  const form = useFormContext();
  const registered = form ? form.register(name) : { name };
  return <input type="hidden" {...registered} defaultValue={String(value)} />;
}
