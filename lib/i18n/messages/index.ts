// One catalogue per locale, assembled from one file per area so areas can be edited independently.
// Each area file owns its top-level keys; a key defined twice is a mistake caught by the unit tests.
// Service error codes are message keys: `errors.*` (core) or `<area>.errors.*` (an area file).
import enCore from './en/core.json';
import enCustomers from './en/customers.json';
import enReference from './en/reference.json';
import enMerge from './en/merge.json';
import enSearch from './en/search.json';
import enViews from './en/views.json';
import frCore from './fr/core.json';
import frCustomers from './fr/customers.json';
import frReference from './fr/reference.json';
import frMerge from './fr/merge.json';
import frSearch from './fr/search.json';
import frViews from './fr/views.json';

export const MESSAGE_FILES = {
  en: { core: enCore, customers: enCustomers, reference: enReference, search: enSearch, merge: enMerge, views: enViews },
  fr: { core: frCore, customers: frCustomers, reference: frReference, search: frSearch, merge: frMerge, views: frViews },
} as const;

function merge(files: Record<string, object>): Record<string, unknown> {
  return Object.assign({}, ...Object.values(files));
}

export const MESSAGES = { en: merge(MESSAGE_FILES.en), fr: merge(MESSAGE_FILES.fr) } as const;
