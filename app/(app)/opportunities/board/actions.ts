'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { boardCard, boardTotals, closedSinceDay, columnCards, type BoardCard, type BoardFilters, type ColumnTotals } from '@/lib/opportunities/board';
import { moveSchema } from '@/lib/opportunities/schema';
import { moveOpportunity } from '@/lib/opportunities/service';
import { getStage, isOpenKind, listStages } from '@/lib/pipelines/queries';
import { actionContext } from '@/app/_server/action';
import { safeBack, withParams } from '../_components/back';
import { closeHref, refusalKey } from './_components/board-urls';

const BOARD = '/opportunities/board';

const boardBack = (raw: unknown) => {
  const back = safeBack(raw);
  return back && back.startsWith(BOARD) ? back : BOARD;
};

/**
 * The "move to" form without JavaScript: to an open stage it moves the card (to the end of the column);
 * to won or lost it goes to the confirm step instead. Back to the board either way, with a notice.
 */
export async function moveCardAction(formData: FormData): Promise<void> {
  const ctx = await actionContext();
  const back = boardBack(formData.get('back'));
  const parsed = moveSchema.safeParse({ id: formData.get('id'), stageId: formData.get('stageId'), beforeId: null });
  if (!parsed.success) redirect(withParams(back, { refused: 'errors.invalidForm' }));
  const stage = getStage(getDb(), parsed.data.stageId);
  if (stage && !isOpenKind(stage.kind)) redirect(closeHref(parsed.data.id, stage.kind, back));
  const res = moveOpportunity(getDb(), parsed.data, ctx);
  if (!res.ok) redirect(withParams(back, { refused: refusalKey(res.error.code) }));
  revalidatePath(BOARD);
  redirect(withParams(back, { moved: parsed.data.id }));
}

export type MoveCardInput = { id: number; stageId: number; beforeId: number | null; filters: BoardFilters };
export type MoveCardResult = { ok: true; card: BoardCard | null; totals: Record<number, ColumnTotals> } | { ok: false; message: string };

const cleanFilters = (f: BoardFilters | undefined): BoardFilters => {
  const id = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  return { ownerId: id(f?.ownerId), teamId: id(f?.teamId), closedDays: id(f?.closedDays) };
};

/** A drag and drop (JavaScript): the move, then the card and the pipeline's column totals as they are now. */
export async function moveCardNow(input: MoveCardInput): Promise<MoveCardResult> {
  const ctx = await actionContext();
  const t = await getTranslations();
  const parsed = moveSchema.safeParse({ id: input?.id, stageId: input?.stageId, beforeId: input?.beforeId ?? null });
  if (!parsed.success) return { ok: false, message: t('errors.invalidForm') };
  const db = getDb();
  const res = moveOpportunity(db, parsed.data, ctx);
  if (!res.ok) return { ok: false, message: t(refusalKey(res.error.code)) };
  const stage = getStage(db, res.value.stageId)!;
  const filters = cleanFilters(input.filters);
  const totals = boardTotals(db, ctx.user, listStages(db, stage.pipelineId), filters, closedSinceDay(db, ctx.now, filters.closedDays));
  return { ok: true, card: boardCard(db, ctx.user, parsed.data.id), totals: Object.fromEntries(totals) };
}

/** "Show more" of a column (JavaScript): the next cards after `cursor`. */
export async function loadMoreCards(input: { stageId: number; cursor: string; filters: BoardFilters }): Promise<{ cards: BoardCard[]; nextCursor: string | null }> {
  const ctx = await actionContext();
  const stageId = Number(input?.stageId);
  if (!Number.isInteger(stageId) || typeof input.cursor !== 'string') return { cards: [], nextCursor: null };
  return columnCards(getDb(), ctx.user, stageId, input.cursor.slice(0, 500), cleanFilters(input.filters), { now: ctx.now });
}
