import { z } from 'zod';
import { checkbox, listOf } from '@/lib/forms';
import { optDate, optId, optText, reqText, version } from '@/lib/customers/fields';
import { MAX_AMOUNT_CENTS, parseMoney } from './money';

const reqId = z.coerce.number({ error: 'errors.required' }).int().positive({ error: 'errors.required' });

function money(required: boolean) {
  return z.preprocess(
    (v) => {
      if (typeof v === 'number') return Math.round(v * 100);
      if (typeof v !== 'string' || v.trim() === '') return required ? 0 : null;
      const c = parseMoney(v);
      return c === null ? 'invalid' : c;
    },
    z
      .number({ error: 'opportunities.errors.invalidAmount' })
      .int()
      .min(0, { error: 'opportunities.errors.negativeAmount' })
      .max(MAX_AMOUNT_CENTS, { error: 'opportunities.errors.amountTooLarge' })
      .nullable(),
  );
}

/** 0–100, empty means "the stage's default". */
const optProbability = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? v.trim().replace(/\s*%$/, '') : v),
  z.coerce.number({ error: 'opportunities.errors.invalidProbability' }).int({ error: 'opportunities.errors.invalidProbability' }).min(0, { error: 'opportunities.errors.invalidProbability' }).max(100, { error: 'opportunities.errors.invalidProbability' }).nullable(),
);

const score = z.preprocess((v) => (v === '' || v === undefined || v === null ? 0 : v), z.coerce.number({ error: 'errors.invalidValue' }).int().min(0, { error: 'errors.invalidValue' }).max(5, { error: 'errors.invalidValue' }));

const currency = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim().toUpperCase() : undefined),
  z.string().regex(/^[A-Z]{3}$/, { error: 'opportunities.errors.invalidCurrency' }).optional(),
);

const opportunityFields = {
  name: reqText(200),
  companyId: reqId,
  contactIds: listOf(z.coerce.number().int().positive()),
  primaryContactId: optId,
  typeId: optId,
  pipelineId: reqId,
  /** Empty: the pipeline's first stage. */
  stageId: optId,
  amount: money(true),
  bestCase: money(false),
  worstCase: money(false),
  /** Empty: the organisation's currency. */
  currency,
  probability: optProbability,
  score,
  expectedCloseDate: optDate,
  /** Ticked after the "far away date" warning. */
  confirmCloseDate: checkbox,
  sourceId: optId,
  ownerId: reqId,
  teamId: optId,
  description: optText(10_000),
  tagIds: listOf(z.coerce.number().int().positive()),
};

/** worst ≤ amount ≤ best, whichever of best and worst are given. */
function checkAmounts(v: { amount: number | null; bestCase: number | null; worstCase: number | null }, ctx: z.RefinementCtx) {
  const amount = v.amount ?? 0;
  if (v.bestCase !== null && v.bestCase < amount) ctx.addIssue({ code: 'custom', path: ['bestCase'], message: 'opportunities.errors.bestBelowAmount' });
  if (v.worstCase !== null && v.worstCase > amount) ctx.addIssue({ code: 'custom', path: ['worstCase'], message: 'opportunities.errors.worstAboveAmount' });
}

const opportunityObject = z.object(opportunityFields);

/** The primary contact is one of the contacts, even if its box wasn't ticked. */
const withPrimary = <T extends { amount: number | null; contactIds: number[]; primaryContactId: number | null }>(v: T) => ({
  ...v,
  amount: v.amount ?? 0,
  contactIds: v.primaryContactId !== null && !v.contactIds.includes(v.primaryContactId) ? [...v.contactIds, v.primaryContactId] : v.contactIds,
});

/** The opportunity form (create). */
export const opportunitySchema = opportunityObject.superRefine(checkAmounts).transform(withPrimary);
export type OpportunityInput = z.output<typeof opportunitySchema>;

export const opportunityUpdateSchema = opportunityObject.extend({ version }).superRefine(checkAmounts).transform(withPrimary);
export type OpportunityUpdateInput = z.output<typeof opportunityUpdateSchema>;

/** A board move: the stage, and the card it lands before (none: the end of the column). */
export const moveSchema = z.object({
  id: reqId,
  stageId: reqId,
  beforeId: optId,
});
export type MoveInput = z.infer<typeof moveSchema>;

export const OUTCOMES = ['won', 'lost'] as const;

/** The confirm step of closing: the date (today by default), and for a loss its reason and the competitor. */
export const closeSchema = z
  .object({
    outcome: z.enum(OUTCOMES, { error: 'errors.invalidChoice' }),
    closeDate: z.iso.date({ error: 'errors.invalidDate' }),
    lostReasonId: optId,
    competitor: optText(200),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'lost' && v.lostReasonId === null) ctx.addIssue({ code: 'custom', path: ['lostReasonId'], message: 'opportunities.errors.lostReasonRequired' });
  });
export type CloseInput = z.infer<typeof closeSchema>;

export const reopenSchema = z.object({ reason: reqText(1000) });
export type ReopenInput = z.infer<typeof reopenSchema>;

/**
 * The answer to "close the prospect's other open opportunities?": for each one, `decision_<id>` is `lose`
 * or `keep`, and `reason_<id>` the lost reason when lost.
 */
export type OthersDecision = { id: number; decision: 'lose' | 'keep'; lostReasonId: number | null };

export function parseOthersForm(raw: Record<string, unknown>): { ok: true; decisions: OthersDecision[] } | { ok: false; fieldErrors: Record<string, string> } {
  const decisions: OthersDecision[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const m = /^decision_(\d+)$/.exec(key);
    if (!m) continue;
    const id = Number(m[1]);
    const decision = value === 'lose' ? 'lose' : value === 'keep' ? 'keep' : null;
    if (!decision) {
      fieldErrors[key] = 'errors.invalidChoice';
      continue;
    }
    const reasonRaw = raw[`reason_${id}`];
    const lostReasonId = typeof reasonRaw === 'string' && /^\d+$/.test(reasonRaw) ? Number(reasonRaw) : null;
    if (decision === 'lose' && lostReasonId === null) fieldErrors[`reason_${id}`] = 'opportunities.errors.lostReasonRequired';
    decisions.push({ id, decision, lostReasonId });
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, decisions };
}

export const transferSchema = z.object({
  ownerId: reqId,
  teamId: optId,
  comment: optText(1000),
});
