'use client';

import type { ReactNode } from 'react';
import { useServerFormState } from './action-form';

/** A <details> inside an ActionForm that opens by itself when the form comes back with an error. */
export function FormDetails({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const state = useServerFormState();
  const failed = !state.ok && (!!state.message || Object.keys(state.fieldErrors ?? {}).length > 0);
  return (
    <details open={failed || undefined}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{summary}</summary>
      <div className="mt-3 space-y-3">{children}</div>
    </details>
  );
}
