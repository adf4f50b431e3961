'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { useServerFormState } from '@/components/form/action-form';
import { cn } from '@/components/ui/cn';
import type { MoveDirection } from '@/lib/pipelines/schema';

/** Empties an add form once its value is saved, so the next one can be typed (the message stays). */
export function ResetOnSuccess() {
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
 * Without JavaScript a refused post reloads the page at its top, far from the form: the form that failed
 * takes the focus on load (autofocus), which scrolls it, its errors and its alert into view.
 */
export function FocusOnRefusal({ children, className }: { children: ReactNode; className?: string }) {
  const state = useServerFormState();
  const refused = !state.ok && (Boolean(state.message) || Object.keys(state.fieldErrors ?? {}).length > 0);
  return (
    <div tabIndex={refused ? -1 : undefined} autoFocus={refused || undefined} className={cn('focus:outline-none', className)}>
      {children}
    </div>
  );
}

/** A short visible label, and a longer one (naming the record) for screen readers. */
export function SrLabel({ label, srLabel }: { label: string; srLabel: string }) {
  return (
    <>
      <span aria-hidden="true">{label}</span>
      <span className="sr-only">{srLabel}</span>
    </>
  );
}

export function Chevron({ direction }: { direction: MoveDirection }) {
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

// The control last pressed: module state, because the redirect after a change renders the page afresh.
let pending: { row: string; control: string } | null = null;

/**
 * After a change posted from a row (li[id]) the page is rendered anew, the row may have moved and the pressed
 * button lost the focus. With JavaScript this puts it back on the same control of the same row (the other
 * arrow when the row reached an end; the row's first control when the pressed one is gone). Without
 * JavaScript the redirect's #anchor brings the reader back to the row. `version` changes with the rows.
 */
export function KeepFocus({ version, children }: { version: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const remember = (event: Event) => {
      const form = event.target as HTMLFormElement;
      const row = form.closest('li[id]');
      const control = form.querySelector<HTMLInputElement>('input[name="direction"]')?.value ?? (form.querySelector('details') ? 'details' : 'other');
      pending = row ? { row: row.id, control } : null;
    };
    el.addEventListener('submit', remember, true);
    return () => el.removeEventListener('submit', remember, true);
  }, []);

  useEffect(() => {
    const p = pending;
    pending = null;
    const row = p && document.getElementById(p.row);
    if (!p || !row) return;
    const arrow = (d?: string) => row.querySelector<HTMLButtonElement>(`form:has(input[name="direction"]${d ? `[value="${d}"]` : ''}) button[type="submit"]`);
    const target =
      (p.control === 'up' || p.control === 'down' ? (arrow(p.control) ?? arrow()) : null) ??
      row.querySelector<HTMLElement>('summary, button:not([data-drag-handle])');
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
