/** Where a lead's page is. */
export const leadPath = (id: number) => `/leads/${id}`;

export { safeBack, withParams } from '@/lib/urls';

/** The id of the convert page's GET form that searches companies (its inputs sit inside the convert form). */
export const COMPANY_SEARCH_FORM = 'convert-company-search';
