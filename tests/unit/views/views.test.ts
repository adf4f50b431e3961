import { describe, expect, test } from 'vitest';
import { savedViews } from '@/db/schema';
import { COLUMNS, configFromParams, paramsFromConfig, DEFAULT_COLUMNS } from '@/lib/views/columns';
import { defaultView, getView, listViews } from '@/lib/views/queries';
import { deleteView, saveView, setDefaultView, shareView } from '@/lib/views/service';
import { T0, viewerOf } from '../../helpers/db';
import { makePeople, seededWorld } from '../../helpers/customers';

const world = seededWorld((db) => makePeople(db));
const ctx = (h: ReturnType<typeof world>, id: number, now = T0 + 1000) => ({ user: viewerOf(h.db, id), now });
const cfg = { columns: ['name', 'owner', 'created'], filters: { type: 'client' }, sort: 'created' as const };

describe('saved views', () => {
  test('create, rename, reconfigure and delete', () => {
    const h = world();
    const { salesA1 } = h.w;
    const r = saveView(h.db, { area: 'companies', name: ' Clients ', config: cfg }, ctx(h, salesA1));
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value.id : 0;
    expect(getView(h.db, viewerOf(h.db, salesA1), id)).toMatchObject({ name: 'Clients', config: cfg, mine: true, isDefault: false, teamId: null });
    expect(saveView(h.db, { id, area: 'companies', name: 'Big clients' }, ctx(h, salesA1)).ok).toBe(true);
    expect(saveView(h.db, { id, area: 'companies', config: { columns: ['type', 'bogus'], filters: { city: 'Lyon', nope: 'x' } } }, ctx(h, salesA1)).ok).toBe(true);
    // Unknown columns and filter keys are dropped; the name column is always there.
    expect(getView(h.db, viewerOf(h.db, salesA1), id)).toMatchObject({ name: 'Big clients', config: { columns: ['name', 'type'], filters: { city: 'Lyon' } } });
    expect(deleteView(h.db, id, ctx(h, salesA1)).ok).toBe(true);
    expect(getView(h.db, viewerOf(h.db, salesA1), id)).toBeNull();
  });

  test('names are unique per user and list, required, and other users may reuse them', () => {
    const h = world();
    const { salesA1, salesA2 } = h.w;
    expect(saveView(h.db, { area: 'companies', name: 'Mine', config: cfg }, ctx(h, salesA1)).ok).toBe(true);
    expect(saveView(h.db, { area: 'companies', name: 'Mine', config: cfg }, ctx(h, salesA1))).toMatchObject({ ok: false, error: { fieldErrors: { name: 'views.errors.nameTaken' } } });
    expect(saveView(h.db, { area: 'contacts', name: 'Mine', config: cfg }, ctx(h, salesA1)).ok).toBe(true);
    expect(saveView(h.db, { area: 'companies', name: 'Mine', config: cfg }, ctx(h, salesA2)).ok).toBe(true);
    expect(saveView(h.db, { area: 'companies', name: '  ', config: cfg }, ctx(h, salesA2))).toMatchObject({ ok: false, error: { fieldErrors: { name: 'errors.required' } } });
  });

  test('one default per user and list, switched in one transaction', () => {
    const h = world();
    const { salesA1 } = h.w;
    const ids = ['A', 'B', 'C'].map((name) => {
      const r = saveView(h.db, { area: 'companies', name, config: cfg, isDefault: true }, ctx(h, salesA1));
      return r.ok ? r.value.id : 0;
    });
    const other = saveView(h.db, { area: 'contacts', name: 'X', config: cfg, isDefault: true }, ctx(h, salesA1));
    const defaults = () => h.db.select().from(savedViews).all().filter((v) => v.isDefault).map((v) => v.id).sort();
    expect(defaults()).toEqual([ids[2], other.ok ? other.value.id : 0].sort());
    expect(setDefaultView(h.db, 'companies', ids[0], ctx(h, salesA1)).ok).toBe(true);
    expect(defaultView(h.db, viewerOf(h.db, salesA1), 'companies')?.id).toBe(ids[0]);
    expect(defaults()).toHaveLength(2);
    expect(setDefaultView(h.db, 'companies', null, ctx(h, salesA1)).ok).toBe(true);
    expect(defaultView(h.db, viewerOf(h.db, salesA1), 'companies')).toBeNull();
    // A view of another list cannot become this list's default.
    expect(setDefaultView(h.db, 'companies', other.ok ? other.value.id : 0, ctx(h, salesA1)).ok).toBe(false);
  });

  test('sharing: team members see and use a shared view, others do not; only the owner changes it', () => {
    const h = world();
    const { salesA1, salesA2, salesB, managerA, teamA, teamB, admin } = h.w;
    const r = saveView(h.db, { area: 'companies', name: 'Team clients', config: cfg }, ctx(h, salesA1));
    const id = r.ok ? r.value.id : 0;
    expect(listViews(h.db, viewerOf(h.db, salesA2), 'companies')).toEqual([]);
    // Only with one of one's own teams.
    expect(shareView(h.db, id, teamB, ctx(h, salesA1))).toMatchObject({ ok: false, error: { fieldErrors: { teamId: 'errors.teamNotAllowed' } } });
    expect(shareView(h.db, id, teamA, ctx(h, salesA1)).ok).toBe(true);
    for (const u of [salesA2, managerA]) {
      const seen = listViews(h.db, viewerOf(h.db, u), 'companies');
      expect(seen.map((v) => [v.id, v.mine, v.teamName])).toEqual([[id, false, 'North']]);
      expect(getView(h.db, viewerOf(h.db, u), id)?.config).toEqual(cfg);
    }
    expect(listViews(h.db, viewerOf(h.db, salesB), 'companies')).toEqual([]);
    expect(getView(h.db, viewerOf(h.db, salesB), id)).toBeNull();
    expect(listViews(h.db, viewerOf(h.db, salesA2), 'contacts')).toEqual([]);

    // Team members may use it, not change it; strangers do not even find it.
    expect(saveView(h.db, { id, area: 'companies', name: 'Hijacked' }, ctx(h, salesA2))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(deleteView(h.db, id, ctx(h, managerA))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(shareView(h.db, id, null, ctx(h, salesA2))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(setDefaultView(h.db, 'companies', id, ctx(h, salesA2))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(deleteView(h.db, id, ctx(h, salesB))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(deleteView(h.db, id, ctx(h, admin))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(getView(h.db, viewerOf(h.db, salesA1), id)?.name).toBe('Team clients');

    expect(shareView(h.db, id, null, ctx(h, salesA1)).ok).toBe(true);
    expect(listViews(h.db, viewerOf(h.db, salesA2), 'companies')).toEqual([]);
  });

  test('own views come first, then shared ones; a shared default is only the owner’s', () => {
    const h = world();
    const { salesA1, salesA2, teamA } = h.w;
    saveView(h.db, { area: 'contacts', name: 'Shared', config: cfg, teamId: teamA, isDefault: true }, ctx(h, salesA1));
    saveView(h.db, { area: 'contacts', name: 'Zed', config: cfg }, ctx(h, salesA2));
    const seen = listViews(h.db, viewerOf(h.db, salesA2), 'contacts');
    expect(seen.map((v) => [v.name, v.mine, v.isDefault])).toEqual([
      ['Zed', true, false],
      ['Shared', false, false],
    ]);
    expect(defaultView(h.db, viewerOf(h.db, salesA2), 'contacts')).toBeNull();
    expect(defaultView(h.db, viewerOf(h.db, salesA1), 'contacts')?.name).toBe('Shared');
  });

  test('deactivated users have no views', () => {
    const h = world();
    expect(saveView(h.db, { area: 'companies', name: 'X', config: cfg }, ctx(h, h.w.deactivated)).ok).toBe(false);
    expect(listViews(h.db, viewerOf(h.db, h.w.deactivated), 'companies')).toEqual([]);
  });
});

describe('query strings and configurations', () => {
  test('round trip, with the columns chooser’s order numbers', () => {
    const c = configFromParams('companies', { type: 'client', cursor: 'x', view: '3', col: ['owner', 'name', 'created'], pos_owner: '1', pos_name: '2', pos_created: '3', sort: 'created' });
    expect(c).toEqual({ columns: ['owner', 'name', 'created'], filters: { type: 'client' }, sort: 'created' });
    const p = paramsFromConfig('companies', c);
    expect(p.toString()).toBe('type=client&sort=created&cols=owner%2Cname%2Ccreated');
    expect(configFromParams('companies', Object.fromEntries(p))).toEqual(c);
  });

  test('defaults: no cols parameter, no sort', () => {
    const c = configFromParams('contacts', { owner: 'all' });
    expect(c).toEqual({ columns: DEFAULT_COLUMNS.contacts, filters: { owner: 'all' } });
    expect(paramsFromConfig('contacts', c).toString()).toBe('owner=all');
  });
});

describe('sorts per list', () => {
  test('each list keeps only its own sorts; companies and contacts never store their default (name)', () => {
    expect(configFromParams('opportunities', { sort: 'amount' }).sort).toBe('amount');
    expect(configFromParams('opportunities', { sort: 'closed', status: 'closed' })).toEqual({ columns: DEFAULT_COLUMNS.opportunities, filters: { status: 'closed' }, sort: 'closed' });
    // Opportunities have no fixed default (it follows the status): "name" is a real choice there.
    expect(configFromParams('opportunities', { sort: 'name' }).sort).toBe('name');
    expect(configFromParams('companies', { sort: 'amount' }).sort).toBeUndefined();
    expect(configFromParams('contacts', { sort: 'name' }).sort).toBeUndefined();
    expect(paramsFromConfig('opportunities', { columns: [], filters: { status: 'all' }, sort: 'amount' }).toString()).toBe('status=all&sort=amount');
    expect(paramsFromConfig('companies', { columns: [], filters: {}, sort: 'close' as never }).toString()).toBe('');
  });

  test('an opportunities view keeps its sort, its filters and every one of its columns', () => {
    const h = world();
    const columns = [...COLUMNS.opportunities];
    const r = saveView(h.db, { area: 'opportunities', name: 'Big deals', config: { columns, filters: { status: 'all', min: '10000', type: 'x', nope: 'y' }, sort: 'amount' } }, ctx(h, h.w.salesA1));
    expect(r.ok).toBe(true);
    expect(getView(h.db, viewerOf(h.db, h.w.salesA1), r.ok ? r.value.id : 0)?.config).toEqual({ columns, filters: { status: 'all', min: '10000', type: 'x' }, sort: 'amount' });
    // A sort of another list is dropped rather than refused.
    const c = saveView(h.db, { area: 'companies', name: 'Odd', config: { columns: ['name'], filters: {}, sort: 'amount' } }, ctx(h, h.w.salesA1));
    expect(c.ok).toBe(true);
    expect(getView(h.db, viewerOf(h.db, h.w.salesA1), c.ok ? c.value.id : 0)?.config.sort).toBeUndefined();
  });
});
