import type { ViewArea } from '@/db/schema';

/** Notices a list page shows after a view or bulk action (anything else in the URL is ignored). */
export const NOTICES = ['saved', 'deleted', 'defaultSet', 'assigned', 'tagged', 'untagged', 'archived', 'deactivated', 'taken', 'statusChanged'] as const;
export type Notice = (typeof NOTICES)[number];

/** The message of each notice: the shared ones in `views`, the leads' own in `leadList`. */
const NOTICE_MESSAGE: Record<Notice, string> = {
  saved: 'views.notices.saved',
  deleted: 'views.notices.deleted',
  defaultSet: 'views.notices.defaultSet',
  assigned: 'views.notices.assigned',
  tagged: 'views.notices.tagged',
  untagged: 'views.notices.untagged',
  archived: 'views.notices.archived',
  deactivated: 'views.notices.deactivated',
  taken: 'leadList.notices.taken',
  statusChanged: 'leadList.notices.statusChanged',
};

/** Message keys a refusal may show; the URL cannot make the page display anything else. */
export const ERROR_KEYS = [
  'views.errors.bulkRefused',
  'views.errors.tooMany',
  'views.errors.nothingSelected',
  'views.errors.nameTaken',
  'views.notices.pickOwner',
  'views.notices.pickTag',
  'leadList.errors.pickStatus',
  'leads.errors.cannotTake',
  'leads.errors.cannotTakeSome',
  'leads.errors.useConvert',
  'leads.errors.useLose',
  'leads.errors.converted',
  'leads.errors.closed',
  'leads.errors.queueNeedsTeam',
  'errors.ownerNotAllowed',
  'errors.teamNotAllowed',
  'errors.invalidChoice',
  'errors.retiredValue',
  'errors.forbidden',
  'errors.notFound',
  'errors.required',
  'errors.tooLong',
  'errors.invalidValue',
  'errors.invalidForm',
] as const;

const VALUE_KEYS = ['count', 'total', 'max'] as const;

export function noticeParams(notice?: string, values: Record<string, string> = {}, error?: string): URLSearchParams {
  const p = new URLSearchParams();
  if (notice) p.set('notice', notice);
  if (error) p.set('error', (ERROR_KEYS as readonly string[]).includes(error) ? error : 'errors.invalidValue');
  for (const k of VALUE_KEYS) if (values[k] && /^\d+$/.test(values[k])) p.set(k, values[k]);
  return p;
}

/** A list page URL: only the list's own path, with the given query string and the notice. */
export function listUrl(area: ViewArea, query: string, extra: URLSearchParams): string {
  const p = new URLSearchParams(query.slice(0, 2000));
  for (const k of ['notice', 'error', ...VALUE_KEYS]) p.delete(k);
  for (const [k, v] of extra) p.set(k, v);
  const s = p.toString();
  return `/${area}${s ? `?${s}` : ''}`;
}

/** What the page should show, read back from its query string. */
export function readNotice(sp: Record<string, string | undefined>): { kind: 'ok' | 'error'; key: string; values: Record<string, number> } | null {
  const values = Object.fromEntries(VALUE_KEYS.filter((k) => sp[k] && /^\d+$/.test(sp[k]!)).map((k) => [k, Number(sp[k])]));
  if (sp.error && (ERROR_KEYS as readonly string[]).includes(sp.error)) return { kind: 'error', key: sp.error, values };
  if (sp.notice && (NOTICES as readonly string[]).includes(sp.notice)) return { kind: 'ok', key: NOTICE_MESSAGE[sp.notice as Notice], values };
  return null;
}
