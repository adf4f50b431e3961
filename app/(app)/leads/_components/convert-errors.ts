import { convertSchema } from '@/lib/leads/schema';
import type { ServiceError } from '@/lib/result';

const FIELDS = new Set(Object.keys(convertSchema.shape));

/** Where a step's refusal shows on the convert form when its field has another name there. */
const RENAMED: Record<string, string> = { contactIds: 'contactId', primaryContactId: 'contactId', type: 'companyType', closeDate: 'expectedCloseDate' };

/**
 * A conversion refusal as the convert form shows it: errors of the opportunity or contact step under the
 * form's own fields; an error on a field the form doesn't have becomes the message (never a silent "invalid").
 */
export function convertRefusal(error: ServiceError): ServiceError {
  const fieldErrors: Record<string, string> = {};
  let stray: string | null = null;
  for (const [k, v] of Object.entries(error.fieldErrors ?? {})) {
    const name = RENAMED[k] ?? k;
    if (name.startsWith('_') || FIELDS.has(name)) fieldErrors[name] ??= v;
    else stray ??= v;
  }
  if (stray && Object.keys(fieldErrors).filter((k) => !k.startsWith('_')).length === 0) return { code: stray, fieldErrors };
  return { ...error, fieldErrors };
}
