import { z } from 'zod';
import { COMPANY_SIZES, COMPANY_TYPES } from '@/db/schema/customers';
import { checkbox, listOf } from '@/lib/forms';
import { optDomain, optEmail, optId, optLegalId, optPhone, optText, optWebsite, reqText, version } from '@/lib/customers/fields';

export const MAX_ADDRESSES = 3;

const optSize = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(COMPANY_SIZES, { error: 'errors.invalidChoice' }).nullable());

const optCountry = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim().toUpperCase() : 'FR'),
  z.string().regex(/^[A-Z]{2}$/, { error: 'errors.invalidCountry' }),
);

export type AddressInput = {
  label: string | null;
  line1: string;
  line2: string | null;
  postalCode: string | null;
  city: string;
  country: string;
  isBilling: boolean;
  isDelivery: boolean;
  isDefault: boolean;
};

/** The flat fields of address slot i (addr0_line1, addr0_city…), so the form works without JavaScript. */
function addressSlot(i: number) {
  return {
    [`addr${i}_label`]: optText(80),
    [`addr${i}_line1`]: optText(200),
    [`addr${i}_line2`]: optText(200),
    [`addr${i}_postalCode`]: optText(20),
    [`addr${i}_city`]: optText(120),
    [`addr${i}_country`]: optCountry,
    [`addr${i}_isBilling`]: checkbox,
    [`addr${i}_isDelivery`]: checkbox,
    [`addr${i}_isDefault`]: checkbox,
  };
}
const addressSlots = Object.assign({}, ...Array.from({ length: MAX_ADDRESSES }, (_, i) => addressSlot(i))) as Record<string, z.ZodType>;

type Flat = Record<string, unknown>;

/** A slot with any of its text filled is an address: line 1 and city are then required. */
function checkSlots(v: Flat, ctx: z.RefinementCtx) {
  for (let i = 0; i < MAX_ADDRESSES; i++) {
    const filled = ['line1', 'line2', 'postalCode', 'city'].some((k) => v[`addr${i}_${k}`]);
    if (!filled) continue;
    if (!v[`addr${i}_line1`]) ctx.addIssue({ code: 'custom', path: [`addr${i}_line1`], message: 'errors.required' });
    if (!v[`addr${i}_city`]) ctx.addIssue({ code: 'custom', path: [`addr${i}_city`], message: 'errors.required' });
  }
}

function slotsToAddresses(v: Flat): AddressInput[] {
  const out: AddressInput[] = [];
  for (let i = 0; i < MAX_ADDRESSES; i++) {
    if (!v[`addr${i}_line1`] || !v[`addr${i}_city`]) continue;
    const f = (k: string) => v[`addr${i}_${k}`];
    out.push({
      label: (f('label') as string | null) ?? null,
      line1: f('line1') as string,
      line2: (f('line2') as string | null) ?? null,
      postalCode: (f('postalCode') as string | null) ?? null,
      city: f('city') as string,
      country: (f('country') as string) ?? 'FR',
      isBilling: Boolean(f('isBilling')),
      isDelivery: Boolean(f('isDelivery')),
      isDefault: Boolean(f('isDefault')),
    });
  }
  if (out.length && !out.some((a) => a.isDefault)) out[0].isDefault = true;
  return out;
}

const companyFields = {
  name: reqText(200),
  type: z.enum(COMPANY_TYPES, { error: 'errors.invalidChoice' }),
  legalId: optLegalId,
  website: optWebsite,
  emailDomain: optDomain,
  email: optEmail,
  phone: optPhone,
  industryId: optId,
  size: optSize,
  customerFamilyId: optId,
  originId: optId,
  keyAccount: checkbox,
  ownerId: z.coerce.number({ error: 'errors.required' }).int().positive({ error: 'errors.required' }),
  teamId: optId,
  tagIds: listOf(z.coerce.number().int().positive()),
  notes: optText(10_000),
};

const companyObject = z.object({ ...companyFields, ...addressSlots, confirmDuplicate: checkbox });

type CompanyFieldsOut = z.infer<z.ZodObject<typeof companyFields>>;
export type CompanyInput = CompanyFieldsOut & { addresses: AddressInput[]; confirmDuplicate: boolean };

function toCompanyInput(v: Flat): CompanyInput {
  const base = Object.fromEntries(Object.keys(companyFields).map((k) => [k, v[k]])) as CompanyFieldsOut;
  return { ...base, addresses: slotsToAddresses(v), confirmDuplicate: Boolean(v.confirmDuplicate) };
}

/** The company form: the company's fields and up to three address slots. */
export const companySchema = companyObject.superRefine(checkSlots).transform((v) => toCompanyInput(v));

export const companyUpdateSchema = companyObject
  .extend({ version })
  .superRefine(checkSlots)
  .transform((v) => ({ ...toCompanyInput(v), version: v.version as number }));
export type CompanyUpdateInput = CompanyInput & { version: number };

export const transferSchema = z.object({
  ownerId: z.coerce.number({ error: 'errors.required' }).int().positive({ error: 'errors.required' }),
  teamId: optId,
  comment: optText(1000),
});
export type TransferInput = z.infer<typeof transferSchema>;

