import type { ReactNode } from 'react';

/** One label/value line of a record's details (<dl>); an empty value shows a dash. */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children ?? '—'}</dd>
    </div>
  );
}
