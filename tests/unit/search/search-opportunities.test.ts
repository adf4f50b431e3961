import { describe, expect, test } from 'vitest';
import { updateCompany } from '@/lib/companies/service';
import { closeSchema } from '@/lib/opportunities/schema';
import { closeOpportunity, deleteOpportunity, reopenOpportunity } from '@/lib/opportunities/service';
import { searchAll } from '@/lib/search/queries';
import { makeTeam, makeUser, testDb, viewerOf } from '../../helpers/db';
import { companyUpdateInput, ctxFor, makeCompany } from '../../helpers/customers';
import { makeOpportunity, refId, starterPipeline } from '../../helpers/opportunities';

function world() {
  const { db } = testDb();
  const north = makeTeam(db, 'North');
  const south = makeTeam(db, 'South');
  const sam = makeUser(db, { role: 'sales', teams: [north] });
  const sue = makeUser(db, { role: 'sales', teams: [south] });
  const p = starterPipeline(db);
  const acme = makeCompany(db, sam, { name: 'Acme Industries' });
  const deal = makeOpportunity(db, sam, acme, p.pipelineId, { name: 'Éclairage entrepôt', amount: '12 000' });
  return { db, sam, sue, acme, deal };
}

describe('searching opportunities', () => {
  test('by name without accents and by company name, only for those who may see them', () => {
    const w = world();
    expect(searchAll(w.db, viewerOf(w.db, w.sam), 'eclairage').opportunities).toEqual([
      { id: w.deal, name: 'Éclairage entrepôt', companyName: 'Acme Industries', status: 'open', amount: 1_200_000, currency: 'EUR' },
    ]);
    expect(searchAll(w.db, viewerOf(w.db, w.sam), 'acme').opportunities.map((o) => o.id)).toEqual([w.deal]);
    expect(searchAll(w.db, viewerOf(w.db, w.sue), 'eclairage').opportunities).toEqual([]);
  });

  test('follows a company rename, a lost competitor until reopened, and deletion', () => {
    const w = world();
    const ctx = ctxFor(w.db, w.sam);
    expect(updateCompany(w.db, w.acme, companyUpdateInput({ name: 'Globex', ownerId: String(w.sam), version: '1' }), ctx).ok).toBe(true);
    const sam = viewerOf(w.db, w.sam);
    expect(searchAll(w.db, sam, 'globex').opportunities.map((o) => o.id)).toEqual([w.deal]);
    expect(searchAll(w.db, sam, 'acme').opportunities).toEqual([]);
    closeOpportunity(w.db, w.deal, closeSchema.parse({ outcome: 'lost', closeDate: '2026-01-10', lostReasonId: String(refId(w.db, 'lost_reason', 'Price')), competitor: 'Lumiplan' }), ctx);
    expect(searchAll(w.db, sam, 'lumiplan').opportunities.map((o) => [o.id, o.status])).toEqual([[w.deal, 'lost']]);
    reopenOpportunity(w.db, w.deal, { reason: 'They came back' }, ctx);
    expect(searchAll(w.db, sam, 'lumiplan').opportunities).toEqual([]);
    deleteOpportunity(w.db, w.deal, ctx);
    expect(searchAll(w.db, sam, 'eclairage').opportunities).toEqual([]);
  });
});
