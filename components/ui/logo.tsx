import { cn } from './cn';

/** The Suivi wordmark: a rising path to a dot, the follow-up reaching its goal. */
export function Logo({ className, label = 'Suivi' }: { className?: string; label?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900', className)}>
      <svg viewBox="0 0 32 32" className="h-full w-auto" aria-hidden="true">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M7 22 L13 15 L18 19 L25 10" fill="none" stroke="white" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="25" cy="10" r="2.5" fill="white" />
      </svg>
      <span className="text-xl">{label}</span>
    </span>
  );
}
