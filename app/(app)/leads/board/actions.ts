'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { columnLeads, leadCard, statusCounts, closedSince, type LeadBoardFilters, type LeadCard } from '@/lib/leads/board';
import { leadMoveSchema } from '@/lib/leads/schema';
import { moveLead } from '@/lib/leads/service';
import { getLeadStatus, isTerminalKind, listLeadStatuses } from '@/lib/leads/statuses';
import { actionContext } from '@/app/_server/action';
import { boardBack, refusalKey, stepHref, withParams } from './_components/board-urls';

/**
 * The "move to" form without JavaScript: to a working status it moves the card (to the end of the column);
 * to Converted or Lost it goes to the convert or lose step instead. Back to the board either way, with a notice.
 */
export async function moveLeadCardAction(formData: FormData): Promise<void> {
  const ctx = await actionContext();
  const back = boardBack(formData.get('back'));
  const parsed = leadMoveSchema.safeParse({ id: formData.get('id'), statusId: formData.get('statusId'), beforeId: null });
  if (!parsed.success) redirect(withParams(back, { refused: 'errors.invalidForm' }));
  const status = getLeadStatus(getDb(), parsed.data.statusId);
  if (status && isTerminalKind(status.kind)) redirect(stepHref(parsed.data.id, status.kind === 'converted' ? 'converted' : 'lost', back));
  const res = moveLead(getDb(), parsed.data, ctx);
  if (!res.ok) redirect(withParams(back, { refused: refusalKey(res.error.code) }));
  revalidatePath('/leads');
  redirect(withParams(back, { moved: parsed.data.id }));
}

export type MoveLeadInput = { id: number; statusId: number; beforeId: number | null; filters: LeadBoardFilters };
export type MoveLeadResult = { ok: true; card: LeadCard | null; counts: Record<number, number> } | { ok: false; message: string };

const cleanFilters = (f: LeadBoardFilters | undefined): LeadBoardFilters => {
  const id = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  return { owner: f?.owner === 'unassigned' ? 'unassigned' : id(f?.owner), teamId: id(f?.teamId), closedDays: id(f?.closedDays) };
};

/** A drag and drop (JavaScript): the move, then the card and the columns' counts as they are now. */
export async function moveLeadNow(input: MoveLeadInput): Promise<MoveLeadResult> {
  const ctx = await actionContext();
  const t = await getTranslations();
  const parsed = leadMoveSchema.safeParse({ id: input?.id, statusId: input?.statusId, beforeId: input?.beforeId ?? null });
  if (!parsed.success) return { ok: false, message: t('errors.invalidForm') };
  const db = getDb();
  const res = moveLead(db, parsed.data, ctx);
  if (!res.ok) return { ok: false, message: t(refusalKey(res.error.code)) };
  const filters = cleanFilters(input.filters);
  const counts = statusCounts(db, ctx.user, listLeadStatuses(db), filters, closedSince(ctx.now, filters.closedDays));
  return { ok: true, card: leadCard(db, ctx.user, parsed.data.id), counts: Object.fromEntries(counts) };
}

/** "Show more" of a column (JavaScript): the next cards after `cursor`. */
export async function loadMoreLeads(input: { statusId: number; cursor: string; filters: LeadBoardFilters }): Promise<{ cards: LeadCard[]; nextCursor: string | null }> {
  const ctx = await actionContext();
  const statusId = Number(input?.statusId);
  if (!Number.isInteger(statusId) || typeof input.cursor !== 'string') return { cards: [], nextCursor: null };
  return columnLeads(getDb(), ctx.user, statusId, input.cursor.slice(0, 500), cleanFilters(input.filters), { now: ctx.now });
}
