import type { Database, Statement } from 'better-sqlite3';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, contacts, leads, opportunities, type CompanyType, type OpportunityStatus } from '@/db/schema';
import { visibleWhere, type Viewer } from '@/lib/permissions';
import { SEARCH_KINDS } from './index-records';

/** What the user typed, past this, is ignored: a search box is not a document. */
const MAX_QUERY_CHARS = 200;
const MAX_PHRASES = 8;

// The characters FTS5's unicode61 tokenizer keeps in a token (categories L*, N*, Co; combining marks fold away).
const TOKEN = /[\p{L}\p{M}\p{N}\p{Co}]+/gu;
const HAS_BASE = /[\p{L}\p{N}\p{Co}]/u;
// Inside an email, a domain, a URL or a hyphenated name, words stay together as one phrase.
const CHUNK = /[\p{L}\p{M}\p{N}\p{Co}.@_'’/:&+-]+/gu;
// Digit groups of 1–4 separated by spaces, dots or dashes, as phone numbers (and SIRENs) are written:
// "06 12 34", "+33 6 12 34 56 78", "06.12.34", "552 120 222". Not "12 75001" (a number and a postal code).
const DIGIT_RUN = /(?<![\p{L}\p{M}\p{N}])(?:\+|00)?\d{1,4}(?:[\s.-]+\d{1,4})+(?![\p{L}\p{M}\p{N}])/gu;
// Legal forms are in most company names: as a word of a longer query they narrow nothing and cost the
// most (the doclist of "sa"* covers half the index).
const LEGAL_FORMS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'snc', 'scop', 'selarl', 'gmbh', 'ltd', 'llc', 'inc', 'plc']);
const FR_INTERNATIONAL_RUN = /(?<![\p{L}\p{M}\p{N}])(?:\+|00)33\d{6,}/gu;
// "+33 6…", "0033 6…", "+33 06…" and "+33 (0)6…" are all "06…" in the index.
const INTERNATIONAL_FR = /^(?:\+|00)33[\s.-]*0?/;

/** One phone as the index stores it (normalizePhone): digits only, French numbers in national form. */
function digitsOf(run: string): string {
  return run.replace(INTERNATIONAL_FR, '0').replace(/\D/g, '');
}

const chars = (t: string) => [...t].length;

/**
 * What the user typed as FTS5 will compare it: a list of phrases, each a list of tokens (letters and
 * digits; every other character separates tokens, as in the index). Words joined by punctuation
 * ("jean.dupont@acme.fr", "Saint-Étienne", "l'Oréal") stay together as one phrase; a phone typed in
 * groups becomes one digit token. A phrase never ends with a one-character token: that prefix is not in
 * the prefix index and would cost a scan of the vocabulary.
 */
export function searchPhrases(q: string): string[][] {
  const text = q
    .slice(0, MAX_QUERY_CHARS)
    .replace(/((?:\+|00)33)[\s.-]*\(0\)/g, '$1 ')
    .replace(DIGIT_RUN, (run) => ` ${digitsOf(run)} `)
    .replace(FR_INTERNATIONAL_RUN, digitsOf);
  const seen = new Set<string>();
  const phrases: string[][] = [];
  for (const chunk of text.match(CHUNK) ?? []) {
    const tokens = (chunk.match(TOKEN) ?? []).filter((t) => HAS_BASE.test(t));
    while (tokens.length && chars(tokens[tokens.length - 1]) < 2) tokens.pop();
    const key = tokens.join(' ').toLowerCase();
    if (!tokens.length || seen.has(key)) continue;
    seen.add(key);
    phrases.push(tokens);
  }
  const meaningful = phrases.filter((p) => p.length > 1 || !LEGAL_FORMS.has(p[0].toLowerCase()));
  return (meaningful.length ? meaningful : phrases).slice(0, MAX_PHRASES);
}

/**
 * The FTS5 MATCH expression for what the user typed: each phrase quoted ('"' + … + '"*', quotes doubled)
 * so nothing typed is read as FTS syntax, its last word a prefix, all phrases ANDed.
 * Null when nothing searchable remains (an empty query, one character, punctuation only).
 */
export function buildMatchQuery(q: string): string | null {
  const phrases = searchPhrases(q);
  if (!phrases.length) return null;
  return phrases.map((p) => `"${p.join(' ').replaceAll('"', '""')}"*`).join(' AND ');
}

export type CompanyHit = { id: number; name: string; type: CompanyType; city: string | null; archived: boolean };
export type ContactHit = { id: number; name: string; companyName: string | null; email: string | null; active: boolean };
export type OpportunityHit = { id: number; name: string; companyName: string; status: OpportunityStatus; amount: number; currency: string };
export type LeadHit = { id: number; name: string; companyName: string | null; email: string | null; statusName: string; closed: boolean };
export type SearchResults = { companies: CompanyHit[]; contacts: ContactHit[]; opportunities: OpportunityHit[]; leads: LeadHit[] };

/**
 * How many of the newest matches of a kind the viewer may see are ranked. BM25 costs about a microsecond a
 * row: ranking every match of "ma" among 400,000 records takes 50 to 100 ms. A query that matches more
 * than this is too broad to rank usefully anyway; the page then asks for more words.
 */
export const RANKED_CANDIDATES = 200;

// Names (title) count ten times the rest (emails, phones, domains, cities): the company called Martin
// comes before the company whose contact is called Martin.
const RANK = sql.raw('bm25(search_fts, 10.0, 1.0)');
const kindIs = (kind: keyof typeof SEARCH_KINDS) => sql.raw(`(search_fts.rowid & 7) = ${SEARCH_KINDS[kind]}`);
const idOfRow = sql.raw('(search_fts.rowid >> 3)');

/**
 * One statement per kind: the FTS index yields matches newest first, each joined to its record by
 * INTEGER PRIMARY KEY and kept if the viewer may see it; the first RANKED_CANDIDATES are ranked by BM25,
 * and only the best `limit` are read in full.
 */
function companiesSql(visible: SQL, onlyActive: boolean): SQL {
  return sql`with hits as materialized (
      select ${companies.id} as id, ${RANK} as rank
      from search_fts join ${companies} on ${companies.id} = ${idOfRow}
      where search_fts match ${sql.placeholder('match')} and ${kindIs('company')}
        and (${visible})${onlyActive ? sql` and ${companies.archived} = 0` : sql``}
      order by search_fts.rowid desc
      limit ${RANKED_CANDIDATES}
    ), best as (select id, rank from hits order by rank, id limit ${sql.placeholder('limit')})
    select c.id as id, c.name as name, c.type as type, c.archived as archived,
      (select a.city from company_addresses a where a.company_id = c.id order by a.is_default desc, a.id limit 1) as city
    from best join companies c on c.id = best.id
    order by best.rank, best.id`;
}

function contactsSql(visible: SQL): SQL {
  return sql`with hits as materialized (
      select ${contacts.id} as id, ${RANK} as rank
      from search_fts join ${contacts} on ${contacts.id} = ${idOfRow}
      where search_fts match ${sql.placeholder('match')} and ${kindIs('contact')}
        and (${visible})
      order by search_fts.rowid desc
      limit ${RANKED_CANDIDATES}
    ), best as (select id, rank from hits order by rank, id limit ${sql.placeholder('limit')})
    select c.id as id, trim(coalesce(c.first_name, '') || ' ' || c.last_name) as name,
      (select co.name from companies co where co.id = c.company_id) as companyName,
      c.email as email, c.active as active
    from best join contacts c on c.id = best.id
    order by best.rank, best.id`;
}

function opportunitiesSql(visible: SQL): SQL {
  return sql`with hits as materialized (
      select ${opportunities.id} as id, ${RANK} as rank
      from search_fts join ${opportunities} on ${opportunities.id} = ${idOfRow}
      where search_fts match ${sql.placeholder('match')} and ${kindIs('opportunity')}
        and (${visible})
      order by search_fts.rowid desc
      limit ${RANKED_CANDIDATES}
    ), best as (select id, rank from hits order by rank, id limit ${sql.placeholder('limit')})
    select o.id as id, o.name as name, co.name as companyName, o.status as status, o.amount as amount, o.currency as currency
    from best join opportunities o on o.id = best.id join companies co on co.id = o.company_id
    order by best.rank, best.id`;
}

function leadsSql(visible: SQL): SQL {
  return sql`with hits as materialized (
      select ${leads.id} as id, ${RANK} as rank
      from search_fts join ${leads} on ${leads.id} = ${idOfRow}
      where search_fts match ${sql.placeholder('match')} and ${kindIs('lead')}
        and (${visible})
      order by search_fts.rowid desc
      limit ${RANKED_CANDIDATES}
    ), best as (select id, rank from hits order by rank, id limit ${sql.placeholder('limit')})
    select l.id as id, trim(coalesce(l.first_name, '') || ' ' || l.last_name) as name, l.company_name as companyName,
      l.email as email, s.name as statusName, s.closed as closed
    from best join leads l on l.id = best.id join lead_statuses s on s.id = l.status_id
    order by best.rank, best.id`;
}

const dialect = new SQLiteSyncDialect();
const statements = new WeakMap<Database, Map<string, Statement>>();

// drizzle() puts the better-sqlite3 connection on the database object; our Db type leaves it out.
const clientOf = (db: Db) => (db as Db & { $client: Database }).$client;

/**
 * Runs a query through a better-sqlite3 statement prepared once per connection and SQL text. The
 * viewer's visibility condition is bound as parameters, so its text changes only with the role and the
 * number of teams: a handful of statements per process.
 */
function run<T>(db: Db, query: SQL, values: Record<string, unknown>): T[] {
  const client = clientOf(db);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) {
    if (cache.size >= 64) cache.clear();
    stmt = client.prepare(text);
    cache.set(text, stmt);
  }
  return stmt.all(...fillPlaceholders(params, values)) as T[];
}

const clampLimit = (n: number) => Math.max(1, Math.min(Math.trunc(n) || 1, RANKED_CANDIDATES));

type CompanyRow = Omit<CompanyHit, 'archived'> & { archived: number };
type ContactRow = Omit<ContactHit, 'active'> & { active: number };

/**
 * The global search: companies, contacts, opportunities and leads the viewer may see whose names, emails, phones, domains or
 * cities start with every word typed, best first (BM25, names weighted above the rest), `perKind` of each.
 */
export function searchAll(db: Db, viewer: Viewer, q: string, { perKind = 10 }: { perKind?: number } = {}): SearchResults {
  const match = buildMatchQuery(q);
  if (!match || !viewer.active) return { companies: [], contacts: [], opportunities: [], leads: [] };
  const values = { match, limit: clampLimit(perKind) };
  return {
    companies: run<CompanyRow>(db, companiesSql(visibleWhere(viewer, companies), false), values).map((r) => ({ ...r, archived: r.archived === 1 })),
    contacts: run<ContactRow>(db, contactsSql(visibleWhere(viewer, contacts)), values).map((r) => ({ ...r, active: r.active === 1 })),
    opportunities: run<OpportunityHit>(db, opportunitiesSql(visibleWhere(viewer, opportunities)), values),
    leads: run<Omit<LeadHit, 'closed'> & { closed: number }>(db, leadsSql(visibleWhere(viewer, leads)), values).map((r) => ({ ...r, closed: r.closed === 1 })),
  };
}

/** Companies for the contact form's picker: active ones the viewer may see, best match first. */
export function searchCompaniesForPicker(db: Db, viewer: Viewer, q: string, limit = 10): { id: number; name: string }[] {
  const match = buildMatchQuery(q);
  if (!match || !viewer.active) return [];
  return run<CompanyRow>(db, companiesSql(visibleWhere(viewer, companies), true), { match, limit: clampLimit(limit) }).map(({ id, name }) => ({ id, name }));
}

/** EXPLAIN QUERY PLAN of the search statements for this viewer, one line per step: to check they stay index-driven. */
export function searchQueryPlan(db: Db, viewer: Viewer, kind: 'company' | 'contact' | 'picker' | 'opportunity' | 'lead'): string[] {
  const query =
    kind === 'contact'
      ? contactsSql(visibleWhere(viewer, contacts))
      : kind === 'opportunity'
        ? opportunitiesSql(visibleWhere(viewer, opportunities))
        : kind === 'lead'
          ? leadsSql(visibleWhere(viewer, leads))
          : companiesSql(visibleWhere(viewer, companies), kind === 'picker');
  const { sql: text, params } = dialect.sqlToQuery(query);
  const rows = clientOf(db).prepare(`explain query plan ${text}`).all(...fillPlaceholders(params, { match: '"x"*', limit: 10 })) as { detail: string }[];
  return rows.map((r) => r.detail);
}
