import { describe, expect, test } from 'vitest';
import { mergeRecords, undoMerge } from '@/lib/merge/service';
import { getOpportunity } from '@/lib/opportunities/queries';
import { T0, makeTeam, makeUser, testDb, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact } from '../../helpers/customers';
import { makeOpportunity, starterPipeline } from '../../helpers/opportunities';

const NOW = T0 + 10_000;

function world() {
  const h = testDb();
  const team = makeTeam(h.db, 'North');
  const sales = makeUser(h.db, { role: 'sales', teams: [team] });
  const p = starterPipeline(h.db);
  const alpha = makeCompany(h.db, sales, { name: 'Alpha' });
  const alpha2 = makeCompany(h.db, sales, { name: 'Alpha SA' });
  const anne = makeContact(h.db, sales, { lastName: 'Martin', firstName: 'Anne', companyId: String(alpha) });
  const anne2 = makeContact(h.db, sales, { lastName: 'Martin', firstName: 'Anne', companyId: String(alpha), email: 'anne@other.example' });
  return { ...h, sales, p, alpha, alpha2, anne, anne2 };
}

describe('merging customers with opportunities', () => {
  test('the merged company’s opportunities move to the survivor, and back on undo', () => {
    const w = world();
    const a = makeOpportunity(w.db, w.sales, w.alpha2, w.p.pipelineId);
    const r = mergeRecords(w.db, 'company', { survivorId: w.alpha, mergedIds: [w.alpha2], choices: {} }, ctxFor(w.db, w.sales, NOW));
    expect(r.ok).toBe(true);
    expect(getOpportunity(w.db, viewerOf(w.db, w.sales), a)?.company.id).toBe(w.alpha);
    const undone = undoMerge(w.db, r.ok ? r.value.mergeId : 0, ctxFor(w.db, w.sales, NOW + 1000));
    expect(undone.ok).toBe(true);
    expect(getOpportunity(w.db, viewerOf(w.db, w.sales), a)?.company.id).toBe(w.alpha2);
  });

  test('a merged contact’s opportunities name the survivor, once even when both were on it', () => {
    const w = world();
    const both = makeOpportunity(w.db, w.sales, w.alpha, w.p.pipelineId, { contactIds: [String(w.anne), String(w.anne2)], primaryContactId: String(w.anne2) });
    const r = mergeRecords(w.db, 'contact', { survivorId: w.anne, mergedIds: [w.anne2], choices: {} }, ctxFor(w.db, w.sales, NOW));
    expect(r.ok).toBe(true);
    expect(getOpportunity(w.db, viewerOf(w.db, w.sales), both)?.contacts.map((c) => [c.id, c.isPrimary])).toEqual([[w.anne, true]]);
  });
});
