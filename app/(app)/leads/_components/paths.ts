/** Where a lead's page is. */
export const leadPath = (id: number) => `/leads/${id}`;

/** A path with query parameters added (a notice for the page it leads to). */
export function withParams(path: string, params: Record<string, string | number>): string {
  const url = new URL(path, 'http://local');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The id of the convert page's GET form that searches companies (its inputs sit inside the convert form). */
export const COMPANY_SEARCH_FORM = 'convert-company-search';
