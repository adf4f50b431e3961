import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { defaultPipeline, listStages, stageOfKind } from '@/lib/pipelines/queries';
import { ensureStarterData } from '@/lib/pipelines/starter';
import { T0, testDb } from '../../helpers/db';

describe('starter data', () => {
  test('a default pipeline with one proposal, one won and one lost stage, types and lost reasons, in the organisation’s language', () => {
    const { db } = testDb();
    ensureStarterData(db, 'fr', T0);
    const p = defaultPipeline(db)!;
    expect(p).toMatchObject({ name: 'Affaires nouvelles', isDefault: true });
    const stages = listStages(db, p.id);
    expect(stages.map((s) => [s.name, s.kind, s.probability])).toEqual([
      ['Qualification', 'open', 10],
      ['Analyse des besoins', 'open', 25],
      ['Proposition', 'proposal', 50],
      ['Négociation', 'open', 75],
      ['Gagnée', 'won', 100],
      ['Perdue', 'lost', 0],
    ]);
    expect(stageOfKind(db, p.id, 'proposal')?.name).toBe('Proposition');
    const refs = db.all<{ kind: string; n: number }>(sql`select kind, count(*) as n from ref_values group by kind order by kind`);
    expect(refs).toEqual([
      { kind: 'lost_reason', n: 5 },
      { kind: 'opportunity_type', n: 3 },
    ]);
  });

  test('runs once: a second start, even in another language, changes nothing', () => {
    const h = testDb();
    ensureStarterData(h.db, 'en', T0);
    const before = ['pipelines', 'pipeline_stages', 'ref_values'].map((t) => h.sqlite.prepare(`select * from ${t}`).all());
    ensureStarterData(h.db, 'fr', T0 + 1);
    expect(['pipelines', 'pipeline_stages', 'ref_values'].map((t) => h.sqlite.prepare(`select * from ${t}`).all())).toEqual(before);
    expect(defaultPipeline(h.db)?.name).toBe('New business');
  });
});
