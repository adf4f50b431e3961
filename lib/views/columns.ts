import type { ViewArea } from '@/db/schema/views';

/** The columns a list can show, in their natural order; a view keeps a chosen, ordered subset. */
export const COLUMNS = {
  companies: ['name', 'type', 'city', 'phone', 'owner', 'team', 'contacts', 'created', 'tags', 'keyAccount', 'family', 'industry'],
  contacts: ['name', 'company', 'jobTitle', 'email', 'phone', 'owner', 'team', 'consent', 'created', 'tags', 'active'],
  opportunities: ['name', 'company', 'pipeline', 'stage', 'amount', 'weighted', 'probability', 'closeDate', 'owner', 'team', 'score', 'type', 'created', 'tags'],
  leads: ['name', 'company', 'phone', 'email', 'city', 'status', 'owner', 'team', 'score', 'stars', 'source', 'created', 'tags'],
} as const satisfies Record<ViewArea, readonly string[]>;

export type ColumnOf<A extends ViewArea> = (typeof COLUMNS)[A][number];

export const DEFAULT_COLUMNS: { [A in ViewArea]: ColumnOf<A>[] } = {
  companies: ['name', 'type', 'city', 'phone', 'owner', 'contacts'],
  contacts: ['name', 'company', 'email', 'phone', 'owner'],
  opportunities: ['name', 'company', 'stage', 'amount', 'closeDate', 'owner'],
  leads: ['name', 'company', 'phone', 'city', 'created', 'owner', 'status', 'score'],
};

/** The query-string keys each list page reads as filters (the same keys a saved view stores). */
export const FILTER_KEYS: Record<ViewArea, readonly string[]> = {
  companies: ['owner', 'type', 'team', 'family', 'tag', 'city', 'key', 'archived', 'from', 'to'],
  contacts: ['owner', 'team', 'tag', 'consent', 'active', 'company', 'from', 'to'],
  opportunities: ['owner', 'status', 'pipeline', 'stage', 'team', 'month', 'min', 'max', 'type', 'tag', 'company'],
  leads: ['owner', 'state', 'status', 'team', 'source', 'tag', 'minScore', 'from', 'to'],
};

/**
 * The orders each list offers. Companies, contacts and leads default to `name` (never stored); opportunities have no
 * fixed default (it follows the status filter), so any of theirs is kept when asked for.
 */
export const SORTS = {
  companies: ['name', 'created'],
  contacts: ['name', 'created'],
  opportunities: ['close', 'closed', 'name', 'amount', 'created'],
  leads: ['name', 'created', 'score'],
} as const satisfies Record<ViewArea, readonly string[]>;
export type SortOf<A extends ViewArea> = (typeof SORTS)[A][number];
export type ListSort = SortOf<ViewArea>;
const FIXED_DEFAULT_SORT: Partial<Record<ViewArea, ListSort>> = { companies: 'name', contacts: 'name', leads: 'name' };

export type ViewConfig<A extends ViewArea = ViewArea> = { columns: string[]; filters: Record<string, string>; sort?: SortOf<A> };

/** A sort worth keeping in a view or a URL: one the list offers, other than its fixed default. */
export function cleanSort<A extends ViewArea>(area: A, sort: unknown): SortOf<A> | undefined {
  const known: readonly string[] = SORTS[area];
  return typeof sort === 'string' && known.includes(sort) && sort !== FIXED_DEFAULT_SORT[area] ? (sort as SortOf<A>) : undefined;
}

/** Known columns only, each once, in the given order; the defaults when nothing valid is left. */
export function cleanColumns(area: ViewArea, cols: readonly string[]): string[] {
  const known: readonly string[] = COLUMNS[area];
  const out = [...new Set(cols.filter((c) => known.includes(c)))];
  // A list without its name column has nothing to click: the name always comes first.
  if (out.length && !out.includes('name')) out.unshift('name');
  return out.length ? out : [...DEFAULT_COLUMNS[area]];
}

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The columns asked for by a query string: `cols=a,b,c` (canonical), or what the columns chooser posts
 * with JavaScript off: `col=a&col=b&pos_a=2&pos_b=1` (checked boxes and their order numbers).
 */
export function columnsFromParams(area: ViewArea, sp: Params): string[] | null {
  const picked = sp.col === undefined ? null : Array.isArray(sp.col) ? sp.col : [sp.col];
  if (picked) {
    const known: readonly string[] = COLUMNS[area];
    const pos = (c: string) => {
      const n = Number(first(sp[`pos_${c}`]));
      return Number.isFinite(n) ? n : known.indexOf(c) + 100;
    };
    return cleanColumns(area, [...picked].sort((a, b) => pos(a) - pos(b) || known.indexOf(a) - known.indexOf(b)));
  }
  const cols = first(sp.cols);
  return cols ? cleanColumns(area, cols.split(',')) : null;
}

/** A view's configuration from a list page's query string (cursor and view id left out). */
export function configFromParams<A extends ViewArea>(area: A, sp: Params): ViewConfig<A> {
  const filters: Record<string, string> = {};
  for (const k of FILTER_KEYS[area]) {
    const v = first(sp[k])?.trim();
    if (v) filters[k] = v.slice(0, 200);
  }
  const sort = cleanSort(area, first(sp.sort));
  return { columns: columnsFromParams(area, sp) ?? [...DEFAULT_COLUMNS[area]], filters, ...(sort ? { sort } : {}) };
}

/** The canonical query string of a configuration: what a view's link and the page's own links carry. */
export function paramsFromConfig(area: ViewArea, config: ViewConfig): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS[area]) if (config.filters[k]) p.set(k, config.filters[k]);
  const sort = cleanSort(area, config.sort);
  if (sort) p.set('sort', sort);
  const cols = cleanColumns(area, config.columns);
  if (cols.join() !== DEFAULT_COLUMNS[area].join()) p.set('cols', cols.join(','));
  return p;
}
