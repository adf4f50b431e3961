// What of the catalogue travels to the browser. Every page embeds the messages its client components may
// read in its HTML (React server payload): sending all of them made each page ~75 KB heavier than needed.
// Client components use the namespaces below; every namespace's `errors` also goes, because field and
// form errors are message keys of any area (see lib/forms issueKey). A unit test scans the client
// components' keys so this list cannot fall behind.

export const CLIENT_NAMESPACES = [
  'board',
  'common',
  'companies',
  'contacts',
  'duplicates',
  'errorPage',
  'errors',
  'fields',
  'language',
  'leadBoard',
  'leadSettings',
  'leads',
  'login',
  'opportunities',
  'organisation',
  'pipelines',
  'profile',
  'reference',
  'roleHelp',
  'roles',
  'setPassword',
  'setup',
  'teams',
  'users',
] as const;

type Messages = Record<string, unknown>;
const picked = new WeakMap<Messages, Messages>();

/** The part of a locale's catalogue client components need (computed once per catalogue). */
export function clientMessages(messages: Messages): Messages {
  const hit = picked.get(messages);
  if (hit) return hit;
  const out: Messages = {};
  for (const [ns, value] of Object.entries(messages)) {
    if ((CLIENT_NAMESPACES as readonly string[]).includes(ns)) out[ns] = value;
    else if (value && typeof value === 'object' && 'errors' in value) out[ns] = { errors: (value as { errors: unknown }).errors };
  }
  picked.set(messages, out);
  return out;
}
