'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ActionForm } from '@/components/form/action-form';
import { DuplicatesNotice } from '@/components/form/duplicates-notice';
import { CheckboxField, CheckboxGroup, HiddenField, SelectField, TextAreaField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { CIVILITIES, CONSENT_STATUSES } from '@/db/schema/customers';
import type { ContactDetail } from '@/lib/contacts/queries';
import { contactSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import type { CustomerFormOptions, Option } from '@/lib/customers/options';
import { createContactAction, updateContactAction } from '../actions';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

/** Create or edit a contact. `companies` are the choices of the company picker (found by the search above the form). */
export function ContactForm({
  contact,
  options,
  companies,
  defaultCompanyId,
  defaultOwnerId,
}: {
  contact?: ContactDetail;
  options: CustomerFormOptions;
  companies: Option[];
  defaultCompanyId?: number | null;
  defaultOwnerId: number;
}) {
  const t = useTranslations();
  const dash = t('common.none');
  const companyId = contact ? contact.companyId : (defaultCompanyId ?? null);
  return (
    <ActionForm action={contact ? updateContactAction : createContactAction} schema={contact ? contactUpdateSchema : contactSchema} className="space-y-6">
      {contact ? (
        <>
          <input type="hidden" name="id" value={contact.id} />
          <HiddenField name="version" value={contact.version} />
        </>
      ) : null}
      <DuplicatesNotice confirmLabel={t('contacts.confirmNew')} />
      <Section title={t('contacts.sections.identity')}>
        <div className="grid gap-5 sm:grid-cols-3">
          <SelectField name="civility" label={t('contacts.fields.civility')} defaultValue={contact?.civility ?? ''} options={[{ value: '', label: dash }, ...CIVILITIES.map((c) => ({ value: c, label: t(`contacts.civilities.${c}`) }))]} />
          <TextField name="firstName" label={t('contacts.fields.firstName')} defaultValue={contact?.firstName} autoComplete="off" />
          <TextField name="lastName" label={t('contacts.fields.lastName')} defaultValue={contact?.lastName} required autoComplete="off" />
        </div>
        <SelectField name="companyId" label={t('contacts.fields.company')} hint={t('contacts.hints.company')} defaultValue={companyId ? String(companyId) : ''} options={[{ value: '', label: t('contacts.noCompany') }, ...companies]} />
        <div className="grid gap-5 sm:grid-cols-3">
          <TextField name="jobTitle" label={t('contacts.fields.jobTitle')} defaultValue={contact?.jobTitle} />
          <TextField name="department" label={t('contacts.fields.department')} defaultValue={contact?.department} />
          <SelectField name="roleId" label={t('contacts.fields.role')} defaultValue={contact?.roleId ? String(contact.roleId) : ''} options={[{ value: '', label: dash }, ...options.refs.contact_role]} />
        </div>
      </Section>
      <Section title={t('contacts.sections.reach')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="email" type="email" label={t('contacts.fields.email')} defaultValue={contact?.email} autoComplete="off" />
          <TextField name="email2" type="email" label={t('contacts.fields.email2')} defaultValue={contact?.email2} autoComplete="off" />
          <TextField name="phone" type="tel" label={t('contacts.fields.phone')} defaultValue={contact?.phone} autoComplete="off" />
          <TextField name="mobile" type="tel" label={t('contacts.fields.mobile')} defaultValue={contact?.mobile} autoComplete="off" />
        </div>
        <SelectField name="language" label={t('contacts.fields.language')} defaultValue={contact?.language ?? ''} options={[{ value: '', label: dash }, { value: 'fr', label: t('language.fr') }, { value: 'en', label: t('language.en') }, { value: 'de', label: 'Deutsch' }, { value: 'es', label: 'Español' }, { value: 'it', label: 'Italiano' }]} />
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <CheckboxField name="doNotCall" label={t('contacts.fields.doNotCall')} defaultChecked={contact?.doNotCall} />
          <CheckboxField name="doNotEmail" label={t('contacts.fields.doNotEmail')} defaultChecked={contact?.doNotEmail} />
        </div>
      </Section>
      <Section title={t('contacts.sections.consent')}>
        <div className="grid gap-5 sm:grid-cols-3">
          <SelectField name="consentStatus" label={t('contacts.fields.consentStatus')} defaultValue={contact?.consentStatus ?? 'unknown'} options={CONSENT_STATUSES.map((c) => ({ value: c, label: t(`contacts.consent.${c}`) }))} />
          <TextField name="consentDate" type="date" label={t('contacts.fields.consentDate')} hint={t('contacts.hints.consentDate')} defaultValue={contact?.consentDate} />
          <TextField name="consentSource" label={t('contacts.fields.consentSource')} hint={t('contacts.hints.consentSource')} defaultValue={contact?.consentSource} />
        </div>
      </Section>
      <Section title={t('contacts.sections.owner')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="ownerId" label={t('companies.fields.owner')} defaultValue={String(contact?.ownerId ?? defaultOwnerId)} options={options.owners} />
          <SelectField name="teamId" label={t('companies.fields.team')} hint={t('companies.hints.team')} defaultValue={contact?.teamId ? String(contact.teamId) : ''} options={[{ value: '', label: t('companies.ownerTeam') }, ...options.teams]} />
        </div>
        {options.tags.length ? <CheckboxGroup name="tagIds" legend={t('companies.fields.tags')} options={options.tags} defaultValues={contact?.tags.map((x) => String(x.id))} /> : null}
        <TextAreaField name="notes" label={t('companies.fields.notes')} defaultValue={contact?.notes} rows={4} maxLength={10000} />
      </Section>
      <SubmitButton>{contact ? t('common.save') : t('contacts.create')}</SubmitButton>
    </ActionForm>
  );
}
