import { describe, expect, test } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { SCORE_FIELDS } from '@/db/schema/leads';
import { MESSAGES } from '@/lib/i18n/messages';
import { computeScore, OPERATORS_BY_FIELD, type ScoredLead } from '@/lib/leads/scoring';
import { describeRule, ruleFormDefaults, ruleFormSchema, valueInputOf, type Translate } from '@/app/(app)/settings/leads/_components/rule-form';

// The scoring rules form of Settings → Leads: which input holds the value, how the form becomes a rule, and
// how a rule reads in words.

const translate = (locale: 'en' | 'fr'): Translate => {
  const errors: string[] = [];
  const t = createTranslator({ locale, messages: MESSAGES[locale] as never, onError: (e) => errors.push(e.message) });
  return (key, values) => {
    const out = t(key as never, values as never);
    expect(errors, key).toEqual([]);
    return out;
  };
};

const names = { refs: new Map([[7, 'Software'], [8, 'Referral']]), tags: new Map([[3, 'VIP']]) };
const form = (o: Record<string, string>) => ruleFormSchema.safeParse({ name: 'A rule', points: '10', active: 'on', ...o });
const errorsOf = (r: ReturnType<typeof form>) => Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('the value input follows the field and the comparison', () => {
  test('words, list values, sizes, tags and days each have their input; "is filled in" and "is empty" have none', () => {
    expect(valueInputOf('jobTitle', 'contains')).toBe('valueText');
    expect(valueInputOf('country', 'equals')).toBe('valueText');
    expect(valueInputOf('industryId', 'equals')).toBe('valueIndustry');
    expect(valueInputOf('sourceId', 'equals')).toBe('valueSource');
    expect(valueInputOf('categoryId', 'equals')).toBe('valueCategory');
    expect(valueInputOf('size', 'atLeast')).toBe('valueSize');
    expect(valueInputOf('tagId', 'equals')).toBe('valueTag');
    expect(valueInputOf('noActivityDays', 'olderThan')).toBe('valueDays');
    expect(valueInputOf('jobTitle', 'isSet')).toBeNull();
    expect(valueInputOf('industryId', 'isEmpty')).toBeNull();
    expect(valueInputOf('keyAccount', 'isSet')).toBeNull();
    expect(valueInputOf('phone', 'isSet')).toBeNull();
    expect(valueInputOf('nonsense', 'equals')).toBeNull();
  });
});

describe('the form becomes a rule', () => {
  test('the issue’s examples: job title contains “director” +10, industry is X +5, size at least 50-249 +10, source is referral +15, no activity for 30 days −10', () => {
    // Without JavaScript every value input is posted: only the one matching the field is read.
    const all = { valueText: 'director', valueIndustry: '7', valueSource: '8', valueCategory: '', valueSize: '50-249', valueTag: '', valueDays: '30' };
    expect(form({ ...all, field: 'jobTitle', operator: 'contains', points: '+10' }).data).toEqual({ name: 'A rule', field: 'jobTitle', operator: 'contains', value: 'director', points: 10, active: true });
    expect(form({ ...all, field: 'industryId', operator: 'equals', points: '5' }).data).toMatchObject({ field: 'industryId', value: '7', points: 5 });
    expect(form({ ...all, field: 'size', operator: 'atLeast', points: '10' }).data).toMatchObject({ field: 'size', operator: 'atLeast', value: '50-249', points: 10 });
    expect(form({ ...all, field: 'sourceId', operator: 'equals', points: '15' }).data).toMatchObject({ field: 'sourceId', value: '8', points: 15 });
    expect(form({ ...all, field: 'noActivityDays', operator: 'olderThan', points: '−10' }).data).toMatchObject({ field: 'noActivityDays', value: '30', points: -10 });
    expect(form({ ...all, field: 'noActivityDays', operator: 'olderThan', points: '-10' }).data?.points).toBe(-10);
  });

  test('a comparison without a value keeps none, whatever was typed; a country is kept in capitals; inactive when unticked', () => {
    expect(form({ field: 'jobTitle', operator: 'isSet', valueText: 'ignored' }).data).toMatchObject({ value: null });
    expect(form({ field: 'keyAccount', operator: 'isSet' }).data).toMatchObject({ field: 'keyAccount', value: null });
    expect(form({ field: 'country', operator: 'equals', valueText: 'fr' }).data?.value).toBe('FR');
    expect(ruleFormSchema.parse({ name: 'R', field: 'phone', operator: 'isEmpty', points: '-5' })).toMatchObject({ active: false, points: -5 });
  });

  test('refusals land on the input the user sees', () => {
    // A comparison the field doesn't have (only possible without JavaScript, which offers them all).
    expect(errorsOf(form({ field: 'keyAccount', operator: 'contains', valueText: 'x' }))).toEqual({ operator: 'leads.errors.operatorNotForField' });
    expect(errorsOf(form({ field: 'jobTitle', operator: 'atLeast', valueText: 'x' }))).toEqual({ operator: 'leads.errors.operatorNotForField' });
    // A missing value is asked for in the input that should hold it.
    expect(errorsOf(form({ field: 'jobTitle', operator: 'contains', valueText: '  ' }))).toEqual({ valueText: 'errors.required' });
    expect(errorsOf(form({ field: 'industryId', operator: 'equals', valueIndustry: '' }))).toEqual({ valueIndustry: 'errors.required' });
    expect(errorsOf(form({ field: 'size', operator: 'atLeast', valueSize: 'huge' }))).toEqual({ valueSize: 'errors.invalidChoice' });
    for (const days of ['0', '3651', '2.5', 'soon']) expect(errorsOf(form({ field: 'noActivityDays', operator: 'olderThan', valueDays: days })), days).toEqual({ valueDays: expect.stringMatching(/errors\./) });
    expect(errorsOf(form({ field: 'noActivityDays', operator: 'olderThan', valueDays: '0' }))).toEqual({ valueDays: 'leadSettings.errors.invalidDays' });
    // Name and points.
    expect(errorsOf(form({ name: '', field: 'phone', operator: 'isSet' }))).toEqual({ name: 'errors.required' });
    expect(errorsOf(form({ field: 'phone', operator: 'isSet', points: '' }))).toEqual({ points: 'errors.required' });
    expect(errorsOf(form({ field: 'phone', operator: 'isSet', points: '150' }))).toEqual({ points: 'leads.errors.invalidPoints' });
    expect(errorsOf(form({ field: 'phone', operator: 'isSet', points: 'ten' }))).toEqual({ points: 'leads.errors.invalidPoints' });
    expect(errorsOf(form({ field: 'salary', operator: 'isSet' }))).toEqual({ field: 'errors.invalidChoice' });
  });

  test('every field has a comparison whose form round-trips through the saved rule', () => {
    for (const field of SCORE_FIELDS) {
      const operator = OPERATORS_BY_FIELD[field][0];
      const input = valueInputOf(field, operator);
      const value = input === 'valueSize' ? '10-49' : input === 'valueText' ? 'abc' : input ? '12' : null;
      const parsed = form({ field, operator, ...(input ? { [input]: value! } : {}) });
      expect(parsed.success, field).toBe(true);
      const saved = { ...parsed.data!, value: parsed.data!.value };
      expect(ruleFormSchema.parse({ ...ruleFormDefaults(saved), active: 'on' }), field).toEqual(saved);
    }
  });

  test('the rule built from the form scores a lead as the issue says', () => {
    const lead: ScoredLead = {
      jobTitle: 'Sales Director',
      companyName: 'Acme',
      email: null,
      phone: null,
      industryId: 7,
      size: '250-999',
      sourceId: 8,
      categoryId: null,
      city: null,
      country: 'FR',
      keyAccount: false,
      tagIds: [],
      lastActivityAt: 0,
    };
    const forms: Record<string, string>[] = [
      { field: 'jobTitle', operator: 'contains', valueText: 'director', points: '10' },
      { field: 'industryId', operator: 'equals', valueIndustry: '7', points: '5' },
      { field: 'size', operator: 'atLeast', valueSize: '50-249', points: '10' },
      { field: 'sourceId', operator: 'equals', valueSource: '8', points: '15' },
      { field: 'noActivityDays', operator: 'olderThan', valueDays: '30', points: '-10' },
    ];
    const rules = forms.map((r, i) => ({ id: i + 1, ...form(r).data! }));
    expect(computeScore(rules, lead, 31 * 86_400_000)).toEqual({ total: 30, breakdown: rules.map((r) => ({ ruleId: r.id, points: r.points })) });
  });
});

describe('a rule in words', () => {
  const en = translate('en');
  const fr = translate('fr');
  const say = (t: Translate, field: string, operator: string, value: string | null) => describeRule(t, { field, operator, value } as never, names);

  test('field and comparison translated, ids named, sizes and days spelled out', () => {
    expect(say(en, 'jobTitle', 'contains', 'director')).toBe('Job title contains “director”');
    expect(say(en, 'industryId', 'equals', '7')).toBe('Industry is Software');
    expect(say(en, 'size', 'atLeast', '50-249')).toBe('Size is at least 50-249 employees');
    expect(say(en, 'sourceId', 'equals', '8')).toBe('Source is Referral');
    expect(say(en, 'noActivityDays', 'olderThan', '30')).toBe('No activity for 30 days');
    expect(say(en, 'noActivityDays', 'olderThan', '1')).toBe('No activity for 1 day');
    expect(say(en, 'tagId', 'equals', '3')).toBe('Has the tag VIP');
    expect(say(en, 'keyAccount', 'isSet', null)).toBe('Is a key account');
    expect(say(en, 'phone', 'isEmpty', null)).toBe('Phone is empty');
    expect(say(en, 'categoryId', 'equals', '99')).toBe('Category is (deleted value)');

    expect(say(fr, 'jobTitle', 'contains', 'directeur')).toBe('Intitulé de poste contient «\u00a0directeur\u00a0»');
    expect(say(fr, 'sourceId', 'equals', '8')).toBe('Provenance est Referral');
    expect(say(fr, 'size', 'atLeast', '50-249')).toBe('Effectif est au moins 50-249 salariés');
    expect(say(fr, 'noActivityDays', 'olderThan', '30')).toBe('Sans activité depuis 30 jours');
  });

  test('every field and comparison the form offers reads without a missing message', () => {
    for (const t of [en, fr]) {
      for (const field of SCORE_FIELDS) for (const operator of OPERATORS_BY_FIELD[field]) expect(say(t, field, operator, '12').length, `${field} ${operator}`).toBeGreaterThan(3);
    }
  });
});
