import { z } from 'zod';
import { CIVILITIES, COMPANY_SIZES, COMPANY_TYPES } from '@/db/schema/customers';
import { SCORE_FIELDS, SCORE_OPERATORS } from '@/db/schema/leads';
import { checkbox, listOf } from '@/lib/forms';
import { optDate, optEmail, optId, optPhone, optText, optWebsite, reqText, version } from '@/lib/customers/fields';
import { MAX_AMOUNT_CENTS, parseMoney } from '@/lib/opportunities/money';
import { OPERATORS_BY_FIELD } from './scoring';

const optCivility = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(CIVILITIES, { error: 'errors.invalidChoice' }).nullable());
const optSize = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(COMPANY_SIZES, { error: 'errors.invalidChoice' }).nullable());
const optCountry = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toUpperCase()) : v === undefined ? null : v),
  z.string().regex(/^[A-Z]{2}$/, { error: 'errors.invalidCountry' }).nullable(),
);
const reqId = z.coerce.number({ error: 'errors.required' }).int().positive({ error: 'errors.required' });
const stars = z.preprocess((v) => (v === '' || v === undefined || v === null ? 0 : v), z.coerce.number({ error: 'errors.invalidValue' }).int().min(0, { error: 'errors.invalidValue' }).max(5, { error: 'errors.invalidValue' }));

export const leadFields = {
  civility: optCivility,
  firstName: optText(100),
  lastName: reqText(100),
  companyName: optText(200),
  jobTitle: optText(120),
  email: optEmail,
  email2: optEmail,
  phone: optPhone,
  mobile: optPhone,
  website: optWebsite,
  addressLine1: optText(200),
  postalCode: optText(20),
  city: optText(120),
  country: optCountry,
  industryId: optId,
  size: optSize,
  sourceId: optId,
  categoryId: optId,
  doNotCall: checkbox,
  doNotEmail: checkbox,
  keyAccount: checkbox,
  description: optText(10_000),
  /** Empty: the team's queue (unassigned). */
  ownerId: optId,
  teamId: optId,
  manualScore: stars,
  tagIds: listOf(z.coerce.number().int().positive()),
};

export const leadSchema = z.object({ ...leadFields, confirmDuplicate: checkbox }).superRefine((v, ctx) => {
  // An unassigned lead sits in a team's queue: it needs the team.
  if (v.ownerId === null && v.teamId === null) ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'leads.errors.queueNeedsTeam' });
});
export type LeadInput = z.infer<typeof leadSchema>;

export const leadUpdateSchema = z.object({ ...leadFields, confirmDuplicate: checkbox, version }).superRefine((v, ctx) => {
  if (v.ownerId === null && v.teamId === null) ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'leads.errors.queueNeedsTeam' });
});
export type LeadUpdateInput = z.infer<typeof leadUpdateSchema>;

/** A board move or a click on the status bar: the status, and the card it lands before (none: the end). */
export const leadMoveSchema = z.object({ id: reqId, statusId: reqId, beforeId: optId });
export type LeadMoveInput = z.infer<typeof leadMoveSchema>;

export const loseSchema = z.object({ lostReasonId: reqId, comment: optText(2000) });
export type LoseInput = z.infer<typeof loseSchema>;

export const leadReopenSchema = z.object({ reason: reqText(1000) });

/** Assign a lead to someone, or back to its team's queue (no owner), with a comment for the activity panel. */
export const leadTransferSchema = z.object({ ownerId: optId, teamId: optId, comment: optText(1000) });

const optMoney = z.preprocess(
  (v) => (typeof v !== 'string' || v.trim() === '' ? 0 : (parseMoney(v) ?? 'invalid')),
  z.number({ error: 'opportunities.errors.invalidAmount' }).int().min(0, { error: 'opportunities.errors.negativeAmount' }).max(MAX_AMOUNT_CENTS, { error: 'opportunities.errors.amountTooLarge' }),
);

/**
 * The convert dialog (seed 002 "Convertir une piste"): (a) a new company or an existing one, (b) a new contact,
 * an existing one or none, (c) optionally an opportunity, (d) the company type (prospect by default).
 */
export const convertSchema = z
  .object({
    companyMode: z.enum(['new', 'existing'], { error: 'errors.invalidChoice' }),
    companyId: optId,
    companyName: optText(200),
    companyType: z.enum(COMPANY_TYPES, { error: 'errors.invalidChoice' }).default('prospect'),
    contactMode: z.enum(['new', 'existing', 'none'], { error: 'errors.invalidChoice' }),
    contactId: optId,
    createOpportunity: checkbox,
    opportunityName: optText(200),
    amount: optMoney,
    expectedCloseDate: optDate,
    pipelineId: optId,
    stageId: optId,
    /** The lead's version the dialog was opened from: two people converting at once, one wins. */
    version,
  })
  .superRefine((v, ctx) => {
    if (v.companyMode === 'existing' && v.companyId === null) ctx.addIssue({ code: 'custom', path: ['companyId'], message: 'errors.required' });
    if (v.companyMode === 'new' && !v.companyName) ctx.addIssue({ code: 'custom', path: ['companyName'], message: 'errors.required' });
    if (v.contactMode === 'existing' && v.contactId === null) ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'errors.required' });
    if (v.createOpportunity) {
      if (!v.opportunityName) ctx.addIssue({ code: 'custom', path: ['opportunityName'], message: 'errors.required' });
      if (v.pipelineId === null) ctx.addIssue({ code: 'custom', path: ['pipelineId'], message: 'errors.required' });
    }
  });
export type ConvertInput = z.infer<typeof convertSchema>;

export const scoreRuleSchema = z
  .object({
    name: reqText(120),
    field: z.enum(SCORE_FIELDS, { error: 'errors.invalidChoice' }),
    operator: z.enum(SCORE_OPERATORS, { error: 'errors.invalidChoice' }),
    value: optText(200),
    points: z.coerce.number({ error: 'leads.errors.invalidPoints' }).int({ error: 'leads.errors.invalidPoints' }).min(-100, { error: 'leads.errors.invalidPoints' }).max(100, { error: 'leads.errors.invalidPoints' }),
    active: checkbox,
  })
  .superRefine((v, ctx) => {
    if (!OPERATORS_BY_FIELD[v.field].includes(v.operator)) ctx.addIssue({ code: 'custom', path: ['operator'], message: 'leads.errors.operatorNotForField' });
    const needsValue = !['isSet', 'isEmpty'].includes(v.operator);
    if (needsValue && !v.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'errors.required' });
    if ((v.operator === 'olderThan' || v.field === 'tagId' || /Id$/.test(v.field)) && needsValue && v.value && !/^\d+$/.test(v.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'errors.invalidValue' });
    }
  });
export type ScoreRuleInput = z.infer<typeof scoreRuleSchema>;
