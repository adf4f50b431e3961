import { describe, expect, test } from 'vitest';
import { customerFormOptions, customerFormOptionSets } from '@/lib/customers/options';
import { leadFormOptions, leadListOptions } from '@/lib/leads/queries';
import { opportunityFormOptions } from '@/lib/opportunities/queries';
import { viewerOf } from '../../helpers/db';
import { makePeople, makeRefValue, makeTag, seededWorld } from '../../helpers/customers';
import { leadWorld } from '../../helpers/leads';

// The choices of forms and filters: who may be picked as owner, which teams, which reference values and tags
// (retired ones only when already on the record), and for leads the statuses.

const world = seededWorld((db) => {
  const p = makePeople(db);
  const s = leadWorld(db);
  const retail = makeRefValue(db, 'customer_family', 'Retail');
  const oldFamily = makeRefValue(db, 'customer_family', 'Old family', { retired: true });
  const oldSource = makeRefValue(db, 'origin', 'Old fair', { retired: true });
  const oldReason = makeRefValue(db, 'lost_reason', 'Old reason', { retired: true });
  const vip = makeTag(db, 'VIP');
  const oldTag = makeTag(db, 'Old tag', { retired: true });
  return { ...p, ...s, retail, oldFamily, oldSource, oldReason, vip, oldTag };
});
const roles = ['admin', 'managerA', 'salesA1', 'readOnlyA', 'deactivated'] as const;

describe('customerFormOptions', () => {
  test('owners: anyone active for an administrator and for filters; a manager their teams; others themselves', () => {
    const h = world();
    const { w } = h;
    const owners = (who: number, purpose?: 'form' | 'filter') => customerFormOptions(h.db, viewerOf(h.db, who), {}, purpose).owners.map((o) => o.label);
    const active = ['Ada Admin', 'Marc Manager', 'Mona Manager', 'Olga Other', 'Rita Reader', 'Sam Sales', 'Tina Teammate'];
    expect(owners(w.admin)).toEqual(active);
    expect(owners(w.salesA1, 'filter')).toEqual(active);
    expect(owners(w.managerA)).toEqual(['Marc Manager', 'Rita Reader', 'Sam Sales', 'Tina Teammate']);
    expect(owners(w.salesA1)).toEqual(['Sam Sales']);
    expect(owners(w.salesB)).toEqual(['Olga Other']);
    expect(customerFormOptions(h.db, viewerOf(h.db, w.salesA1)).teams.map((t) => t.label)).toEqual(['North']);
    expect(customerFormOptions(h.db, viewerOf(h.db, w.salesA1), {}, 'filter').teams.map((t) => t.label)).toEqual(['North', 'South']);
  });

  test('retired values and tags only when kept (already on the record)', () => {
    const h = world();
    const { w } = h;
    const v = viewerOf(h.db, w.admin);
    const plain = customerFormOptions(h.db, v);
    expect(plain.refs.customer_family.map((o) => o.label)).toEqual(['Retail']);
    expect(plain.tags.map((o) => o.label)).toEqual(['VIP']);
    const kept = customerFormOptions(h.db, v, { refIds: [w.oldFamily, null, w.retail], tagIds: [w.oldTag, w.vip] });
    expect(kept.refs.customer_family.map((o) => o.label)).toEqual(['Retail', 'Old family']);
    expect(kept.tags.map((o) => o.label)).toEqual(['VIP', 'Old tag']);
  });

  test('both sets of a list page are what two calls give, each with its own arrays', () => {
    const h = world();
    for (const who of roles) {
      const v = viewerOf(h.db, h.w[who]);
      const sets = customerFormOptionSets(h.db, v);
      expect(sets).toEqual({ filter: customerFormOptions(h.db, v, {}, 'filter'), form: customerFormOptions(h.db, v) });
      sets.form.tags.push({ value: 'x', label: 'x' });
      sets.form.refs.origin.push({ value: 'x', label: 'x' });
      expect(sets.filter.tags).not.toContainEqual({ value: 'x', label: 'x' });
      expect(sets.filter.refs.origin).not.toContainEqual({ value: 'x', label: 'x' });
    }
  });
});

describe('leadFormOptions', () => {
  test('statuses in board order; the reference lists with retired values kept', () => {
    const h = world();
    const { w } = h;
    const o = leadFormOptions(h.db, viewerOf(h.db, w.admin), { refIds: [w.oldSource, w.oldReason, w.oldFamily] });
    expect(o.statuses.map((s) => s.label)).toEqual(['To handle', 'Marketing qualification', 'Sales qualification', 'Nurturing', 'Converted', 'Lost']);
    expect(o.statuses[0]).toMatchObject({ value: String(w.toHandle), kind: 'new', closed: false });
    expect(o.sources.map((x) => x.label)).toContain('Old fair');
    expect(o.lostReasons.map((x) => x.label)).toContain('Old reason');
    expect(o.categories.map((x) => x.label)).toEqual(['Retail', 'Old family']);
    expect(o.industries).toEqual(o.refs.industry);
    const plain = leadFormOptions(h.db, viewerOf(h.db, w.admin));
    expect(plain.sources.map((x) => x.label)).not.toContain('Old fair');
  });

  test("the lead list's two sets are what two calls give", () => {
    const h = world();
    for (const who of roles) {
      const v = viewerOf(h.db, h.w[who]);
      expect(leadListOptions(h.db, v)).toEqual({ filter: leadFormOptions(h.db, v, {}, 'filter'), form: leadFormOptions(h.db, v) });
    }
  });
});

describe('opportunityFormOptions', () => {
  test('types, sources and lost reasons from the reference lists, retired ones kept', () => {
    const h = world();
    const { w } = h;
    const o = opportunityFormOptions(h.db, viewerOf(h.db, w.admin), { refIds: [w.oldReason] });
    expect(o.lostReasons.map((x) => x.label)).toContain('Old reason');
    expect(o.types).toEqual(o.refs.opportunity_type);
    expect(o.sources).toEqual(o.refs.origin);
    expect(opportunityFormOptions(h.db, viewerOf(h.db, w.admin)).lostReasons.map((x) => x.label)).not.toContain('Old reason');
  });
});
