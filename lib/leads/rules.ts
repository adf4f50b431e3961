import { asc, eq, sql } from 'drizzle-orm';
import { writeTx, type Db, type DbOrTx } from '@/db/client';
import { COMPANY_SIZES, leadScoreRules, refValues, tags } from '@/db/schema';
import { audit } from '@/lib/audit';
import { canAdminister, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import type { ScoreRuleInput } from './schema';
import { rescoreOpenLeads } from './service';

type Ctx = { user: Viewer; now: number; ip?: string | null };

/** A rule's value must name something real: a value of the right list, a tag, a company size. */
function valueProblem(tx: DbOrTx, input: ScoreRuleInput): string | null {
  if (input.value === null || input.operator === 'isSet' || input.operator === 'isEmpty') return null;
  const listOf: Partial<Record<ScoreRuleInput['field'], 'industry' | 'origin' | 'customer_family'>> = { industryId: 'industry', sourceId: 'origin', categoryId: 'customer_family' };
  const kind = listOf[input.field];
  if (kind) {
    const v = tx.select({ kind: refValues.kind }).from(refValues).where(eq(refValues.id, Number(input.value))).get();
    return v?.kind === kind ? null : 'errors.invalidChoice';
  }
  if (input.field === 'tagId') return tx.select({ id: tags.id }).from(tags).where(eq(tags.id, Number(input.value))).get() ? null : 'errors.invalidChoice';
  if (input.field === 'size') return (COMPANY_SIZES as readonly string[]).includes(input.value) ? null : 'errors.invalidChoice';
  return null;
}
export type ScoreRuleRow = typeof leadScoreRules.$inferSelect;

/** The scoring rules in their order, active or not (Settings → Lead scoring). */
export function listScoreRules(db: DbOrTx): ScoreRuleRow[] {
  return db.select().from(leadScoreRules).orderBy(asc(leadScoreRules.position), asc(leadScoreRules.id)).all();
}

/**
 * Rules are administered by admins. Any change recomputes the score of every open lead in the same transaction,
 * so lists sorted by score never mix old and new rules.
 */
export function createScoreRule(db: Db, input: ScoreRuleInput, ctx: Ctx): Result<{ id: number; rescored: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const problem = valueProblem(tx, input);
    if (problem) return fail('errors.invalidForm', { value: problem });
    const position = (tx.select({ p: sql<number | null>`max(${leadScoreRules.position})` }).from(leadScoreRules).get()?.p ?? -1) + 1;
    const row = tx
      .insert(leadScoreRules)
      .values({ ...input, position, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: leadScoreRules.id })
      .get();
    const rescored = rescoreOpenLeads(tx, ctx.now);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead_rule.created', entityType: 'lead_rule', entityId: row.id, data: { ...input }, ip: ctx.ip });
    return ok({ id: row.id, rescored });
  });
}

export function updateScoreRule(db: Db, id: number, input: ScoreRuleInput, ctx: Ctx): Result<{ rescored: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(leadScoreRules).where(eq(leadScoreRules.id, id)).get();
    if (!before) return fail('errors.notFound');
    const problem = valueProblem(tx, input);
    if (problem) return fail('errors.invalidForm', { value: problem });
    tx.update(leadScoreRules).set({ ...input, updatedAt: ctx.now }).where(eq(leadScoreRules.id, id)).run();
    const rescored = rescoreOpenLeads(tx, ctx.now);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead_rule.updated', entityType: 'lead_rule', entityId: id, data: { before: { ...before }, after: { ...input } }, ip: ctx.ip });
    return ok({ rescored });
  });
}

export function deleteScoreRule(db: Db, id: number, ctx: Ctx): Result<{ rescored: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(leadScoreRules).where(eq(leadScoreRules.id, id)).get();
    if (!before) return fail('errors.notFound');
    tx.delete(leadScoreRules).where(eq(leadScoreRules.id, id)).run();
    const rescored = rescoreOpenLeads(tx, ctx.now);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead_rule.deleted', entityType: 'lead_rule', entityId: id, data: { name: before.name }, ip: ctx.ip });
    return ok({ rescored });
  });
}

/** Turns a rule on or off (its condition unchanged), rescoring the open leads. */
export function setScoreRuleActive(db: Db, id: number, active: boolean, ctx: Ctx): Result<{ rescored: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(leadScoreRules).where(eq(leadScoreRules.id, id)).get();
    if (!before) return fail('errors.notFound');
    if (before.active === active) return ok({ rescored: 0 });
    tx.update(leadScoreRules).set({ active, updatedAt: ctx.now }).where(eq(leadScoreRules.id, id)).run();
    const rescored = rescoreOpenLeads(tx, ctx.now);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead_rule.updated', entityType: 'lead_rule', entityId: id, data: { active: [before.active, active] }, ip: ctx.ip });
    return ok({ rescored });
  });
}
