'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { ViewArea } from '@/db/schema';
import { bulkArchive, bulkAssignOwner, bulkDeactivate, bulkLeadStatus, bulkTag, bulkTakeLeads, type BulkKind } from '@/lib/customers/bulk';
import { formDataToObject } from '@/lib/forms';
import type { ServiceError } from '@/lib/result';
import { configFromParams, paramsFromConfig } from '@/lib/views/columns';
import { saveViewSchema } from '@/lib/views/schema';
import { deleteView, saveView, setDefaultView } from '@/lib/views/service';
import { actionContext } from '@/app/_server/action';
import { listUrl, noticeParams } from './notices';

const AREA_OF: Record<BulkKind, ViewArea> = { company: 'companies', contact: 'contacts', opportunity: 'opportunities', lead: 'leads' };
const num = (v: FormDataEntryValue | null) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const areaOf = (v: FormDataEntryValue | null): ViewArea => (v === 'contacts' || v === 'opportunities' || v === 'leads' ? v : 'companies');
const kindOf = (v: FormDataEntryValue | null): BulkKind => (v === 'contact' || v === 'opportunity' || v === 'lead' ? v : 'company');

function back(area: ViewArea, query: FormDataEntryValue | null, extra: URLSearchParams): never {
  redirect(listUrl(area, typeof query === 'string' ? query : '', extra));
}

/** "Save this view" and the owner's changes to the view on screen (rename, share, default, delete). */
export async function saveViewAction(formData: FormData): Promise<void> {
  const ctx = await actionContext();
  const area = areaOf(formData.get('area'));
  const op = formData.get('op');
  const query = formData.get('query');
  const id = num(formData.get('id'));
  if (op === 'delete' && id) {
    const r = deleteView(getDb(), id, ctx);
    back(area, r.ok ? '' : query, r.ok ? noticeParams('deleted') : errorParams(r.error));
  }
  if ((op === 'default' || op === 'undefault') && id) {
    const r = setDefaultView(getDb(), area, op === 'default' ? id : null, ctx);
    back(area, query, r.ok ? noticeParams('defaultSet') : errorParams(r.error));
  }
  const parsed = saveViewSchema.safeParse({ ...formDataToObject(formData), id: op === 'create' ? null : formData.get('id') });
  if (!parsed.success) back(area, query, errorParams({ code: String(parsed.error.issues[0]?.message ?? 'errors.invalidValue') }));
  const f = parsed.data;
  const config = configFromParams(area, Object.fromEntries(new URLSearchParams(f.query)));
  const r = saveView(getDb(), { id: f.id, area, name: f.name, config, teamId: f.teamId, ...(f.id && !f.isDefault ? {} : { isDefault: f.isDefault }) }, ctx);
  if (!r.ok) back(area, query, errorParams(r.error));
  revalidatePath(`/${area}`);
  const p = paramsFromConfig(area, config);
  p.set('view', String(r.value.id));
  back(area, p.toString(), noticeParams('saved'));
}

/** The bulk form: the checked rows and the button pressed; everything or nothing. */
export async function bulkAction(formData: FormData): Promise<void> {
  const ctx = await actionContext();
  const kind = kindOf(formData.get('kind'));
  const area = AREA_OF[kind];
  const query = formData.get('query');
  const ids = formData.getAll('ids').map((v) => num(v)).filter((v): v is number => v !== null);
  const op = String(formData.get('op') ?? '');
  const db = getDb();
  let result;
  let notice: string;
  // A row's own "take charge" button (op=take:<id>) or "assign to me" for the checked rows (leads).
  const takeOne = /^take:(\d+)$/.exec(op);
  if (kind === 'lead' && (op === 'take' || takeOne)) {
    result = bulkTakeLeads(db, takeOne ? [Number(takeOne[1])] : ids, ctx);
    notice = 'taken';
  } else if (kind === 'lead' && op === 'status') {
    const statusId = num(formData.get('statusId'));
    if (!statusId) back(area, query, errorParams({ code: 'leadList.errors.pickStatus' }));
    result = bulkLeadStatus(db, ids, statusId, ctx);
    notice = 'statusChanged';
  } else if (op === 'assign') {
    const ownerId = num(formData.get('ownerId'));
    if (!ownerId) back(area, query, errorParams({ code: 'views.notices.pickOwner' }));
    result = bulkAssignOwner(db, kind, ids, { ownerId, teamId: num(formData.get('teamId')) }, ctx);
    notice = 'assigned';
  } else if (kind === 'opportunity') {
    // Opportunities are only reassigned in bulk.
    back(area, query, errorParams({ code: 'errors.invalidValue' }));
  } else if (op === 'tag_add' || op === 'tag_remove') {
    const tagId = num(formData.get('tagId'));
    if (!tagId) back(area, query, errorParams({ code: 'views.notices.pickTag' }));
    result = bulkTag(db, kind, ids, tagId, op === 'tag_add' ? 'add' : 'remove', ctx);
    notice = op === 'tag_add' ? 'tagged' : 'untagged';
  } else if (op === 'archive' && kind !== 'lead') {
    result = kind === 'company' ? bulkArchive(db, ids, ctx) : bulkDeactivate(db, ids, ctx);
    notice = kind === 'company' ? 'archived' : 'deactivated';
  } else {
    back(area, query, errorParams({ code: 'errors.invalidValue' }));
  }
  if (!result.ok) back(area, query, errorParams(result.error));
  revalidatePath(`/${area}`);
  back(area, query, noticeParams(notice, { count: String(result.value.count) }));
}

/** A refusal as query parameters: the first field's message (or the code) and its values. */
function errorParams(error: ServiceError): URLSearchParams {
  const fields = Object.entries(error.fieldErrors ?? {});
  const field = fields.find(([k]) => !k.startsWith('_'));
  const values = Object.fromEntries(fields.filter(([k]) => k.startsWith('_')).map(([k, v]) => [k.slice(1), v]));
  return noticeParams(undefined, values, field ? field[1] : error.code);
}
