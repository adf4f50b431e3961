// The bench scenarios: for each page, its address and the data it loads — the same lib calls, in the same
// order, as the page, its layout and the request's session check (read the page when you change one).
import type { Db } from '@/db/client';
import type { SessionUser } from '@/lib/auth/session';
import { validateSessionToken } from '@/lib/auth/session';
import { companyTimeline, getCompany, listCompanyContacts } from '@/lib/companies/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { leadBoard } from '@/lib/leads/board';
import { listLeads, type LeadFilters } from '@/lib/leads/list';
import { leadFormOptions, leadListOptions } from '@/lib/leads/queries';
import { companyLeads } from '@/lib/leads/record-queries';
import { boardColumns } from '@/lib/opportunities/board';
import { dayIn } from '@/lib/opportunities/dates';
import { forecast } from '@/lib/opportunities/forecast';
import { companyOpportunities, opportunityFormOptions } from '@/lib/opportunities/queries';
import { defaultPipeline, listPipelines } from '@/lib/pipelines/queries';
import { searchAll } from '@/lib/search/queries';
import { getOrgSettings } from '@/lib/settings/queries';
import { listViews } from '@/lib/views/queries';

export type BenchManifest = {
  scale: string;
  factor: number;
  seed: number;
  asOf: string;
  counts: Record<string, number>;
  admin: { id: number; email: string };
  manager: { id: number; email: string };
  owners: { id: number; email: string; teamId: number }[];
  teams: { id: number; name: string }[];
  bigCustomerId: number;
  defaultPipelineId: number;
  leadStatuses: { id: number; name: string; kind: string }[];
  searchPrefix: string;
  password?: string;
};

export type ScenarioEnv = { db: Db; user: SessionUser; token: string; now: number; manifest: BenchManifest };

export type PageScenario = {
  id: string;
  title: string;
  /** The page's address (path and query). */
  path: string;
  /** Everything the page reads, through Suivi's own query functions. */
  data: () => unknown;
};

/** What every signed-in page pays: the session check, the settings read by the i18n request config and by the layout. */
function shell(env: ScenarioEnv) {
  validateSessionToken(env.db, env.token, env.now);
  getOrgSettings(env.db);
  getOrgSettings(env.db);
}

/** "Lead list with two filters and a sort": one working status, one team, by score. */
export function leadListFilters(env: ScenarioEnv): { filters: LeadFilters; query: URLSearchParams } {
  const working = env.manifest.leadStatuses.filter((s) => s.kind === 'open');
  const status = working[0] ?? env.manifest.leadStatuses[0];
  const team = env.manifest.teams[1] ?? env.manifest.teams[0];
  const filters: LeadFilters = { state: 'open', statusId: status.id, teamId: team.id, owner: undefined, sort: 'score' };
  const query = new URLSearchParams({ owner: 'all', state: 'open', status: String(status.id), team: String(team.id), sort: 'score' });
  return { filters, query };
}

/** The cursor of page `depth` (1 = the first page) of the lead list, or of its last page if shorter. */
export function deepLeadCursor(env: ScenarioEnv, depth: number): { cursor: string | null; page: number } {
  const { filters } = leadListFilters(env);
  let cursor: string | null = null;
  let page = 1;
  while (page < depth) {
    const next: string | null = listLeads(env.db, env.user, filters, cursor).nextCursor;
    if (!next) break;
    cursor = next;
    page++;
  }
  return { cursor, page };
}

export function pageScenarios(env: ScenarioEnv, deep: { cursor: string | null; page: number }): PageScenario[] {
  const { db, user } = env;
  const m = env.manifest;
  const list = leadListFilters(env);
  const leadList = (cursor: string | null) => () => {
    shell(env);
    listViews(db, user, 'leads');
    getOrgSettings(db);
    listLeads(db, user, list.filters, cursor);
    return leadListOptions(db, user);
  };
  const deepQuery = new URLSearchParams(list.query);
  if (deep.cursor) deepQuery.set('cursor', deep.cursor);
  const scenarios: PageScenario[] = [
    { id: 'lead-list', title: 'Lead list, 2 filters + sort, first page', path: `/leads?${list.query}`, data: leadList(null) },
    { id: 'lead-list-deep', title: `Lead list, same, page ${deep.page}`, path: `/leads?${deepQuery}`, data: leadList(deep.cursor) },
    {
      id: 'lead-board',
      title: 'Leads kanban, first paint',
      path: '/leads/board?owner=all',
      data: () => {
        shell(env);
        leadBoard(db, user, { owner: undefined, teamId: undefined, closedDays: undefined }, { now: env.now, limits: {} });
        return leadFormOptions(db, user, {}, 'filter');
      },
    },
    {
      id: 'customer',
      title: 'Customer page of a big customer',
      path: `/companies/${m.bigCustomerId}`,
      data: () => {
        shell(env);
        const company = getCompany(db, user, m.bigCustomerId);
        listCompanyContacts(db, user, m.bigCustomerId);
        companyTimeline(db, user, m.bigCustomerId, 30);
        if (company?.can.assign) customerFormOptions(db, user);
        companyLeads(db, user, m.bigCustomerId);
        return companyOpportunities(db, user, m.bigCustomerId);
      },
    },
    {
      id: 'search',
      title: `Global search "${m.searchPrefix}", top 20 per kind`,
      path: `/search?q=${encodeURIComponent(m.searchPrefix)}`,
      data: () => {
        shell(env);
        return searchAll(db, user, m.searchPrefix, { perKind: 20 });
      },
    },
    {
      id: 'opportunity-board',
      title: 'Opportunities kanban (default pipeline) with totals',
      path: '/opportunities/board?owner=all',
      data: () => {
        shell(env);
        listPipelines(db);
        const pipeline = defaultPipeline(db);
        boardColumns(db, user, pipeline!.id, { ownerId: undefined, teamId: undefined, closedDays: undefined }, { now: env.now, limits: {} });
        return customerFormOptions(db, user, {}, 'filter');
      },
    },
    {
      id: 'forecast',
      title: 'Forecast (6 months)',
      path: '/opportunities/forecast',
      data: () => {
        shell(env);
        const from = dayIn(getOrgSettings(db).timeZone, env.now).slice(0, 7);
        forecast(db, user, { from, months: 6, by: 'none' });
        return opportunityFormOptions(db, user, {}, 'filter');
      },
    },
  ];
  return scenarios;
}
