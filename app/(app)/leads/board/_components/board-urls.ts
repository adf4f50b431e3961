import type { StageColor } from '@/db/schema';

/** Refusals a move may show; the URL (no-JavaScript path) cannot make the page display anything else. */
const REFUSAL_KEYS = [
  'leads.errors.useConvert',
  'leads.errors.useLose',
  'leads.errors.converted',
  'leads.errors.closed',
  'errors.notFound',
  'errors.forbidden',
  'errors.invalidForm',
  'errors.invalidChoice',
] as const;

export function refusalKey(code: unknown): string {
  return (REFUSAL_KEYS as readonly unknown[]).includes(code) ? (code as string) : 'errors.invalidValue';
}

/** A `back` address is followed only when it is the leads board of this site (never another origin). */
export function boardBack(back: unknown): string {
  if (typeof back !== 'string' || !back.startsWith('/leads/board') || /[\u0000-\u001f\\]/.test(back) || back.length > 1000) return '/leads/board';
  return back;
}

/** A path with query parameters added (a notice for the page it leads to). */
export function withParams(path: string, params: Record<string, string | number>): string {
  const url = new URL(path, 'http://local');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Converted and Lost are steps, not drops: the convert dialog or the lose form, coming back to the board. */
export function stepHref(id: number | string, kind: 'converted' | 'lost', back: string): string {
  return `/leads/${id}/${kind === 'converted' ? 'convert' : 'lose'}?back=${encodeURIComponent(back)}`;
}

/** The column's top border for each status colour (full class names, so Tailwind sees them). */
export const STATUS_ACCENT: Record<StageColor, string> = {
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
