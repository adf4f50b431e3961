import type { StageColor } from '@/db/schema/opportunities';
import { cn } from '@/components/ui/cn';
import { STAGE_DOT } from './stage-colors';

/** A stage's colour as a dot; decorative (the stage's name always goes with it). */
export function StageDot({ color, className }: { color: StageColor; className?: string }) {
  return <span aria-hidden="true" className={cn('inline-block size-3 shrink-0 rounded-full ring-1 ring-black/10 ring-inset', STAGE_DOT[color] ?? STAGE_DOT.slate, className)} />;
}
