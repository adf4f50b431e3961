import { describe, expect, it } from 'vitest';
import { scoreRuleSchema } from '@/lib/leads/schema';
import { computeScore, ruleFires, type ScoredLead, type ScoreRule } from '@/lib/leads/scoring';

const NOW = Date.UTC(2026, 10, 22);
const DAY = 86_400_000;
const lead: ScoredLead = {
  jobTitle: 'Directrice des achats',
  companyName: 'Hôtels Lumière',
  email: 'h.garnier@hotels-lumiere.fr',
  phone: null,
  industryId: 7,
  size: '250-999',
  sourceId: 3,
  categoryId: null,
  city: 'Lyon',
  country: 'FR',
  keyAccount: true,
  tagIds: [2, 5],
  lastActivityAt: NOW - 10 * DAY,
};
let seq = 0;
const rule = (r: Partial<ScoreRule> & Pick<ScoreRule, 'field' | 'operator'>): ScoreRule => ({ id: ++seq, value: null, points: 10, active: true, ...r });

describe('scoring rules', () => {
  it.each([
    [rule({ field: 'jobTitle', operator: 'contains', value: 'DIRECTRICE' }), true],
    [rule({ field: 'jobTitle', operator: 'contains', value: 'directeur' }), false],
    [rule({ field: 'companyName', operator: 'contains', value: 'hotels' }), true],
    [rule({ field: 'city', operator: 'equals', value: 'lyon' }), true],
    [rule({ field: 'industryId', operator: 'equals', value: '7' }), true],
    [rule({ field: 'industryId', operator: 'equals', value: '8' }), false],
    [rule({ field: 'size', operator: 'atLeast', value: '50-249' }), true],
    [rule({ field: 'size', operator: 'atLeast', value: '1000+' }), false],
    [rule({ field: 'sourceId', operator: 'isSet' }), true],
    [rule({ field: 'categoryId', operator: 'isEmpty' }), true],
    [rule({ field: 'phone', operator: 'isSet' }), false],
    [rule({ field: 'keyAccount', operator: 'isSet' }), true],
    [rule({ field: 'tagId', operator: 'equals', value: '5' }), true],
    [rule({ field: 'tagId', operator: 'equals', value: '6' }), false],
    [rule({ field: 'noActivityDays', operator: 'olderThan', value: '7' }), true],
    [rule({ field: 'noActivityDays', operator: 'olderThan', value: '30' }), false],
  ])('%o fires: %s', (r, fires) => {
    expect(ruleFires(r, lead, NOW)).toBe(fires);
  });

  it('adds the points of the active rules that fire, with an exact breakdown in rule order', () => {
    const director = rule({ field: 'jobTitle', operator: 'contains', value: 'directrice', points: 10 });
    const referral = rule({ field: 'sourceId', operator: 'equals', value: '3', points: 15 });
    const idle = rule({ field: 'noActivityDays', operator: 'olderThan', value: '30', points: -10 });
    const off = rule({ field: 'city', operator: 'equals', value: 'Lyon', points: 50, active: false });
    const noPhone = rule({ field: 'phone', operator: 'isEmpty', points: -5 });
    expect(computeScore([director, referral, idle, off, noPhone], lead, NOW)).toEqual({
      total: 20,
      breakdown: [
        { ruleId: director.id, points: 10 },
        { ruleId: referral.id, points: 15 },
        { ruleId: noPhone.id, points: -5 },
      ],
    });
    // Forty days later the idle rule fires too.
    expect(computeScore([director, referral, idle, off, noPhone], lead, NOW + 30 * DAY).total).toBe(10);
    expect(computeScore([], lead, NOW)).toEqual({ total: 0, breakdown: [] });
  });

  it('the rule form refuses an operator that does not fit the field, a missing value and points out of range', () => {
    const errors = (form: Record<string, string>) => {
      const r = scoreRuleSchema.safeParse({ name: 'R', points: '10', ...form });
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(errors({ field: 'jobTitle', operator: 'contains', value: 'director' })).toEqual({});
    expect(errors({ field: 'phone', operator: 'isSet' })).toEqual({});
    expect(errors({ field: 'jobTitle', operator: 'olderThan', value: '3' })).toEqual({ operator: 'leads.errors.operatorNotForField' });
    expect(errors({ field: 'jobTitle', operator: 'contains' })).toEqual({ value: 'errors.required' });
    expect(errors({ field: 'noActivityDays', operator: 'olderThan', value: 'thirty' })).toEqual({ value: 'errors.invalidValue' });
    expect(errors({ field: 'phone', operator: 'isSet', points: '500' })).toEqual({ points: 'leads.errors.invalidPoints' });
  });
});
