import { cn } from '@/components/ui/cn';

/** The manual score as five stars (no hooks: used by the list on the server and by the board's cards). */
export function Stars({ score, label, className }: { score: number; label: string; className?: string }) {
  return (
    <span role="img" aria-label={label} className={cn('inline-flex shrink-0 gap-px', className)}>
      {Array.from({ length: 5 }, (_, i) => (
        <svg key={i} aria-hidden="true" viewBox="0 0 20 20" className={i < score ? 'size-3.5 fill-amber-500' : 'size-3.5 fill-slate-300'}>
          <path d="M10 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.5 7.7l5.9-.9L10 1.5z" />
        </svg>
      ))}
    </span>
  );
}

/** The computed score: a number, coloured by sign (negative scores are possible). */
export function ComputedScore({ score, label }: { score: number; label: string }) {
  return (
    <span
      title={label}
      className={cn(
        'inline-flex min-w-8 justify-center rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ring-1 ring-inset',
        score > 0 ? 'bg-brand-50 text-brand-800 ring-brand-200' : score < 0 ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-slate-50 text-slate-700 ring-slate-200',
      )}
    >
      <span aria-hidden="true">{score}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
