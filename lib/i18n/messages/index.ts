// One catalogue per locale, assembled from one file per area so areas can be edited independently.
// Each area file owns its top-level keys; a key defined twice is a mistake caught by the unit tests.
// Service error codes are message keys: `errors.*` (core) or `<area>.errors.*` (an area file).
import enCore from './en/core.json';
import enCustomers from './en/customers.json';
import enReference from './en/reference.json';
import enMerge from './en/merge.json';
import enSearch from './en/search.json';
import enViews from './en/views.json';
import enOpportunities from './en/opportunities.json';
import enPipelines from './en/pipelines.json';
import enBoard from './en/board.json';
import enForecast from './en/forecast.json';
import enLeads from './en/leads.json';
import enLeadSettings from './en/lead-settings.json';
import enLeadLists from './en/lead-lists.json';
import frCore from './fr/core.json';
import frCustomers from './fr/customers.json';
import frReference from './fr/reference.json';
import frMerge from './fr/merge.json';
import frSearch from './fr/search.json';
import frViews from './fr/views.json';
import frOpportunities from './fr/opportunities.json';
import frPipelines from './fr/pipelines.json';
import frBoard from './fr/board.json';
import frForecast from './fr/forecast.json';
import frLeads from './fr/leads.json';
import frLeadSettings from './fr/lead-settings.json';
import frLeadLists from './fr/lead-lists.json';

export const MESSAGE_FILES = {
  en: { core: enCore, customers: enCustomers, reference: enReference, search: enSearch, merge: enMerge, views: enViews, opportunities: enOpportunities, pipelines: enPipelines, board: enBoard, forecast: enForecast, leads: enLeads, leadSettings: enLeadSettings, leadLists: enLeadLists },
  fr: { core: frCore, customers: frCustomers, reference: frReference, search: frSearch, merge: frMerge, views: frViews, opportunities: frOpportunities, pipelines: frPipelines, board: frBoard, forecast: frForecast, leads: frLeads, leadSettings: frLeadSettings, leadLists: frLeadLists },
} as const;

function merge(files: Record<string, object>): Record<string, unknown> {
  return Object.assign({}, ...Object.values(files));
}

export const MESSAGES = { en: merge(MESSAGE_FILES.en), fr: merge(MESSAGE_FILES.fr) } as const;
