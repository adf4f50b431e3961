import type { ReactNode } from 'react';
import { cn } from './cn';

// Whole class names, so Tailwind sees them; keys are lib/reference TAG_COLORS.
const COLORS: Record<string, string> = {
  slate: 'bg-slate-100 text-slate-800 ring-slate-500/30',
  red: 'bg-red-50 text-red-800 ring-red-600/25',
  amber: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25',
  teal: 'bg-teal-50 text-teal-800 ring-teal-600/25',
  blue: 'bg-blue-50 text-blue-800 ring-blue-600/25',
  indigo: 'bg-indigo-50 text-indigo-800 ring-indigo-600/25',
  purple: 'bg-purple-50 text-purple-800 ring-purple-600/25',
  pink: 'bg-pink-50 text-pink-800 ring-pink-600/25',
};

/** A tag as shown on records and in lists: its name on its colour (unknown colours fall back to grey). */
export function TagBadge({ color, children, className }: { color: string; children: ReactNode; className?: string }) {
  return (
    <span className={cn('inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset', COLORS[color] ?? COLORS.slate, className)}>
      {children}
    </span>
  );
}
