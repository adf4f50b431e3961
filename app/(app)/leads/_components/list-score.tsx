import { cn } from '@/components/ui/cn';

export { Stars } from '@/components/ui/stars';

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
