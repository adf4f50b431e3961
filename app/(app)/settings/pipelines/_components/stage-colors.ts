import type { StageColor } from '@/db/schema/opportunities';

// Whole class names, so Tailwind sees them; keys are STAGE_COLORS. A plain module: server and client use it.
export const STAGE_DOT: Record<StageColor, string> = {
  slate: 'bg-slate-400',
  blue: 'bg-blue-500',
  sky: 'bg-sky-500',
  teal: 'bg-teal-500',
  green: 'bg-emerald-500',
  amber: 'bg-amber-500',
  orange: 'bg-orange-500',
  red: 'bg-red-500',
  pink: 'bg-pink-500',
  violet: 'bg-violet-500',
};
