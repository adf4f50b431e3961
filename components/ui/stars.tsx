import { cn } from './cn';

// One star, 20 units wide, drawn at x = 0, 20, 40, 60, 80.
const star = (x: number) => `M${10 + x} 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L${10 + x} 14.9l-5.2 2.7 1-5.8L${1.5 + x} 7.7l5.9-.9z`;
const STARS = [0, 20, 40, 60, 80].map(star);

/**
 * A 0–5 score as five stars, for lists and board cards (no hooks: server or client). One SVG with two paths
 * (the lit stars, the others) rather than five SVGs: it is on every row and card, in the HTML and again in
 * the server payload.
 */
export function Stars({ score, label, className }: { score: number; label: string; className?: string }) {
  const on = Math.max(0, Math.min(5, Math.round(score)));
  return (
    <svg role="img" aria-label={label} viewBox="0 0 100 20" className={cn('h-3.5 w-[4.5rem] shrink-0', className)}>
      {on > 0 ? <path className="fill-amber-500" d={STARS.slice(0, on).join('')} /> : null}
      {on < 5 ? <path className="fill-slate-300" d={STARS.slice(on).join('')} /> : null}
    </svg>
  );
}
