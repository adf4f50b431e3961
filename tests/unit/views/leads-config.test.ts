import { describe, expect, test } from 'vitest';
import { listUrl, noticeParams, readNotice } from '@/app/(app)/_views/notices';
import { saveView } from '@/lib/views/service';
import { getView } from '@/lib/views/queries';
import { configFromParams, DEFAULT_COLUMNS, paramsFromConfig } from '@/lib/views/columns';
import { T0, viewerOf } from '../../helpers/db';
import { makePeople, seededWorld } from '../../helpers/customers';

const world = seededWorld((db) => makePeople(db));

describe('the leads list in saved views', () => {
  test('filters and sorts of the leads list; name is the default order and never stored', () => {
    const c = configFromParams('leads', { owner: 'mine', state: 'closed', status: '3', minScore: '-5', source: '7', tag: '2', from: '2026-01-01', junk: 'x', sort: 'score', cursor: 'abc' });
    expect(c).toEqual({ columns: [...DEFAULT_COLUMNS.leads], filters: { owner: 'mine', state: 'closed', status: '3', minScore: '-5', source: '7', tag: '2', from: '2026-01-01' }, sort: 'score' });
    expect(configFromParams('leads', { sort: 'name' }).sort).toBeUndefined();
    expect(configFromParams('leads', { sort: 'amount' }).sort).toBeUndefined();
    expect(paramsFromConfig('leads', { columns: ['name', 'score', 'stars'], filters: { owner: 'unassigned' }, sort: 'created' }).toString()).toBe('owner=unassigned&sort=created&cols=name%2Cscore%2Cstars');
  });

  test('a view keeps "mine" as a word: shared, it means each viewer’s own leads', () => {
    const h = world();
    const r = saveView(h.db, { area: 'leads', name: 'Hot mine', config: { columns: ['name', 'score'], filters: { owner: 'mine', minScore: '20', bogus: '1' }, sort: 'score' }, teamId: h.w.teamA }, { user: viewerOf(h.db, h.w.salesA1), now: T0 });
    expect(r.ok).toBe(true);
    const seen = getView(h.db, viewerOf(h.db, h.w.salesA2), r.ok ? r.value.id : 0, 'leads');
    expect(seen?.config).toEqual({ columns: ['name', 'score'], filters: { owner: 'mine', minScore: '20' }, sort: 'score' });
  });
});

describe('notices of the leads bulk actions', () => {
  test('taken and statusChanged read from the leads list messages; lead refusals shown, anything else not', () => {
    expect(readNotice(Object.fromEntries(noticeParams('taken', { count: '3' })))).toEqual({ kind: 'ok', key: 'leadList.notices.taken', values: { count: 3 } });
    expect(readNotice(Object.fromEntries(noticeParams('statusChanged', { count: '1' })))).toEqual({ kind: 'ok', key: 'leadList.notices.statusChanged', values: { count: 1 } });
    expect(readNotice(Object.fromEntries(noticeParams('assigned', { count: '2' })))?.key).toBe('views.notices.assigned');
    expect(readNotice(Object.fromEntries(noticeParams(undefined, {}, 'leads.errors.useConvert')))).toEqual({ kind: 'error', key: 'leads.errors.useConvert', values: {} });
    expect(readNotice(Object.fromEntries(noticeParams(undefined, {}, 'leads.errors.somethingElse')))?.key).toBe('errors.invalidValue');
    expect(listUrl('leads', 'owner=mine&notice=old', noticeParams('taken', { count: '1' }))).toBe('/leads?owner=mine&notice=taken&count=1');
  });
});
