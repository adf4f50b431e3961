import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { opportunities } from '@/db/schema';
import { getOpportunity } from '@/lib/opportunities/queries';
import { closeSchema } from '@/lib/opportunities/schema';
import {
  closeOpportunity,
  createOpportunity,
  deleteOpportunity,
  moveOpportunity,
  reopenOpportunity,
  resolveOtherOpportunities,
  transferOpportunity,
  updateOpportunity,
} from '@/lib/opportunities/service';
import type { Result } from '@/lib/result';
import { viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makePeople, seededWorld, type DbHandle } from '../../helpers/customers';
import { makeOpportunity, opportunityInput, opportunityUpdateInput, refId, starterPipeline } from '../../helpers/opportunities';

/**
 * Every opportunity here belongs to Sam (sales, team North), on a prospect Sam owns: "own" for Sam, "teammate's"
 * for Tina, "other team's" for Olga (South); Marc manages North, Mona manages South; Rita reads North; Dan and
 * Fred are deactivated.
 */
const world = seededWorld((db) => {
  const p = makePeople(db);
  const pipe = starterPipeline(db);
  const company = makeCompany(db, p.salesA1, { name: 'Target Co', type: 'prospect' });
  const open = makeOpportunity(db, p.salesA1, company, pipe.pipelineId, { name: 'Open deal' });
  const other = makeOpportunity(db, p.salesA1, company, pipe.pipelineId, { name: 'Other deal' });
  const closed = makeOpportunity(db, p.salesA1, company, pipe.pipelineId, { name: 'Closed deal' });
  const won = makeOpportunity(db, p.salesA1, company, pipe.pipelineId, { name: 'Won deal' });
  const price = refId(db, 'lost_reason', 'Price');
  const lose = closeOpportunity(db, closed, closeSchema.parse({ outcome: 'lost', closeDate: '2026-01-10', lostReasonId: String(price) }), ctxFor(db, p.salesA1));
  const win = closeOpportunity(db, won, closeSchema.parse({ outcome: 'won', closeDate: '2026-01-10' }), ctxFor(db, p.salesA1));
  if (!lose.ok || !win.ok) throw new Error('setup');
  return { ...p, ...pipe, company, open, other, closed, won, price };
});
type W = ReturnType<typeof world>['w'];

const ACTORS = ['admin', 'managerA', 'managerB', 'salesA1', 'salesA2', 'salesB', 'readOnlyA', 'deactivated', 'formerAdmin'] as const;
type Actor = (typeof ACTORS)[number];

const OK = 'ok';
const FORBIDDEN = 'errors.forbidden';
const NOT_FOUND = 'errors.notFound';
const OWNER_NOT_ALLOWED = 'ownerId: errors.ownerNotAllowed';

function outcomeOf(r: Result<unknown>): string {
  if (r.ok) return OK;
  if (r.error.code === 'errors.invalidForm') return Object.entries(r.error.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
  return r.error.code;
}

const row = (h: DbHandle, id: number) => h.db.select().from(opportunities).where(eq(opportunities.id, id)).get();
const contents = (h: DbHandle) => ['opportunities', 'opportunity_contacts', 'opportunity_tags', 'companies', 'audit_log'].map((t) => h.sqlite.prepare(`select * from ${t} order by rowid`).all());

const CREATE: Record<Actor, string> = {
  admin: OK,
  managerA: OK,
  // Mona can't see Sam's company: it isn't a choice for her.
  managerB: 'companyId: errors.invalidChoice',
  salesA1: OK,
  salesA2: OK,
  salesB: 'companyId: errors.invalidChoice',
  readOnlyA: FORBIDDEN,
  deactivated: FORBIDDEN,
  formerAdmin: FORBIDDEN,
};
const VIEW: Record<Actor, string> = {
  admin: OK,
  managerA: OK,
  managerB: NOT_FOUND,
  salesA1: OK,
  salesA2: OK,
  salesB: NOT_FOUND,
  readOnlyA: OK,
  deactivated: NOT_FOUND,
  formerAdmin: NOT_FOUND,
};
const EDIT: Record<Actor, string> = { ...VIEW, readOnlyA: FORBIDDEN };
const ASSIGN: Record<Actor, string> = { ...EDIT, salesA1: OWNER_NOT_ALLOWED, salesA2: FORBIDDEN };
const DELETE: Record<Actor, string> = { ...EDIT, salesA2: FORBIDDEN };

type Op = { run: (h: DbHandle, w: W, actor: number) => Result<unknown>; done: (h: DbHandle, w: W, actor: number) => void; expected: Record<Actor, string>; audits?: number };

const OPS: Record<string, Op> = {
  view: {
    run: (h, w, actor) => (getOpportunity(h.db, viewerOf(h.db, actor), w.open) ? { ok: true, value: null } : { ok: false, error: { code: NOT_FOUND } }),
    done: () => {},
    expected: VIEW,
    audits: 0,
  },
  create: {
    run: (h, w, actor) => createOpportunity(h.db, opportunityInput({ name: `New by ${actor}`, companyId: String(w.company), pipelineId: String(w.pipelineId), ownerId: String(actor) }), ctxFor(h.db, actor)),
    done: (h, _w, actor) => expect(h.db.select().from(opportunities).where(eq(opportunities.name, `New by ${actor}`)).get()).toMatchObject({ ownerId: actor, createdBy: actor }),
    expected: CREATE,
  },
  update: {
    run: (h, w, actor) =>
      updateOpportunity(h.db, w.open, opportunityUpdateInput({ name: 'Renamed', companyId: String(w.company), pipelineId: String(w.pipelineId), ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1' }), ctxFor(h.db, actor)),
    done: (h, w, actor) => expect(row(h, w.open)).toMatchObject({ name: 'Renamed', version: 2, updatedBy: actor }),
    expected: EDIT,
  },
  move: {
    run: (h, w, actor) => moveOpportunity(h.db, { id: w.open, stageId: w.proposal, beforeId: null }, ctxFor(h.db, actor)),
    done: (h, w) => expect(row(h, w.open)).toMatchObject({ stageId: w.proposal }),
    expected: EDIT,
  },
  close: {
    run: (h, w, actor) => closeOpportunity(h.db, w.open, closeSchema.parse({ outcome: 'lost', closeDate: '2026-01-14', lostReasonId: String(w.price) }), ctxFor(h.db, actor)),
    done: (h, w) => expect(row(h, w.open)).toMatchObject({ status: 'lost' }),
    expected: EDIT,
  },
  closeOthers: {
    run: (h, w, actor) => resolveOtherOpportunities(h.db, w.won, [{ id: w.other, decision: 'lose', lostReasonId: w.price }], ctxFor(h.db, actor)),
    done: (h, w) => expect(row(h, w.other)).toMatchObject({ status: 'lost' }),
    expected: EDIT,
  },
  reopen: {
    run: (h, w, actor) => reopenOpportunity(h.db, w.closed, { reason: 'Came back' }, ctxFor(h.db, actor)),
    done: (h, w) => expect(row(h, w.closed)).toMatchObject({ status: 'open' }),
    expected: EDIT,
  },
  transfer: {
    run: (h, w, actor) => transferOpportunity(h.db, w.open, { ownerId: w.salesA2, teamId: null, comment: 'handover' }, ctxFor(h.db, actor)),
    done: (h, w) => expect(row(h, w.open)).toMatchObject({ ownerId: w.salesA2, teamId: w.teamA }),
    expected: ASSIGN,
  },
  delete: {
    run: (h, w, actor) => deleteOpportunity(h.db, w.open, ctxFor(h.db, actor)),
    done: (h, w) => expect(row(h, w.open)).toBeUndefined(),
    expected: DELETE,
  },
};

describe('authorization matrix of the opportunity service', () => {
  const cases = Object.entries(OPS).flatMap(([op, o]) => ACTORS.map((actor) => ({ op, actor, outcome: o.expected[actor] })));
  test.each(cases)('$op by $actor → $outcome', ({ op, actor, outcome }) => {
    const h = world();
    const { w } = h;
    const before = contents(h);
    const r = OPS[op].run(h, w, w[actor]);
    expect(outcomeOf(r)).toBe(outcome);
    if (outcome === OK) {
      OPS[op].done(h, w, w[actor]);
      expect(contents(h)[4].length).toBe(before[4].length + (OPS[op].audits ?? 1));
    } else {
      expect(contents(h)).toEqual(before);
    }
  });

});
