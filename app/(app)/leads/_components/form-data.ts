import type { Db } from '@/db/client';
import { leadFormOptions, type LeadDetail, type LeadFormOptions } from '@/lib/leads/queries';
import type { Viewer } from '@/lib/permissions';

/** The lead form's choices; when editing, the lead's current values stay choosable (retired lists, owner, team). */
export function leadFormData(db: Db, viewer: Viewer, lead?: LeadDetail): LeadFormOptions {
  const options = leadFormOptions(db, viewer, lead ? { refIds: [lead.industry?.id ?? null, lead.source?.id ?? null, lead.category?.id ?? null], tagIds: lead.tags.map((x) => x.id) } : {});
  if (lead?.owner && !options.owners.some((x) => x.value === String(lead.owner!.id))) options.owners.unshift({ value: String(lead.owner.id), label: lead.owner.name });
  if (lead?.team && !options.teams.some((x) => x.value === String(lead.team!.id))) options.teams.unshift({ value: String(lead.team.id), label: lead.team.name });
  return options;
}
