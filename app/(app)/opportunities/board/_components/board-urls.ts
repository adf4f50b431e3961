import type { StageColor } from '@/db/schema';

/** Refusals a move may show; the URL (no-JavaScript path) cannot make the page display anything else. */
const REFUSAL_KEYS = [
  'opportunities.errors.closed',
  'opportunities.errors.confirmClose',
  'errors.notFound',
  'errors.forbidden',
  'errors.invalidForm',
  'errors.invalidChoice',
] as const;

export function refusalKey(code: unknown): string {
  return (REFUSAL_KEYS as readonly unknown[]).includes(code) ? (code as string) : 'errors.invalidValue';
}

/** The confirm step of closing, coming back to the board afterwards. */
export function closeHref(id: number | string, outcome: 'won' | 'lost', back: string): string {
  return `/opportunities/${id}/close?outcome=${outcome}&back=${encodeURIComponent(back)}`;
}

/** The column's top border for each stage colour (full class names, so Tailwind sees them). */
export const STAGE_ACCENT: Record<StageColor, string> = {
  slate: 'border-t-slate-400',
  blue: 'border-t-blue-500',
  sky: 'border-t-sky-500',
  teal: 'border-t-teal-500',
  green: 'border-t-emerald-500',
  amber: 'border-t-amber-500',
  orange: 'border-t-orange-500',
  red: 'border-t-red-500',
  pink: 'border-t-pink-500',
  violet: 'border-t-violet-500',
};
