import type { ScoreField, ScoreOperator } from '@/db/schema/leads';
import { sortKey } from '@/lib/customers/normalize';

export type ScoreRule = { id: number; field: ScoreField; operator: ScoreOperator; value: string | null; points: number; active: boolean };

/** What the rules read of a lead. */
export type ScoredLead = {
  jobTitle: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  industryId: number | null;
  size: string | null;
  sourceId: number | null;
  categoryId: number | null;
  city: string | null;
  country: string | null;
  keyAccount: boolean;
  tagIds: number[];
  lastActivityAt: number;
};

export type ScoreLine = { ruleId: number; points: number };
export type Score = { total: number; breakdown: ScoreLine[] };

/** Which operators make sense for which field (the settings form offers only these). */
export const OPERATORS_BY_FIELD: Record<ScoreField, ScoreOperator[]> = {
  jobTitle: ['contains', 'equals', 'isSet', 'isEmpty'],
  companyName: ['contains', 'equals', 'isSet', 'isEmpty'],
  email: ['contains', 'isSet', 'isEmpty'],
  phone: ['isSet', 'isEmpty'],
  industryId: ['equals', 'isSet', 'isEmpty'],
  size: ['equals', 'atLeast', 'isSet', 'isEmpty'],
  sourceId: ['equals', 'isSet', 'isEmpty'],
  categoryId: ['equals', 'isSet', 'isEmpty'],
  city: ['contains', 'equals', 'isSet', 'isEmpty'],
  country: ['equals', 'isSet', 'isEmpty'],
  keyAccount: ['isSet'],
  tagId: ['equals'],
  noActivityDays: ['olderThan'],
};

const SIZE_ORDER = ['1-9', '10-49', '50-249', '250-999', '1000+'];
const DAY = 86_400_000;

const text = (v: string | null) => (v ? sortKey(v) : '');

/** Does one rule fire for this lead at `now`? Text comparisons ignore case and accents. */
export function ruleFires(rule: ScoreRule, lead: ScoredLead, now: number): boolean {
  const value = rule.value ?? '';
  switch (rule.field) {
    case 'keyAccount':
      return lead.keyAccount;
    case 'tagId':
      return lead.tagIds.includes(Number(value));
    case 'noActivityDays':
      return now - lead.lastActivityAt > Number(value) * DAY;
    case 'size': {
      if (rule.operator === 'atLeast') return lead.size !== null && SIZE_ORDER.indexOf(lead.size) >= SIZE_ORDER.indexOf(value) && SIZE_ORDER.includes(value);
      break;
    }
  }
  const raw = lead[rule.field as Exclude<ScoreField, 'keyAccount' | 'tagId' | 'noActivityDays'>];
  const current = raw === null || raw === undefined ? '' : String(raw);
  switch (rule.operator) {
    case 'isSet':
      return current.trim() !== '';
    case 'isEmpty':
      return current.trim() === '';
    case 'equals':
      return typeof raw === 'number' ? raw === Number(value) : text(current) === text(value);
    case 'contains':
      return value.trim() !== '' && text(current).includes(text(value));
    default:
      return false;
  }
}

/** The computed score: the sum of the points of the active rules that fire, with which ones did (rule order). */
export function computeScore(rules: readonly ScoreRule[], lead: ScoredLead, now: number): Score {
  const breakdown: ScoreLine[] = [];
  for (const r of rules) if (r.active && ruleFires(r, lead, now)) breakdown.push({ ruleId: r.id, points: r.points });
  return { total: breakdown.reduce((s, l) => s + l.points, 0), breakdown };
}
