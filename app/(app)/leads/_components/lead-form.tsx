'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ActionForm } from '@/components/form/action-form';
import { DuplicatesNotice } from '@/components/form/duplicates-notice';
import { CheckboxField, CheckboxGroup, HiddenField, SelectField, TextAreaField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { CIVILITIES, COMPANY_SIZES } from '@/db/schema/customers';
import type { LeadDetail, LeadFormOptions } from '@/lib/leads/queries';
import { leadSchema, leadUpdateSchema } from '@/lib/leads/schema';
import { ScoreField } from '../../opportunities/_components/opportunity-fields';
import { createLeadAction, updateLeadAction } from '../actions';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

type Props = {
  lead?: LeadDetail;
  options: LeadFormOptions;
  /** Values to start from: a repeat lead pre-filled from a customer (field name → value). */
  prefill?: Record<string, string>;
  /** The company or won opportunity a repeat lead starts from (posted back, checked by the server). */
  origin?: { companyId: number | null; opportunityId: number | null };
  defaultOwnerId: number;
};

/** Create or edit a lead. Field names are those of lib/leads/schema.ts. */
export function LeadForm({ lead: l, options, prefill = {}, origin, defaultOwnerId }: Props) {
  const t = useTranslations();
  const dash = t('common.none');
  const none = [{ value: '', label: dash }];
  const v = (name: string, current: string | null | undefined) => (l ? (current ?? '') : (prefill[name] ?? ''));
  const refValue = (name: string, current: { id: number } | null | undefined) => (l ? (current ? String(current.id) : '') : (prefill[name] ?? ''));
  return (
    <ActionForm action={l ? updateLeadAction : createLeadAction} schema={l ? leadUpdateSchema : leadSchema} className="space-y-6">
      {l ? (
        <>
          <input type="hidden" name="id" value={l.id} />
          <HiddenField name="version" value={l.version} />
        </>
      ) : null}
      {origin?.companyId ? <input type="hidden" name="fromCompanyId" value={origin.companyId} /> : null}
      {origin?.opportunityId ? <input type="hidden" name="fromOpportunityId" value={origin.opportunityId} /> : null}
      <DuplicatesNotice confirmLabel={t('leads.form.confirmNew')} />

      <Section title={t('leads.sections.person')}>
        <div className="grid gap-5 sm:grid-cols-3">
          <SelectField
            name="civility"
            label={t('leads.fields.civility')}
            defaultValue={v('civility', l?.civility)}
            options={[...none, ...CIVILITIES.map((c) => ({ value: c, label: t(`contacts.civilities.${c}`) }))]}
          />
          <TextField name="firstName" label={t('leads.fields.firstName')} defaultValue={v('firstName', l?.firstName)} maxLength={100} autoComplete="off" />
          <TextField name="lastName" label={t('leads.fields.lastName')} defaultValue={v('lastName', l?.lastName)} required maxLength={100} autoComplete="off" />
        </div>
        <TextField name="jobTitle" label={t('leads.fields.jobTitle')} hint={t('leads.hints.jobTitle')} defaultValue={v('jobTitle', l?.jobTitle)} maxLength={120} autoComplete="off" />
      </Section>

      <Section title={t('leads.sections.company')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="companyName" label={t('leads.fields.companyName')} hint={t('leads.hints.companyName')} defaultValue={v('companyName', l?.companyName)} maxLength={200} autoComplete="off" />
          <TextField name="website" type="url" label={t('leads.fields.website')} hint={t('leads.hints.website')} defaultValue={v('website', l?.website)} />
          <SelectField name="industryId" label={t('leads.fields.industry')} defaultValue={refValue('industryId', l?.industry)} options={[...none, ...options.industries]} />
          <SelectField
            name="size"
            label={t('leads.fields.size')}
            defaultValue={v('size', l?.size)}
            options={[...none, ...COMPANY_SIZES.map((s) => ({ value: s, label: t('companies.sizeLabel', { size: s }) }))]}
          />
          <SelectField name="categoryId" label={t('leads.fields.category')} defaultValue={refValue('categoryId', l?.category)} options={[...none, ...options.categories]} />
        </div>
        <CheckboxField name="keyAccount" label={t('leads.fields.keyAccount')} defaultChecked={l ? l.keyAccount : prefill.keyAccount === 'on'} />
      </Section>

      <Section title={t('leads.sections.reach')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="email" type="email" label={t('leads.fields.email')} defaultValue={v('email', l?.email)} autoComplete="off" />
          <TextField name="email2" type="email" label={t('leads.fields.email2')} defaultValue={v('email2', l?.email2)} autoComplete="off" />
          <TextField name="phone" type="tel" label={t('leads.fields.phone')} defaultValue={v('phone', l?.phone)} autoComplete="off" />
          <TextField name="mobile" type="tel" label={t('leads.fields.mobile')} defaultValue={v('mobile', l?.mobile)} autoComplete="off" />
        </div>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <CheckboxField name="doNotCall" label={t('leads.fields.doNotCall')} defaultChecked={l?.doNotCall} />
          <CheckboxField name="doNotEmail" label={t('leads.fields.doNotEmail')} defaultChecked={l?.doNotEmail} />
        </div>
        <TextField name="addressLine1" label={t('leads.fields.addressLine1')} defaultValue={v('addressLine1', l?.addressLine1)} maxLength={200} autoComplete="off" />
        <div className="grid gap-5 sm:grid-cols-4">
          <TextField name="postalCode" label={t('leads.fields.postalCode')} defaultValue={v('postalCode', l?.postalCode)} maxLength={20} autoComplete="off" />
          <div className="sm:col-span-2">
            <TextField name="city" label={t('leads.fields.city')} defaultValue={v('city', l?.city)} maxLength={120} autoComplete="off" />
          </div>
          <TextField name="country" label={t('leads.fields.country')} hint={t('leads.hints.country')} defaultValue={v('country', l?.country)} maxLength={2} autoComplete="off" />
        </div>
      </Section>

      <Section title={t('leads.sections.qualification')}>
        <SelectField name="sourceId" label={t('leads.fields.source')} hint={t('leads.hints.source')} defaultValue={refValue('sourceId', l?.source)} options={[...none, ...options.sources]} />
        <ScoreField name="manualScore" legend={t('leads.fields.manualScore')} hint={t('leads.hints.manualScore')} defaultValue={l?.manualScore ?? 0} />
        {options.tags.length ? <CheckboxGroup name="tagIds" legend={t('leads.fields.tags')} options={options.tags} defaultValues={l?.tags.map((x) => String(x.id))} /> : null}
        <TextAreaField name="description" label={t('leads.fields.description')} defaultValue={v('description', l?.description)} rows={5} maxLength={10000} />
      </Section>

      <Section title={t('leads.sections.followUp')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            name="ownerId"
            label={t('leads.fields.owner')}
            hint={t('leads.hints.owner')}
            defaultValue={l ? (l.owner ? String(l.owner.id) : '') : String(defaultOwnerId)}
            options={[{ value: '', label: t('leads.unassignedQueue') }, ...options.owners]}
          />
          <SelectField
            name="teamId"
            label={t('leads.fields.team')}
            hint={t('leads.hints.team')}
            defaultValue={l?.team ? String(l.team.id) : ''}
            options={[{ value: '', label: t('leads.form.ownerTeam') }, ...options.teams]}
          />
        </div>
      </Section>

      <div className="flex gap-3">
        <SubmitButton>{l ? t('common.save') : t('leads.form.create')}</SubmitButton>
      </div>
    </ActionForm>
  );
}
