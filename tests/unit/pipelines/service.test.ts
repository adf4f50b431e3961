import { describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { auditLog, opportunities } from '@/db/schema';
import { closeSchema } from '@/lib/opportunities/schema';
import { closeOpportunity, createOpportunity } from '@/lib/opportunities/service';
import { getPipeline, listPipelines, listStages, pipelineUsage, stageUsage } from '@/lib/pipelines/queries';
import { newPipelineSchema, stageOrderForm, stageSchema, type StageInput } from '@/lib/pipelines/schema';
import {
  createPipeline,
  createStage,
  deletePipeline,
  deleteStage,
  makeProposalStage,
  movePipeline,
  renamePipeline,
  reorderStages,
  setDefaultPipeline,
  setPipelineArchived,
  updateStage,
  type Ctx,
} from '@/lib/pipelines/service';
import { T0, makeTeam, makeUser, tableContents, testDb, viewerOf } from '../../helpers/db';
import { makeCompany } from '../../helpers/customers';
import { makeOpportunity, makePipeline, opportunityInput, starterPipeline } from '../../helpers/opportunities';

function world() {
  const t = testDb();
  const { db } = t;
  const team = makeTeam(db, 'North');
  const admin = makeUser(db, { role: 'admin' });
  const manager = makeUser(db, { role: 'manager', teams: [team] });
  const sales = makeUser(db, { role: 'sales', teams: [team] });
  const readOnly = makeUser(db, { role: 'read_only', teams: [team] });
  const oldAdmin = makeUser(db, { role: 'admin', active: false });
  const ctxOf = (id: number, now = T0 + 5000): Ctx => ({ user: viewerOf(db, id), now, ip: '192.0.2.7' });
  const asAdmin = ctxOf(admin);
  const starter = starterPipeline(db);
  const company = makeCompany(db, admin);
  const audits = (action?: string) =>
    db
      .select()
      .from(auditLog)
      .where(action ? eq(auditLog.action, action) : undefined)
      .orderBy(auditLog.id)
      .all();
  const stageNames = (pipelineId: number) => listStages(db, pipelineId).map((s) => s.name);
  const kinds = (pipelineId: number) => listStages(db, pipelineId).map((s) => `${s.name}:${s.kind}`);
  const newPipeline = (name: string, stagesFrom: number | null = null) => {
    const r = createPipeline(db, { name, stagesFrom }, 'en', asAdmin);
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  const newStage = (pipelineId: number, name: string, o: Partial<StageInput> = {}) => {
    const r = createStage(db, pipelineId, { name, color: 'teal', probability: 40, ...o }, asAdmin);
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  const opp = (pipelineId: number, stageId?: number) => makeOpportunity(db, admin, company, pipelineId, stageId ? { stageId: String(stageId) } : {});
  return { t, db, admin, manager, sales, readOnly, oldAdmin, ctxOf, asAdmin, starter, company, audits, stageNames, kinds, newPipeline, newStage, opp };
}
type World = ReturnType<typeof world>;

/** What every pipeline must satisfy after any operation. */
function expectInvariants(w: World) {
  const all = listPipelines(w.db, { includeArchived: true });
  expect(all.filter((p) => p.isDefault)).toHaveLength(1);
  expect(all.find((p) => p.isDefault)!.archived).toBe(false);
  for (const p of all) {
    const stages = listStages(w.db, p.id);
    const kinds = stages.map((s) => s.kind);
    for (const k of ['proposal', 'won', 'lost'] as const) expect(kinds.filter((x) => x === k), `${p.name} ${k}`).toHaveLength(1);
    expect(kinds.slice(-2).sort(), `${p.name}: won and lost last`).toEqual(['lost', 'won']);
    expect(stages.map((s) => s.position)).toEqual(stages.map((_, i) => i));
  }
}

function contents(w: World) {
  const own = ['pipelines', 'pipeline_stages', 'opportunities'].map((n) => [n, w.t.sqlite.prepare(`select * from ${n} order by rowid`).all()]);
  return { ...tableContents(w.t), ...Object.fromEntries(own) };
}

describe('only an active administrator may configure pipelines', () => {
  /** Each operation prepares what it needs (as the admin), then returns the call to make as `ctx`. */
  const OPERATIONS: Record<string, (w: World) => (ctx: Ctx) => { ok: boolean }> = {
    createPipeline: (w) => (ctx) => createPipeline(w.db, { name: 'Renewals', stagesFrom: null }, 'en', ctx),
    renamePipeline: (w) => (ctx) => renamePipeline(w.db, w.starter.pipelineId, { name: 'Renamed' }, ctx),
    setDefaultPipeline: (w) => {
      const id = w.newPipeline('Other');
      return (ctx) => setDefaultPipeline(w.db, id, ctx);
    },
    setPipelineArchived: (w) => {
      const id = w.newPipeline('Other');
      return (ctx) => setPipelineArchived(w.db, id, true, ctx);
    },
    movePipeline: (w) => {
      const id = w.newPipeline('Other');
      return (ctx) => movePipeline(w.db, id, 'up', ctx);
    },
    deletePipeline: (w) => {
      const id = w.newPipeline('Other');
      return (ctx) => deletePipeline(w.db, id, ctx);
    },
    createStage: (w) => (ctx) => createStage(w.db, w.starter.pipelineId, { name: 'Demo', color: 'blue', probability: 30 }, ctx),
    updateStage: (w) => (ctx) => updateStage(w.db, w.starter.needs, { name: 'Discovery', color: 'blue', probability: 30 }, ctx),
    makeProposalStage: (w) => (ctx) => makeProposalStage(w.db, w.starter.negotiation, ctx),
    reorderStagesByOrder: (w) => (ctx) =>
      reorderStages(w.db, { pipelineId: w.starter.pipelineId, order: [w.starter.needs, w.starter.qualification, w.starter.proposal, w.starter.negotiation] }, ctx),
    reorderStagesByStep: (w) => (ctx) => reorderStages(w.db, { pipelineId: w.starter.pipelineId, stageId: w.starter.needs, direction: 'up' }, ctx),
    deleteStage: (w) => (ctx) => deleteStage(w.db, w.starter.needs, { moveTo: null }, ctx),
    deleteStageMovingItsOpportunities: (w) => {
      w.opp(w.starter.pipelineId, w.starter.needs);
      return (ctx) => deleteStage(w.db, w.starter.needs, { moveTo: w.starter.qualification }, ctx);
    },
  };

  describe.each(['manager', 'sales', 'readOnly', 'oldAdmin'] as const)('%s', (who) => {
    test.each(Object.keys(OPERATIONS))('%s is refused with errors.forbidden and changes nothing', (name) => {
      const w = world();
      const call = OPERATIONS[name](w);
      const before = contents(w);
      expect(call(w.ctxOf(w[who]))).toEqual({ ok: false, error: { code: 'errors.forbidden', fieldErrors: undefined } });
      expect(contents(w)).toEqual(before);
    });
  });

  test.each(Object.keys(OPERATIONS))('%s succeeds for an administrator and keeps the invariants', (name) => {
    const w = world();
    const call = OPERATIONS[name](w);
    expect(call(w.asAdmin).ok).toBe(true);
    expectInvariants(w);
  });
});

describe('pipelines', () => {
  test('a new pipeline gets the starter stages, comes last, is not the default, and is audited', () => {
    const w = world();
    const id = w.newPipeline('Renewals');
    const p = getPipeline(w.db, id)!;
    expect(p).toMatchObject({ name: 'Renewals', isDefault: false, archived: false });
    expect(w.kinds(id)).toEqual(['Qualification:open', 'Needs analysis:open', 'Proposal:proposal', 'Negotiation:open', 'Won:won', 'Lost:lost']);
    expect(listPipelines(w.db).map((x) => x.name)).toEqual(['New business', 'Renewals']);
    expect(w.audits('pipeline.created')).toMatchObject([{ entityType: 'pipeline', entityId: id, actorId: w.admin, data: { name: 'Renewals' } }]);
    expectInvariants(w);
  });

  test('a new pipeline can copy the stages of another one (names, kinds, colours, probabilities, order)', () => {
    const w = world();
    w.newStage(w.starter.pipelineId, 'Demo', { color: 'pink', probability: 35 });
    const id = w.newPipeline('Copy', w.starter.pipelineId);
    const strip = (pid: number) => listStages(w.db, pid).map(({ name, kind, color, probability, position }) => ({ name, kind, color, probability, position }));
    expect(strip(id)).toEqual(strip(w.starter.pipelineId));
    expect(w.audits('pipeline.created').at(-1)!.data).toMatchObject({ name: 'Copy', stagesFrom: 'New business' });
    expect(createPipeline(w.db, { name: 'Bad', stagesFrom: 9999 }, 'en', w.asAdmin)).toMatchObject({ ok: false, error: { fieldErrors: { stagesFrom: 'errors.invalidChoice' } } });
  });

  test('the starter stages of a new pipeline follow the language asked for', () => {
    const w = world();
    const r = createPipeline(w.db, { name: 'Renouvellements', stagesFrom: null }, 'fr', w.asAdmin);
    expect(r.ok).toBe(true);
    if (r.ok) expect(w.stageNames(r.value.id)).toEqual(['Qualification', 'Analyse des besoins', 'Proposition', 'Négociation', 'Gagnée', 'Perdue']);
  });

  test('names are unique whatever their case and accents, archived pipelines included', () => {
    const w = world();
    const renewals = w.newPipeline('Rénewals');
    expect(createPipeline(w.db, { name: 'NEW BUSINESS', stagesFrom: null }, 'en', w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'pipelines.errors.nameTaken' } },
    });
    expect(setPipelineArchived(w.db, renewals, true, w.asAdmin).ok).toBe(true);
    expect(createPipeline(w.db, { name: 'renewals', stagesFrom: null }, 'en', w.asAdmin)).toMatchObject({ ok: false, error: { fieldErrors: { name: 'pipelines.errors.nameTakenArchived' } } });
    expect(renamePipeline(w.db, w.starter.pipelineId, { name: 'Renewals' }, w.asAdmin)).toMatchObject({ ok: false, error: { fieldErrors: { name: 'pipelines.errors.nameTakenArchived' } } });
    // Its own name in another case is fine.
    expect(renamePipeline(w.db, w.starter.pipelineId, { name: 'New Business' }, w.asAdmin).ok).toBe(true);
    expect(getPipeline(w.db, w.starter.pipelineId)!.name).toBe('New Business');
    expect(w.audits('pipeline.updated').at(-1)).toMatchObject({ entityId: w.starter.pipelineId, data: { name: ['New business', 'New Business'] } });
  });

  test('the form schema folds spaces and refuses an empty or too long name', () => {
    expect(newPipelineSchema.parse({ name: '  Key   accounts ', stagesFrom: '' })).toEqual({ name: 'Key accounts', stagesFrom: null });
    expect(newPipelineSchema.safeParse({ name: '   ', stagesFrom: '' }).error?.issues[0].message).toBe('errors.required');
    expect(newPipelineSchema.safeParse({ name: 'x'.repeat(81), stagesFrom: '' }).error?.issues[0].message).toBe('errors.tooLong');
    expect(newPipelineSchema.parse({ name: 'A', stagesFrom: '3' }).stagesFrom).toBe(3);
  });

  test('exactly one default: setting another unsets the previous; an archived pipeline cannot be default', () => {
    const w = world();
    const renewals = w.newPipeline('Renewals');
    expect(setDefaultPipeline(w.db, renewals, w.asAdmin).ok).toBe(true);
    expect(listPipelines(w.db).map((p) => [p.name, p.isDefault])).toEqual([
      ['New business', false],
      ['Renewals', true],
    ]);
    expect(w.audits('pipeline.default_set')).toMatchObject([{ entityId: renewals, data: { name: 'Renewals', previous: 'New business' } }]);
    // Setting it again changes nothing and writes nothing.
    expect(setDefaultPipeline(w.db, renewals, w.asAdmin).ok).toBe(true);
    expect(w.audits('pipeline.default_set')).toHaveLength(1);

    expect(setPipelineArchived(w.db, w.starter.pipelineId, true, w.asAdmin).ok).toBe(true);
    expect(setDefaultPipeline(w.db, w.starter.pipelineId, w.asAdmin)).toEqual({ ok: false, error: { code: 'pipelines.errors.archivedDefault', fieldErrors: undefined } });
    expect(setDefaultPipeline(w.db, 9999, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expectInvariants(w);
  });

  test('the default cannot be archived; an archived pipeline keeps its opportunities but is not offered for new ones', () => {
    const w = world();
    expect(setPipelineArchived(w.db, w.starter.pipelineId, true, w.asAdmin)).toEqual({ ok: false, error: { code: 'pipelines.errors.archiveDefault', fieldErrors: undefined } });
    const renewals = w.newPipeline('Renewals');
    const kept = w.opp(renewals);
    expect(setPipelineArchived(w.db, renewals, true, w.asAdmin).ok).toBe(true);
    expect(listPipelines(w.db).map((p) => p.name)).toEqual(['New business']);
    expect(listPipelines(w.db, { includeArchived: true }).map((p) => [p.name, p.archived])).toEqual([
      ['New business', false],
      ['Renewals', true],
    ]);
    expect(w.db.select().from(opportunities).where(eq(opportunities.id, kept)).get()!.pipelineId).toBe(renewals);
    // The opportunity service refuses a new one in it.
    const r = createOpportunity(w.db, opportunityInput({ name: 'New deal', companyId: String(w.company), pipelineId: String(renewals), ownerId: String(w.admin) }), w.asAdmin);
    expect(r).toMatchObject({ ok: false, error: { fieldErrors: { pipelineId: 'errors.retiredValue' } } });
    // Moving an archived one is refused; restoring brings it back last of the active ones.
    expect(movePipeline(w.db, renewals, 'up', w.asAdmin)).toMatchObject({ ok: false, error: { code: 'pipelines.errors.archived' } });
    const third = w.newPipeline('Third');
    expect(setPipelineArchived(w.db, renewals, false, w.asAdmin).ok).toBe(true);
    expect(listPipelines(w.db).map((p) => p.name)).toEqual(['New business', 'Third', 'Renewals']);
    expect(w.audits('pipeline.archived')).toMatchObject([{ entityId: renewals, data: { name: 'Renewals' } }]);
    expect(w.audits('pipeline.restored')).toMatchObject([{ entityId: renewals, data: { name: 'Renewals' } }]);
    expect(third).toBeGreaterThan(0);
    expectInvariants(w);
  });

  test('pipelines move up and down among the active ones; at either end nothing changes', () => {
    const w = world();
    const b = w.newPipeline('B');
    const c = w.newPipeline('C');
    expect(movePipeline(w.db, c, 'up', w.asAdmin).ok).toBe(true);
    expect(listPipelines(w.db).map((p) => p.name)).toEqual(['New business', 'C', 'B']);
    expect(movePipeline(w.db, w.starter.pipelineId, 'up', w.asAdmin).ok).toBe(true);
    expect(movePipeline(w.db, b, 'down', w.asAdmin).ok).toBe(true);
    expect(listPipelines(w.db).map((p) => p.name)).toEqual(['New business', 'C', 'B']);
    expect(movePipeline(w.db, w.starter.pipelineId, 'down', w.asAdmin).ok).toBe(true);
    expect(listPipelines(w.db).map((p) => p.name)).toEqual(['C', 'New business', 'B']);
    expect(w.audits('pipeline.updated').map((a) => a.data)).toEqual([
      { name: 'C', position: [3, 2] },
      { name: 'New business', position: [1, 2] },
    ]);
  });

  test('a pipeline is deleted only when no opportunity uses it, and never the default', () => {
    const w = world();
    expect(deletePipeline(w.db, w.starter.pipelineId, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'pipelines.errors.deleteDefault' } });
    const renewals = w.newPipeline('Renewals');
    const o1 = w.opp(renewals);
    w.opp(renewals);
    const before = contents(w);
    expect(deletePipeline(w.db, renewals, w.asAdmin)).toEqual({ ok: false, error: { code: 'pipelines.errors.pipelineInUse', fieldErrors: { _count: '2' } } });
    expect(contents(w)).toEqual(before);

    // Emptied (the opportunities deleted), it goes with its stages.
    w.db.delete(opportunities).where(eq(opportunities.pipelineId, renewals)).run();
    expect(o1).toBeGreaterThan(0);
    expect(deletePipeline(w.db, renewals, w.asAdmin).ok).toBe(true);
    expect(getPipeline(w.db, renewals)).toBeNull();
    expect(w.db.all(sql`select id from pipeline_stages where pipeline_id = ${renewals}`)).toEqual([]);
    expect(w.audits('pipeline.deleted')).toMatchObject([{ entityId: renewals, data: { name: 'Renewals', stages: 6 } }]);
    expect(deletePipeline(w.db, renewals, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expectInvariants(w);
  });

  test('the first pipeline created when none is the default becomes the default', () => {
    const t = testDb();
    const admin = makeUser(t.db, { role: 'admin' });
    const r = createPipeline(t.db, { name: 'First', stagesFrom: null }, 'en', { user: viewerOf(t.db, admin), now: T0 });
    expect(r.ok).toBe(true);
    expect(listPipelines(t.db)).toMatchObject([{ name: 'First', isDefault: true }]);
  });
});

describe('stages', () => {
  test('a new stage is an open one, inserted before won and lost, and audited with its pipeline', () => {
    const w = world();
    const id = w.newStage(w.starter.pipelineId, 'Demo', { color: 'pink', probability: 60 });
    expect(w.kinds(w.starter.pipelineId)).toEqual(['Qualification:open', 'Needs analysis:open', 'Proposal:proposal', 'Negotiation:open', 'Demo:open', 'Won:won', 'Lost:lost']);
    expect(listStages(w.db, w.starter.pipelineId).find((s) => s.id === id)).toMatchObject({ color: 'pink', probability: 60, kind: 'open' });
    expect(w.audits('pipeline.stage_created')).toMatchObject([
      { entityType: 'pipeline', entityId: w.starter.pipelineId, data: { pipeline: 'New business', stage: 'Demo', color: 'pink', probability: 60 } },
    ]);
    expectInvariants(w);
  });

  test('stage names are unique within a pipeline (not across pipelines)', () => {
    const w = world();
    expect(createStage(w.db, w.starter.pipelineId, { name: 'nÉgotiation', color: 'blue', probability: 10 }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'pipelines.errors.stageNameTaken' } },
    });
    expect(updateStage(w.db, w.starter.needs, { name: 'WON', color: 'blue', probability: 10 }, w.asAdmin)).toMatchObject({ ok: false, error: { fieldErrors: { name: 'pipelines.errors.stageNameTaken' } } });
    const other = makePipeline(w.db, 'Other');
    expect(createStage(w.db, other.pipelineId, { name: 'Demo', color: 'blue', probability: 10 }, w.asAdmin).ok).toBe(true);
    expect(createStage(w.db, w.starter.pipelineId, { name: 'Demo', color: 'blue', probability: 10 }, w.asAdmin).ok).toBe(true);
    expect(createStage(w.db, 9999, { name: 'Demo', color: 'blue', probability: 10 }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
  });

  test('the stage form takes a colour of the palette and a probability from 0 to 100', () => {
    const parse = (probability: string, color = 'blue') => stageSchema.safeParse({ name: 'Demo', color, probability });
    expect(parse('50 %').data?.probability).toBe(50);
    expect(parse('0').data?.probability).toBe(0);
    expect(parse('100').data?.probability).toBe(100);
    for (const bad of ['-1', '101', '12.5', 'abc', '']) {
      expect(parse(bad).error?.issues[0].message, bad).toBe('pipelines.errors.invalidProbability');
    }
    expect(parse('10', 'chartreuse').error?.issues[0].message).toBe('errors.invalidChoice');
  });

  test('renaming, recolouring and changing the default probability; one audit row with what changed', () => {
    const w = world();
    expect(updateStage(w.db, w.starter.needs, { name: 'Discovery', color: 'pink', probability: 30 }, w.asAdmin).ok).toBe(true);
    expect(listStages(w.db, w.starter.pipelineId).find((s) => s.id === w.starter.needs)).toMatchObject({ name: 'Discovery', color: 'pink', probability: 30, kind: 'open' });
    expect(w.audits('pipeline.stage_updated')).toMatchObject([
      { entityId: w.starter.pipelineId, data: { pipeline: 'New business', stage: 'Discovery', name: ['Needs analysis', 'Discovery'], color: ['blue', 'pink'], probability: [25, 30] } },
    ]);
    // Nothing changed: nothing written.
    expect(updateStage(w.db, w.starter.needs, { name: 'Discovery', color: 'pink', probability: 30 }, w.asAdmin).ok).toBe(true);
    expect(w.audits('pipeline.stage_updated')).toHaveLength(1);
    // Won and lost keep their kind when edited.
    expect(updateStage(w.db, w.starter.won, { name: 'Signed', color: 'green', probability: 100 }, w.asAdmin).ok).toBe(true);
    expect(w.kinds(w.starter.pipelineId).slice(-2)).toEqual(['Signed:won', 'Lost:lost']);
    expect(updateStage(w.db, 9999, { name: 'X', color: 'green', probability: 1 }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
  });

  test('an open stage can be made THE proposal stage: the previous one becomes open; won and lost cannot', () => {
    const w = world();
    expect(makeProposalStage(w.db, w.starter.negotiation, w.asAdmin).ok).toBe(true);
    expect(w.kinds(w.starter.pipelineId)).toEqual(['Qualification:open', 'Needs analysis:open', 'Proposal:open', 'Negotiation:proposal', 'Won:won', 'Lost:lost']);
    expect(w.audits('pipeline.stage_updated')).toMatchObject([{ data: { pipeline: 'New business', stage: 'Negotiation', kind: ['open', 'proposal'], previous: 'Proposal' } }]);
    // Already the proposal stage: nothing to do.
    expect(makeProposalStage(w.db, w.starter.negotiation, w.asAdmin).ok).toBe(true);
    expect(w.audits('pipeline.stage_updated')).toHaveLength(1);
    for (const closed of [w.starter.won, w.starter.lost]) {
      expect(makeProposalStage(w.db, closed, w.asAdmin)).toEqual({ ok: false, error: { code: 'pipelines.errors.closedStageKind', fieldErrors: undefined } });
    }
    // Another pipeline's proposal stage is untouched.
    const other = makePipeline(w.db, 'Other');
    expect(makeProposalStage(w.db, other.qualification, w.asAdmin).ok).toBe(true);
    expect(w.kinds(w.starter.pipelineId)[3]).toBe('Negotiation:proposal');
    expectInvariants(w);
  });

  describe('reordering', () => {
    test('a whole new order of the open stages (a drag); won and lost stay last', () => {
      const w = world();
      const s = w.starter;
      expect(reorderStages(w.db, { pipelineId: s.pipelineId, order: [s.negotiation, s.qualification, s.proposal, s.needs] }, w.asAdmin).ok).toBe(true);
      expect(w.stageNames(s.pipelineId)).toEqual(['Negotiation', 'Qualification', 'Proposal', 'Needs analysis', 'Won', 'Lost']);
      expect(w.audits('pipeline.stage_moved')).toMatchObject([
        {
          entityId: s.pipelineId,
          data: {
            pipeline: 'New business',
            order: [
              ['Qualification', 'Needs analysis', 'Proposal', 'Negotiation'],
              ['Negotiation', 'Qualification', 'Proposal', 'Needs analysis'],
            ],
          },
        },
      ]);
      // The same order again: nothing written.
      expect(reorderStages(w.db, { pipelineId: s.pipelineId, order: [s.negotiation, s.qualification, s.proposal, s.needs] }, w.asAdmin).ok).toBe(true);
      expect(w.audits('pipeline.stage_moved')).toHaveLength(1);
      expectInvariants(w);
    });

    test('an order that puts won or lost among the open stages, misses a stage or names another pipeline’s is refused', () => {
      const w = world();
      const s = w.starter;
      const other = makePipeline(w.db, 'Other');
      const before = contents(w);
      const refused = (order: number[]) => reorderStages(w.db, { pipelineId: s.pipelineId, order }, w.asAdmin);
      expect(refused([s.qualification, s.won, s.needs, s.proposal, s.negotiation])).toMatchObject({ ok: false, error: { code: 'pipelines.errors.closedStagesLast' } });
      expect(refused([s.qualification, s.needs, s.proposal, s.negotiation, s.lost, s.won])).toMatchObject({ ok: false, error: { code: 'pipelines.errors.closedStagesLast' } });
      expect(refused([s.qualification, s.needs, s.proposal])).toMatchObject({ ok: false, error: { code: 'pipelines.errors.stagesChanged' } });
      expect(refused([s.qualification, s.needs, s.proposal, s.proposal])).toMatchObject({ ok: false, error: { code: 'pipelines.errors.stagesChanged' } });
      expect(refused([s.qualification, s.needs, s.proposal, other.negotiation])).toMatchObject({ ok: false, error: { code: 'pipelines.errors.stagesChanged' } });
      expect(contents(w)).toEqual(before);
    });

    test('one step up or down (the buttons): the last open stage does not pass won, and won and lost do not move', () => {
      const w = world();
      const s = w.starter;
      const step = (stageId: number, direction: 'up' | 'down') => reorderStages(w.db, { pipelineId: s.pipelineId, stageId, direction }, w.asAdmin);
      expect(step(s.needs, 'up').ok).toBe(true);
      expect(w.stageNames(s.pipelineId)).toEqual(['Needs analysis', 'Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']);
      expect(step(s.needs, 'up').ok).toBe(true);
      expect(step(s.negotiation, 'down').ok).toBe(true);
      expect(w.stageNames(s.pipelineId)).toEqual(['Needs analysis', 'Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']);
      expect(w.audits('pipeline.stage_moved')).toHaveLength(1);
      expect(step(s.won, 'up')).toMatchObject({ ok: false, error: { code: 'pipelines.errors.closedStagesLast' } });
      expect(step(s.lost, 'down')).toMatchObject({ ok: false, error: { code: 'pipelines.errors.closedStagesLast' } });
      const other = makePipeline(w.db, 'Other');
      expect(step(other.needs, 'up')).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
      expectInvariants(w);
    });

    test('the order form takes repeated ids, or a stage and a direction', () => {
      expect(stageOrderForm.parse({ pipelineId: '1', order: ['4', '2', '3'] })).toEqual({ pipelineId: 1, order: [4, 2, 3] });
      expect(stageOrderForm.parse({ pipelineId: '1', stageId: '4', direction: 'down' })).toMatchObject({ pipelineId: 1, stageId: 4, direction: 'down' });
      expect(stageOrderForm.safeParse({ pipelineId: '1' }).success).toBe(false);
      expect(stageOrderForm.safeParse({ pipelineId: '1', stageId: '4', direction: 'sideways' }).success).toBe(false);
    });
  });

  describe('deleting', () => {
    test('an unused open stage is deleted and the others are renumbered', () => {
      const w = world();
      const s = w.starter;
      const r = deleteStage(w.db, s.needs, { moveTo: null }, w.asAdmin);
      expect(r).toEqual({ ok: true, value: { moved: 0, pipelineId: s.pipelineId } });
      expect(w.stageNames(s.pipelineId)).toEqual(['Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']);
      expect(w.audits('pipeline.stage_deleted')).toMatchObject([{ entityId: s.pipelineId, data: { pipeline: 'New business', stage: 'Needs analysis' } }]);
      expectInvariants(w);
    });

    test('a stage in use is refused with its count, and nothing changes', () => {
      const w = world();
      const s = w.starter;
      w.opp(s.pipelineId, s.needs);
      w.opp(s.pipelineId, s.needs);
      w.opp(s.pipelineId, s.needs);
      const before = contents(w);
      expect(deleteStage(w.db, s.needs, { moveTo: null }, w.asAdmin)).toEqual({ ok: false, error: { code: 'pipelines.errors.stageInUse', fieldErrors: { _count: '3', _name: 'Needs analysis' } } });
      expect(contents(w)).toEqual(before);
      expect(stageUsage(w.db, s.pipelineId).get(s.needs)).toBe(3);
    });

    test('its opportunities can be moved to another open stage in the same transaction, after that column’s cards', () => {
      const w = world();
      const s = w.starter;
      const there = w.opp(s.pipelineId, s.negotiation);
      const a = w.opp(s.pipelineId, s.needs);
      const b = w.opp(s.pipelineId, s.needs);
      const r = deleteStage(w.db, s.needs, { moveTo: s.negotiation }, w.asAdmin);
      expect(r).toEqual({ ok: true, value: { moved: 2, pipelineId: s.pipelineId } });
      const rows = w.db.select().from(opportunities).where(eq(opportunities.stageId, s.negotiation)).orderBy(opportunities.position).all();
      expect(rows.map((o) => o.id)).toEqual([there, a, b]);
      expect(rows.find((o) => o.id === a)).toMatchObject({ version: 2, updatedBy: w.admin, status: 'open' });
      expect(w.audits('opportunity.moved').map((x) => [x.entityId, x.data])).toEqual([
        [a, { stageId: [s.needs, s.negotiation], stage: ['Needs analysis', 'Negotiation'], stageDeleted: true }],
        [b, { stageId: [s.needs, s.negotiation], stage: ['Needs analysis', 'Negotiation'], stageDeleted: true }],
      ]);
      expect(w.audits('pipeline.stage_deleted').at(-1)!.data).toMatchObject({ stage: 'Needs analysis', moved: 2, movedTo: 'Negotiation' });
      expect(stageUsage(w.db, s.pipelineId).get(s.negotiation)).toBe(3);
      expectInvariants(w);
    });

    test('the stage taking the opportunities must be another open stage of the same pipeline', () => {
      const w = world();
      const s = w.starter;
      w.opp(s.pipelineId, s.needs);
      const other = makePipeline(w.db, 'Other');
      const before = contents(w);
      for (const moveTo of [s.needs, s.won, s.lost, other.qualification, 9999]) {
        expect(deleteStage(w.db, s.needs, { moveTo }, w.asAdmin), String(moveTo)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { moveTo: 'errors.invalidChoice' } } });
      }
      expect(contents(w)).toEqual(before);
      // The proposal stage is a fine target.
      expect(deleteStage(w.db, s.needs, { moveTo: s.proposal }, w.asAdmin).ok).toBe(true);
    });

    test('the proposal, won and lost stages cannot be deleted', () => {
      const w = world();
      const s = w.starter;
      expect(deleteStage(w.db, s.proposal, { moveTo: null }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'pipelines.errors.deleteProposal' } });
      expect(deleteStage(w.db, s.won, { moveTo: null }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'pipelines.errors.deleteClosed' } });
      expect(deleteStage(w.db, s.lost, { moveTo: null }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'pipelines.errors.deleteClosed' } });
      expect(deleteStage(w.db, 9999, { moveTo: null }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
      expectInvariants(w);
    });

    test('closed opportunities that would reopen in a deleted stage forget it (or follow the moved ones)', () => {
      const w = world();
      const s = w.starter;
      const closed = w.opp(s.pipelineId, s.needs);
      const r = closeOpportunity(w.db, closed, closeSchema.parse({ outcome: 'won', closeDate: '2026-01-15' }), w.asAdmin);
      expect(r.ok).toBe(true);
      expect(w.db.select().from(opportunities).where(eq(opportunities.id, closed)).get()!.reopenStageId).toBe(s.needs);
      // Not counted as a use: the stage holds no opportunity any more.
      expect(deleteStage(w.db, s.needs, { moveTo: null }, w.asAdmin).ok).toBe(true);
      expect(w.db.select().from(opportunities).where(eq(opportunities.id, closed)).get()!.reopenStageId).toBeNull();

      const closed2 = w.opp(s.pipelineId, s.qualification);
      w.opp(s.pipelineId, s.qualification);
      expect(closeOpportunity(w.db, closed2, closeSchema.parse({ outcome: 'won', closeDate: '2026-01-15' }), w.asAdmin).ok).toBe(true);
      expect(deleteStage(w.db, s.qualification, { moveTo: s.negotiation }, w.asAdmin).ok).toBe(true);
      expect(w.db.select().from(opportunities).where(eq(opportunities.id, closed2)).get()!.reopenStageId).toBe(s.negotiation);
    });
  });
});

describe('usage counts', () => {
  test('per pipeline (open and closed) and per stage, in one grouped query each', () => {
    const w = world();
    const s = w.starter;
    const other = makePipeline(w.db, 'Other');
    w.opp(s.pipelineId, s.needs);
    const won = w.opp(s.pipelineId, s.needs);
    w.opp(other.pipelineId);
    expect(closeOpportunity(w.db, won, closeSchema.parse({ outcome: 'won', closeDate: '2026-01-15' }), w.asAdmin).ok).toBe(true);
    expect(pipelineUsage(w.db).get(s.pipelineId)).toEqual({ open: 1, closed: 1 });
    expect(pipelineUsage(w.db).get(other.pipelineId)).toEqual({ open: 1, closed: 0 });
    expect([...stageUsage(w.db, s.pipelineId)].sort()).toEqual([
      [s.needs, 1],
      [s.won, 1],
    ]);
    expect([...stageUsage(w.db, other.pipelineId)]).toEqual([[other.qualification, 1]]);
  });
});

describe('usage counts read an index, not the opportunities table', () => {
  test.each([
    ['stageUsage', 'opportunities_board_idx', (db: Db, pipelineId: number) => stageUsage(db, pipelineId)],
    ['pipelineUsage', 'opportunities_pipeline_idx', (db: Db) => pipelineUsage(db)],
  ] as const)('%s uses %s (covering)', (_, index, fn) => {
    const w = world();
    const logged: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(w.t.sqlite, { schema, logger: { logQuery: (q, params) => logged.push({ sql: q, params }) } }) as unknown as Db;
    fn(db, w.starter.pipelineId);
    const q = logged.find((l) => l.sql.includes('from "opportunities"'))!;
    const plan = (w.t.sqlite.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((l) => /\bopportunities\b/.test(l))).toEqual([expect.stringContaining(`USING COVERING INDEX ${index}`)]);
  });
});
