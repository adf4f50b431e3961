import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { leads } from '@/db/schema';
import { convertLead } from '@/lib/leads/convert';
import { getLead } from '@/lib/leads/queries';
import { convertSchema } from '@/lib/leads/schema';
import { createLead, deleteLead, loseLead, moveLead, reopenLead, takeCharge, transferLead, updateLead } from '@/lib/leads/service';
import type { Result } from '@/lib/result';
import { viewerOf } from '../../helpers/db';
import { ctxFor, makePeople, seededWorld, type DbHandle } from '../../helpers/customers';
import { leadInput, leadUpdateInput, leadWorld, makeLead } from '../../helpers/leads';
import { refId } from '../../helpers/opportunities';

/**
 * Sam (sales, North) owns `own` and `lostLead`; `queue` is unassigned in North's queue. Tina is Sam's teammate, Olga is
 * in South; Marc manages North, Mona manages South; Rita reads North; Dan and Fred are deactivated.
 */
const world = seededWorld((db) => {
  const p = makePeople(db);
  const lw = leadWorld(db);
  const own = makeLead(db, p.salesA1, { lastName: 'Own' });
  const queue = makeLead(db, p.salesA1, { lastName: 'Queue', ownerId: '', teamId: String(p.teamA) });
  const lostLead = makeLead(db, p.salesA1, { lastName: 'Lost' });
  const price = refId(db, 'lost_reason', 'Price');
  const r = loseLead(db, lostLead, { lostReasonId: price, comment: null }, ctxFor(db, p.salesA1));
  if (!r.ok) throw new Error('setup');
  return { ...p, ...lw, own, queue, lostLead, price };
});
type W = ReturnType<typeof world>['w'];

const ACTORS = ['admin', 'managerA', 'managerB', 'salesA1', 'salesA2', 'salesB', 'readOnlyA', 'deactivated', 'formerAdmin'] as const;
type Actor = (typeof ACTORS)[number];
const OK = 'ok';
const FORBIDDEN = 'errors.forbidden';
const NOT_FOUND = 'errors.notFound';

function outcomeOf(r: Result<unknown>): string {
  if (r.ok) return OK;
  if (r.error.code === 'errors.invalidForm') return Object.entries(r.error.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
  return r.error.code;
}
const row = (h: DbHandle, id: number) => h.db.select().from(leads).where(eq(leads.id, id)).get();
const TABLES = ['leads', 'lead_tags', 'lead_channels', 'companies', 'contacts', 'opportunities', 'audit_log'];
const contents = (h: DbHandle) => TABLES.map((t) => h.sqlite.prepare(`select * from ${t} order by rowid`).all());

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
const CREATE: Record<Actor, string> = { ...EDIT, managerB: OK, salesB: OK, deactivated: FORBIDDEN, formerAdmin: FORBIDDEN };
/** Taking Sam's own lead: only those who may assign it (his own is a no-op for him). */
const TAKE_OWNED: Record<Actor, string> = { ...EDIT, salesA2: 'leads.errors.cannotTake', readOnlyA: FORBIDDEN, deactivated: FORBIDDEN, formerAdmin: FORBIDDEN };
/** The team's queue: anyone of the team who may edit. */
const TAKE_QUEUE: Record<Actor, string> = { ...EDIT, deactivated: FORBIDDEN, formerAdmin: FORBIDDEN };
const ASSIGN: Record<Actor, string> = { ...EDIT, salesA2: FORBIDDEN, salesA1: 'ownerId: errors.ownerNotAllowed' };
const DELETE: Record<Actor, string> = { ...EDIT, salesA2: FORBIDDEN };

type Op = { run: (h: DbHandle, w: W, actor: number) => Result<unknown>; done: (h: DbHandle, w: W, actor: number) => void; expected: Record<Actor, string>; audits?: number };

const OPS: Record<string, Op> = {
  viewOwn: {
    run: (h, w, a) => (getLead(h.db, viewerOf(h.db, a), w.own) ? { ok: true, value: null } : { ok: false, error: { code: NOT_FOUND } }),
    done: () => {},
    expected: VIEW,
    audits: 0,
  },
  viewQueue: {
    run: (h, w, a) => (getLead(h.db, viewerOf(h.db, a), w.queue) ? { ok: true, value: null } : { ok: false, error: { code: NOT_FOUND } }),
    done: () => {},
    expected: VIEW,
    audits: 0,
  },
  create: {
    run: (h, _w, a) => createLead(h.db, leadInput({ lastName: `New by ${a}`, ownerId: String(a), confirmDuplicate: 'on' }), ctxFor(h.db, a)),
    done: (h, _w, a) => expect(h.db.select().from(leads).where(eq(leads.lastName, `New by ${a}`)).get()).toMatchObject({ ownerId: a, createdBy: a }),
    expected: CREATE,
  },
  update: {
    run: (h, w, a) => updateLead(h.db, w.own, leadUpdateInput({ lastName: 'Renamed', ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1' }), ctxFor(h.db, a)),
    done: (h, w, a) => expect(row(h, w.own)).toMatchObject({ lastName: 'Renamed', version: 2, updatedBy: a }),
    expected: EDIT,
  },
  move: {
    run: (h, w, a) => moveLead(h.db, { id: w.own, statusId: w.marketing, beforeId: null }, ctxFor(h.db, a)),
    done: (h, w) => expect(row(h, w.own)).toMatchObject({ statusId: w.marketing }),
    expected: EDIT,
  },
  takeOwned: {
    run: (h, w, a) => takeCharge(h.db, [w.own], ctxFor(h.db, a)),
    done: (h, w, a) => expect(row(h, w.own)).toMatchObject({ ownerId: a }),
    expected: TAKE_OWNED,
  },
  takeQueue: {
    run: (h, w, a) => takeCharge(h.db, [w.queue], ctxFor(h.db, a)),
    done: (h, w, a) => expect(row(h, w.queue)).toMatchObject({ ownerId: a }),
    expected: TAKE_QUEUE,
  },
  lose: {
    run: (h, w, a) => loseLead(h.db, w.own, { lostReasonId: w.price, comment: null }, ctxFor(h.db, a)),
    done: (h, w) => expect(row(h, w.own)).toMatchObject({ statusId: w.lost }),
    expected: EDIT,
  },
  reopen: {
    run: (h, w, a) => reopenLead(h.db, w.lostLead, { reason: 'Back' }, ctxFor(h.db, a)),
    done: (h, w) => expect(row(h, w.lostLead)).toMatchObject({ closedAt: null }),
    expected: EDIT,
  },
  transfer: {
    run: (h, w, a) => transferLead(h.db, w.own, { ownerId: w.salesA2, teamId: null, comment: 'handover' }, ctxFor(h.db, a)),
    done: (h, w) => expect(row(h, w.own)).toMatchObject({ ownerId: w.salesA2 }),
    expected: ASSIGN,
  },
  delete: {
    run: (h, w, a) => deleteLead(h.db, w.own, ctxFor(h.db, a)),
    done: (h, w) => expect(row(h, w.own)).toBeUndefined(),
    expected: DELETE,
  },
  convert: {
    run: (h, w, a) => convertLead(h.db, w.own, convertSchema.parse({ companyMode: 'new', companyName: 'Converted Co', contactMode: 'new', version: '1' }), ctxFor(h.db, a)),
    done: (h, w) => expect(row(h, w.own)?.convertedCompanyId).not.toBeNull(),
    expected: EDIT,
    audits: 3,
  },
};

describe('authorization matrix of the lead service', () => {
  const cases = Object.entries(OPS).flatMap(([op, o]) => ACTORS.map((actor) => ({ op, actor, outcome: o.expected[actor] })));
  test.each(cases)('$op by $actor → $outcome', ({ op, actor, outcome }) => {
    const h = world();
    const { w } = h;
    const before = contents(h);
    const r = OPS[op].run(h, w, w[actor]);
    expect(outcomeOf(r)).toBe(outcome);
    if (outcome === OK) {
      OPS[op].done(h, w, w[actor]);
      const audits = contents(h)[TABLES.indexOf('audit_log')].length - before[TABLES.indexOf('audit_log')].length;
      expect(audits).toBe(op === 'takeOwned' && actor === 'salesA1' ? 0 : (OPS[op].audits ?? 1));
    } else {
      expect(contents(h)).toEqual(before);
    }
  });
});
