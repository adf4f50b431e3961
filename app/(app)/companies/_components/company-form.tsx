'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { DuplicatesNotice } from '@/components/form/duplicates-notice';
import { FormDetails } from '@/components/form/form-details';
import { CheckboxField, CheckboxGroup, HiddenField, SelectField, TextAreaField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { COMPANY_SIZES, COMPANY_TYPES } from '@/db/schema/customers';
import type { CompanyDetail } from '@/lib/companies/queries';
import { companySchema, companyUpdateSchema, MAX_ADDRESSES } from '@/lib/companies/schema';
import type { CustomerFormOptions } from '@/lib/customers/options';
import { createCompanyAction, updateCompanyAction } from '../actions';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

const none = (label: string) => [{ value: '', label }];

/** Create or edit a company: details, classification, owner, up to three addresses, notes. */
export function CompanyForm({ company, options, defaultOwnerId }: { company?: CompanyDetail; options: CustomerFormOptions; defaultOwnerId: number }) {
  const t = useTranslations();
  const dash = t('common.none');
  const addressSlots = Array.from({ length: MAX_ADDRESSES }, (_, i) => company?.addresses[i]);
  return (
    <ActionForm action={company ? updateCompanyAction : createCompanyAction} schema={company ? companyUpdateSchema : companySchema} className="space-y-6">
      {company ? (
        <>
          <input type="hidden" name="id" value={company.id} />
          <HiddenField name="version" value={company.version} />
        </>
      ) : null}
      <DuplicatesNotice confirmLabel={t('companies.confirmNew')} />
      <Section title={t('companies.sections.identity')}>
        <TextField name="name" label={t('companies.fields.name')} defaultValue={company?.name} required maxLength={200} autoComplete="organization" />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            name="type"
            label={t('companies.fields.type')}
            defaultValue={company?.type ?? 'prospect'}
            options={COMPANY_TYPES.map((v) => ({ value: v, label: t(`companies.types.${v}`) }))}
          />
          <TextField name="legalId" label={t('companies.fields.legalId')} hint={t('companies.hints.legalId')} defaultValue={company?.legalId} />
        </div>
        <CheckboxField name="keyAccount" label={t('companies.fields.keyAccount')} defaultChecked={company?.keyAccount} />
      </Section>
      <Section title={t('companies.sections.reach')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="website" type="url" label={t('companies.fields.website')} hint={t('companies.hints.website')} defaultValue={company?.website} />
          <TextField name="emailDomain" label={t('companies.fields.emailDomain')} hint={t('companies.hints.emailDomain')} defaultValue={company?.emailDomain} />
          <TextField name="email" type="email" label={t('companies.fields.email')} defaultValue={company?.email} />
          <TextField name="phone" type="tel" label={t('companies.fields.phone')} defaultValue={company?.phone} />
        </div>
      </Section>
      <Section title={t('companies.sections.classification')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="industryId" label={t('companies.fields.industry')} defaultValue={company?.industry ? String(company.industry.id) : ''} options={[...none(dash), ...options.refs.industry]} />
          <SelectField name="size" label={t('companies.fields.size')} defaultValue={company?.size ?? ''} options={[...none(dash), ...COMPANY_SIZES.map((s) => ({ value: s, label: t('companies.sizeLabel', { size: s }) }))]} />
          <SelectField
            name="customerFamilyId"
            label={t('companies.fields.customerFamily')}
            defaultValue={company?.customerFamily ? String(company.customerFamily.id) : ''}
            options={[...none(dash), ...options.refs.customer_family]}
          />
          <SelectField name="originId" label={t('companies.fields.origin')} defaultValue={company?.origin ? String(company.origin.id) : ''} options={[...none(dash), ...options.refs.origin]} />
        </div>
        {options.tags.length ? (
          <CheckboxGroup name="tagIds" legend={t('companies.fields.tags')} options={options.tags} defaultValues={company?.tags.map((x) => String(x.id))} />
        ) : null}
      </Section>
      <Section title={t('companies.sections.owner')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="ownerId" label={t('companies.fields.owner')} defaultValue={String(company?.owner?.id ?? defaultOwnerId)} options={options.owners} />
          <SelectField
            name="teamId"
            label={t('companies.fields.team')}
            hint={t('companies.hints.team')}
            defaultValue={company?.team ? String(company.team.id) : ''}
            options={[...none(t('companies.ownerTeam')), ...options.teams]}
          />
        </div>
      </Section>
      <Section title={t('companies.sections.addresses')}>
        <p className="text-sm text-slate-600">{t('companies.hints.addresses')}</p>
        {addressSlots.map((a, i) => {
          const slot = (
          <fieldset key={i} className="space-y-4 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium text-slate-800">{t('companies.addressN', { n: i + 1 })}</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField name={`addr${i}_label`} label={t('companies.address.label')} defaultValue={a?.label} />
              <TextField name={`addr${i}_country`} label={t('companies.address.country')} defaultValue={a?.country ?? 'FR'} maxLength={2} />
            </div>
            <TextField name={`addr${i}_line1`} label={t('companies.address.line1')} defaultValue={a?.line1} autoComplete="off" />
            <TextField name={`addr${i}_line2`} label={t('companies.address.line2')} defaultValue={a?.line2} autoComplete="off" />
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField name={`addr${i}_postalCode`} label={t('companies.address.postalCode')} defaultValue={a?.postalCode} autoComplete="off" />
              <div className="sm:col-span-2">
                <TextField name={`addr${i}_city`} label={t('companies.address.city')} defaultValue={a?.city} autoComplete="off" />
              </div>
            </div>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              <CheckboxField name={`addr${i}_isDefault`} label={t('companies.address.isDefault')} defaultChecked={a?.isDefault} />
              <CheckboxField name={`addr${i}_isBilling`} label={t('companies.address.isBilling')} defaultChecked={a?.isBilling} />
              <CheckboxField name={`addr${i}_isDelivery`} label={t('companies.address.isDelivery')} defaultChecked={a?.isDelivery} />
            </div>
          </fieldset>
          );
          // Extra empty slots stay folded; they open by themselves if the form comes back with an error.
          return i === 0 || a ? slot : (
            <FormDetails key={i} summary={t('companies.addAddress', { n: i + 1 })}>
              {slot}
            </FormDetails>
          );
        })}
      </Section>
      <Section title={t('companies.sections.notes')}>
        <TextAreaField name="notes" label={t('companies.fields.notes')} defaultValue={company?.notes} rows={5} maxLength={10000} />
      </Section>
      <div className="flex gap-3">
        <SubmitButton>{company ? t('common.save') : t('companies.create')}</SubmitButton>
      </div>
    </ActionForm>
  );
}
