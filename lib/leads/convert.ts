import { eq } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { companies, contacts, leads, leadTags, opportunities, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { createCompanyIn } from '@/lib/companies/service';
import { createContactIn } from '@/lib/contacts/service';
import { ownedRecord, ownerProblem } from '@/lib/customers/access';
import { createIn as createOpportunityIn } from '@/lib/opportunities/service';
import { can } from '@/lib/permissions';
import { ok, Refusal, type Result, type ServiceError } from '@/lib/result';
import type { ConvertInput } from './schema';
import { loadLead, type Ctx, type LeadRow } from './service';
import { leadStatusOfKind } from './statuses';

export type Converted = { companyId: number; contactId: number | null; opportunityId: number | null };

/** A refusal inside the conversion: thrown, so that whatever was already written is rolled back. */
const refuse = (code: string, fieldErrors?: Record<string, string>) => new Refusal({ code, fieldErrors });

/** A step's refusal, its field errors renamed to the convert dialog's fields, rolls the whole conversion back. */
function must<T>(r: Result<T>, fields: Record<string, string> = {}): T {
  if (r.ok) return r.value;
  const e: ServiceError = r.error;
  const fieldErrors = e.fieldErrors ? Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [fields[k] ?? k, v])) : undefined;
  throw new Refusal({ ...e, fieldErrors });
}

/**
 * Who gets the new records: the lead's owner (copied over, like everything else), else the converting user. The
 * creation services only let a user choose owners they may assign to, so records are created as the converting
 * user and handed to the lead's owner afterwards, in the same transaction.
 */
function ownersFor(tx: Tx, ctx: Ctx, lead: LeadRow): { creator: number; final: number } {
  const owner = lead.ownerId !== null ? tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, lead.ownerId)).get() : undefined;
  const final = owner?.active ? owner.id : ctx.user.id;
  return { creator: ownerProblem(tx, ctx.user, final) === null ? final : ctx.user.id, final };
}

/**
 * Converts a lead (seed 002 "Convertir une piste"): a new or existing company, a new, existing or no contact, and
 * optionally an opportunity; everything the lead knows is copied over; the lead becomes Converted and points at
 * what it became. One transaction: if any step is refused, nothing changed. Two people converting the same lead:
 * the first wins, the second is told (the lead's version).
 */
export function convertLead(db: Db, id: number, input: ConvertInput, ctx: Ctx, hooks: { beforeCommit?: (tx: Tx) => void } = {}): Result<Converted> {
  try {
    return writeTx(db, (tx) => {
      const lead = must(loadLead(tx, ctx.user, id, 'edit'));
      if (lead.convertedCompanyId !== null) throw refuse('leads.errors.alreadyConverted');
      if (lead.closedAt !== null) throw refuse('leads.errors.closed');
      if (lead.version !== input.version) throw refuse('leads.errors.changedSince');
      const converted = leadStatusOfKind(tx, 'converted');
      if (!converted) throw refuse('leads.errors.noConvertedStatus');
      const owners = ownersFor(tx, ctx, lead);
      const ownerId = owners.creator;
      const teamId = lead.teamId !== null && (ctx.user.role === 'admin' || ctx.user.teamIds.includes(lead.teamId)) ? lead.teamId : null;
      const tagIds = tx.select({ t: leadTags.tagId }).from(leadTags).where(eq(leadTags.leadId, id)).all().map((r) => r.t);

      // (a) the company
      let companyId: number;
      if (input.companyMode === 'existing') {
        const c = tx.select().from(companies).where(eq(companies.id, input.companyId!)).get();
        if (!c || !can(ctx.user, 'view', ownedRecord(tx, c))) throw refuse('errors.invalidForm', { companyId: 'errors.invalidChoice' });
        if (c.archived) throw refuse('errors.invalidForm', { companyId: 'leads.errors.companyArchived' });
        companyId = c.id;
      } else {
        const hasAddress = !!(lead.addressLine1 && lead.city);
        companyId = must(
          createCompanyIn(
            tx,
            {
              name: input.companyName ?? lead.companyName ?? lead.lastName,
              type: input.companyType,
              legalId: null,
              website: lead.website,
              emailDomain: null,
              email: null,
              phone: null,
              industryId: lead.industryId,
              size: lead.size,
              customerFamilyId: lead.categoryId,
              originId: lead.sourceId,
              keyAccount: lead.keyAccount,
              ownerId,
              teamId,
              tagIds,
              notes: lead.description,
              confirmDuplicate: true,
              addresses: hasAddress
                ? [{ label: null, line1: lead.addressLine1!, line2: null, postalCode: lead.postalCode, city: lead.city!, country: lead.country ?? 'FR', isBilling: false, isDelivery: false, isDefault: true }]
                : [],
            },
            ctx,
          ),
          { name: 'companyName', type: 'companyType' },
        ).id;
      }

      // (b) the contact
      let contactId: number | null = null;
      if (input.contactMode === 'existing') {
        const c = tx.select().from(contacts).where(eq(contacts.id, input.contactId!)).get();
        if (!c || !can(ctx.user, 'view', ownedRecord(tx, c))) throw refuse('errors.invalidForm', { contactId: 'errors.invalidChoice' });
        contactId = c.id;
      } else if (input.contactMode === 'new') {
        contactId = must(
          createContactIn(
            tx,
            {
              civility: (lead.civility as 'mr' | 'ms' | 'mx' | null) ?? null,
              firstName: lead.firstName,
              lastName: lead.lastName,
              jobTitle: lead.jobTitle,
              department: null,
              roleId: null,
              companyId,
              email: lead.email,
              email2: lead.email2,
              phone: lead.phone,
              mobile: lead.mobile,
              language: null,
              ownerId,
              teamId,
              doNotCall: lead.doNotCall,
              doNotEmail: lead.doNotEmail,
              consentStatus: 'unknown',
              consentDate: null,
              consentSource: null,
              tagIds,
              notes: lead.description,
              confirmDuplicate: true,
            },
            ctx,
          ),
        ).id;
      }

      // (c) the opportunity
      let opportunityId: number | null = null;
      if (input.createOpportunity) {
        opportunityId = must(
          createOpportunityIn(
            tx,
            {
              name: input.opportunityName!,
              companyId,
              contactIds: contactId ? [contactId] : [],
              primaryContactId: contactId,
              typeId: null,
              pipelineId: input.pipelineId!,
              stageId: input.stageId,
              amount: input.amount,
              bestCase: null,
              worstCase: null,
              currency: undefined,
              probability: null,
              score: lead.manualScore,
              expectedCloseDate: input.expectedCloseDate,
              confirmCloseDate: true,
              sourceId: lead.sourceId,
              ownerId,
              teamId,
              description: lead.description,
              tagIds,
            },
            ctx,
            { leadId: lead.id },
          ),
          { name: 'opportunityName', companyId: 'companyId' },
        ).id;
      }

      if (owners.final !== owners.creator) {
        if (input.companyMode === 'new') tx.update(companies).set({ ownerId: owners.final }).where(eq(companies.id, companyId)).run();
        if (contactId !== null && input.contactMode === 'new') tx.update(contacts).set({ ownerId: owners.final }).where(eq(contacts.id, contactId)).run();
        if (opportunityId !== null) tx.update(opportunities).set({ ownerId: owners.final }).where(eq(opportunities.id, opportunityId)).run();
      }
      tx.update(leads)
        .set({
          statusId: converted.id,
          convertedCompanyId: companyId,
          convertedContactId: contactId,
          convertedOpportunityId: opportunityId,
          closedAt: ctx.now,
          version: lead.version + 1,
          lastActivityAt: ctx.now,
          updatedAt: ctx.now,
          updatedBy: ctx.user.id,
        })
        .where(eq(leads.id, id))
        .run();
      audit(tx, ctx.now, {
        actorId: ctx.user.id,
        action: 'lead.converted',
        entityType: 'lead',
        entityId: id,
        data: { companyId, contactId, opportunityId, newCompany: input.companyMode === 'new', newContact: input.contactMode === 'new' },
        ip: ctx.ip,
      });
      hooks.beforeCommit?.(tx);
      return ok({ companyId, contactId, opportunityId });
    });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}
