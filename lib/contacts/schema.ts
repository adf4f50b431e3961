import { z } from 'zod';
import { CIVILITIES, CONSENT_STATUSES } from '@/db/schema/customers';
import { checkbox, listOf } from '@/lib/forms';
import { optDate, optEmail, optId, optPhone, optText, reqText, version } from '@/lib/customers/fields';

const optCivility = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(CIVILITIES, { error: 'errors.invalidChoice' }).nullable());
const optLanguage = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toLowerCase()) : v === undefined ? null : v),
  z.string().regex(/^[a-z]{2}$/, { error: 'errors.invalidChoice' }).nullable(),
);

const contactFields = {
  civility: optCivility,
  firstName: optText(100),
  lastName: reqText(100),
  jobTitle: optText(120),
  department: optText(120),
  roleId: optId,
  companyId: optId,
  email: optEmail,
  email2: optEmail,
  phone: optPhone,
  mobile: optPhone,
  language: optLanguage,
  ownerId: z.coerce.number({ error: 'errors.required' }).int().positive({ error: 'errors.required' }),
  teamId: optId,
  doNotCall: checkbox,
  doNotEmail: checkbox,
  consentStatus: z.enum(CONSENT_STATUSES, { error: 'errors.invalidChoice' }).default('unknown'),
  consentDate: optDate,
  consentSource: optText(200),
  tagIds: listOf(z.coerce.number().int().positive()),
  notes: optText(10_000),
};

export const contactSchema = z.object({ ...contactFields, confirmDuplicate: checkbox });
export type ContactInput = z.infer<typeof contactSchema>;

export const contactUpdateSchema = contactSchema.extend({ version });
export type ContactUpdateInput = z.infer<typeof contactUpdateSchema>;
