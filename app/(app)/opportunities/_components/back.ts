export { safeBack, withParams } from '@/lib/urls';

/** Where a record's page is. */
export const recordPath = (id: number) => `/opportunities/${id}`;
