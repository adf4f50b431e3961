import { z } from 'zod';
import { COMPANY_SIZES } from '@/db/schema/customers';
import { SCORE_FIELDS, SCORE_OPERATORS, type ScoreField, type ScoreOperator } from '@/db/schema/leads';
import { scoreRuleSchema, type ScoreRuleInput } from '@/lib/leads/schema';

// A plain module: the rule form (client) and its actions (server) share it.

/**
 * Where a rule's value is typed depends on its field: words, a list value, a size, a tag, a number of days.
 * Each has its own input, so the form works without JavaScript (all of them shown, the one matching the field
 * is read); with JavaScript only the one that matters is shown.
 */
export const VALUE_INPUTS = ['valueText', 'valueIndustry', 'valueSource', 'valueCategory', 'valueSize', 'valueTag', 'valueDays'] as const;
export type ValueInput = (typeof VALUE_INPUTS)[number];

const INPUT_OF: Record<ScoreField, ValueInput | null> = {
  jobTitle: 'valueText',
  companyName: 'valueText',
  email: 'valueText',
  phone: null,
  industryId: 'valueIndustry',
  size: 'valueSize',
  sourceId: 'valueSource',
  categoryId: 'valueCategory',
  city: 'valueText',
  country: 'valueText',
  keyAccount: null,
  tagId: 'valueTag',
  noActivityDays: 'valueDays',
};

const isField = (f: unknown): f is ScoreField => typeof f === 'string' && (SCORE_FIELDS as readonly string[]).includes(f);
const isOperator = (o: unknown): o is ScoreOperator => typeof o === 'string' && (SCORE_OPERATORS as readonly string[]).includes(o);

/** The input holding the value of a rule on `field` compared with `operator`; none for "is filled in" and "is empty". */
export function valueInputOf(field: unknown, operator: unknown): ValueInput | null {
  if (!isField(field) || operator === 'isSet' || operator === 'isEmpty') return null;
  return INPUT_OF[field];
}

/** Whether a field takes a value at all (whatever the comparison). */
export const fieldTakesValue = (field: unknown) => isField(field) && INPUT_OF[field] !== null;

const MAX_DAYS = 3650;

/**
 * The rule form: name, field, comparison, the value inputs, points (+10, −10 or 10), active. Checked with the
 * domain's scoreRuleSchema once the value is taken from the input matching the field, so its refusals (a
 * comparison the field doesn't offer, a missing value) land on the inputs the user sees.
 */
export const ruleFormSchema = z
  .object({
    name: z.unknown().optional(),
    field: z.unknown().optional(),
    operator: z.unknown().optional(),
    points: z.unknown().optional(),
    active: z.unknown().optional(),
    valueText: z.unknown().optional(),
    valueIndustry: z.unknown().optional(),
    valueSource: z.unknown().optional(),
    valueCategory: z.unknown().optional(),
    valueSize: z.unknown().optional(),
    valueTag: z.unknown().optional(),
    valueDays: z.unknown().optional(),
  } satisfies Record<'name' | 'field' | 'operator' | 'points' | 'active' | ValueInput, z.ZodType>)
  .transform((v, ctx): ScoreRuleInput => {
    const input = valueInputOf(v.field, v.operator);
    const raw = input ? v[input] : null;
    const value = typeof raw === 'string' ? raw : null;
    const points = typeof v.points === 'string' ? v.points.trim().replace(/^[\u2212\u2013]/, '-').replace(/^\+/, '') : v.points;
    const parsed = scoreRuleSchema.safeParse({ name: v.name ?? '', field: v.field, operator: v.operator, points, active: v.active, value });
    const issues: { path: string; message: string }[] = [];
    if (points === '' || points === undefined || points === null) issues.push({ path: 'points', message: 'errors.required' });
    for (const issue of parsed.error?.issues ?? []) {
      const path = String(issue.path[0] ?? 'name');
      if (path === 'value') {
        // No input for a value: the comparison is wrong for the field, which the operator's error says.
        if (input) issues.push({ path: input, message: issue.message });
      } else issues.push({ path, message: issue.message });
    }
    if (input === 'valueSize' && value && !(COMPANY_SIZES as readonly string[]).includes(value.trim())) issues.push({ path: input, message: 'errors.invalidChoice' });
    if (input === 'valueDays' && value && (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > MAX_DAYS)) issues.push({ path: input, message: 'leadSettings.errors.invalidDays' });
    if (issues.length || !parsed.success) {
      const seen = new Set<string>();
      for (const i of issues) {
        if (seen.has(i.path)) continue;
        seen.add(i.path);
        ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
      }
      if (!seen.size) ctx.addIssue({ code: 'custom', path: ['operator'], message: 'leads.errors.operatorNotForField' });
      return z.NEVER;
    }
    const data = parsed.data;
    // Countries are stored as codes in capitals; a value no comparison reads is not kept.
    return { ...data, value: data.value === null ? null : data.field === 'country' ? data.value.toUpperCase() : data.value };
  });

/** What the form shows for a saved rule: its value put back in the input it is typed in. */
export function ruleFormDefaults(rule: { name: string; field: ScoreField; operator: ScoreOperator; value: string | null; points: number; active: boolean }): Record<string, string> {
  const input = valueInputOf(rule.field, rule.operator);
  return { name: rule.name, field: rule.field, operator: rule.operator, points: String(rule.points), ...(input && rule.value !== null ? { [input]: rule.value } : {}) };
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Names of the list values and tags a rule may point to (retired ones included: old rules keep them). */
export type RuleNames = { refs: Map<number, string>; tags: Map<number, string> };

/**
 * A rule in words, as the table shows it: "Job title contains “director”", "Size is at least 50–249 employees",
 * "Source is Referral", "No activity for 30 days". Field and comparison names are translated; ids are named.
 */
export function describeRule(t: Translate, rule: { field: ScoreField; operator: ScoreOperator; value: string | null }, names: RuleNames): string {
  const f = rule.field;
  const v = rule.value ?? '';
  if (f === 'keyAccount') return t('leadSettings.rules.sentence.keyAccount');
  if (f === 'noActivityDays') return t('leadSettings.rules.sentence.noActivity', { days: Number(v) });
  if (f === 'tagId') return t('leadSettings.rules.sentence.tag', { value: names.tags.get(Number(v)) ?? t('leadSettings.rules.unknownValue') });
  const field = t(`leadSettings.rules.fields.${f}`);
  let value: string;
  if (f === 'industryId' || f === 'sourceId' || f === 'categoryId') value = names.refs.get(Number(v)) ?? t('leadSettings.rules.unknownValue');
  else if (f === 'size') value = t('leadSettings.rules.size', { size: v });
  else value = t('leadSettings.rules.quoted', { value: v });
  if (!isOperator(rule.operator)) return field;
  return t(`leadSettings.rules.sentence.${rule.operator}`, { field, value });
}
