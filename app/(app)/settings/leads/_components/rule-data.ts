import type { DbOrTx } from '@/db/client';
import type { ScoreField } from '@/db/schema/leads';
import { listRefValues, listTags } from '@/lib/reference/queries';
import type { RuleOptions } from './rule-forms';
import type { RuleNames } from './rule-form';

/** Read by the settings pages (server): the names rules point to, and the choices of the rule form. */

/** Every industry, source, category and tag by id, retired ones included (old rules keep pointing to them). */
export function ruleNames(db: DbOrTx): RuleNames {
  const refs = new Map<number, string>();
  for (const kind of ['industry', 'origin', 'customer_family'] as const) for (const r of listRefValues(db, kind, { includeRetired: true })) refs.set(r.id, r.name);
  return { refs, tags: new Map(listTags(db, { includeRetired: true }).map((t) => [t.id, t.name])) };
}

/** The active values of each list, and the rule's own value when it has been retired since. */
export function ruleOptions(db: DbOrTx, rule: { field: ScoreField; value: string | null } | null = null): RuleOptions {
  const of = (field: ScoreField, rows: { id: number; name: string; retired: boolean }[]) =>
    rows.filter((r) => !r.retired || (rule?.field === field && String(r.id) === rule.value)).map((r) => ({ value: String(r.id), label: r.name }));
  return {
    industries: of('industryId', listRefValues(db, 'industry', { includeRetired: true })),
    sources: of('sourceId', listRefValues(db, 'origin', { includeRetired: true })),
    categories: of('categoryId', listRefValues(db, 'customer_family', { includeRetired: true })),
    tags: of('tagId', listTags(db, { includeRetired: true })),
  };
}
