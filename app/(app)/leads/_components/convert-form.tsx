'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { ActionForm, useServerFormState } from '@/components/form/action-form';
import { CheckboxField, HiddenField, SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/input-class';
import { COMPANY_TYPES } from '@/db/schema/customers';
import type { Option } from '@/lib/customers/options';
import { issueKey } from '@/lib/forms';
import { convertSchema } from '@/lib/leads/schema';
import { NumberField, StageSelect, type StageGroup } from '../../opportunities/_components/opportunity-fields';
import { convertLeadAction } from '../actions';
import { COMPANY_SEARCH_FORM } from './paths';

export type Suggestion = { id: number; name: string; why: string };
export type ContactChoiceItem = { id: number; name: string; companyId: number | null };

export type ConvertDefaults = {
  companyMode: 'new' | 'existing';
  companyId: number | null;
  companyName: string;
  contactMode: 'new' | 'existing' | 'none';
  contactId: number | null;
  opportunityName: string;
  pipelineId: string;
};

type Props = {
  leadId: number;
  version: number;
  /** What a new contact would be made of: the lead's person, in one line. */
  person: string;
  suggestedCompanies: Suggestion[];
  /** Other companies: found by the search, else the user's recent ones. */
  companies: Option[];
  companyQuery: string;
  suggestedContacts: Suggestion[];
  /** Contacts of the companies offered, for "an existing contact". */
  contacts: ContactChoiceItem[];
  pipelines: (Option & { isDefault: boolean })[];
  stageGroups: StageGroup[];
  defaults: ConvertDefaults;
  cancelHref: string;
};

function useFieldError(name: string): string | undefined {
  const t = useTranslations();
  const server = useServerFormState();
  const form = useFormContext();
  const client = form?.formState.errors[name]?.message;
  const key = typeof client === 'string' ? client : server.fieldErrors?.[name];
  return key ? t(issueKey(key)) : undefined;
}

/** What the form posted last time (after a refusal), else the default. */
function useKeptOr(name: string, fallback: string): string {
  const v = useServerFormState().values?.[name];
  return typeof v === 'string' ? v : fallback;
}

/** One radio of a group registered with react-hook-form (so instant validation sees the choice). */
function Radio({ name, value, checked, onPick, children, describedBy }: { name: string; value: string; checked: boolean; onPick?: () => void; children: ReactNode; describedBy?: string }) {
  const form = useFormContext();
  const registered = form ? form.register(name) : { name, onChange: undefined };
  return (
    <label className="flex items-start gap-2 text-sm text-slate-800">
      <input
        type="radio"
        {...registered}
        onChange={(e) => {
          void registered.onChange?.(e);
          onPick?.();
        }}
        value={value}
        defaultChecked={checked}
        aria-describedby={describedBy}
        className="mt-0.5 size-4 border-slate-300 text-brand-600 focus:ring-brand-600"
      />
      <span>{children}</span>
    </label>
  );
}

function FieldErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1.5 text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The convert dialog (seed 002 "Convertir une piste en tiers / contact"). Without JavaScript every option's
 * fields are shown at once (the server only reads the chosen ones); with it, only the chosen options'.
 */
export function ConvertForm(props: Props) {
  const t = useTranslations();
  return (
    <ActionForm action={convertLeadAction} schema={convertSchema} className="space-y-6">
      <input type="hidden" name="id" value={props.leadId} />
      <HiddenField name="version" value={props.version} />
      <Steps {...props} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t('leads.convert.submit')}</SubmitButton>
        <a href={props.cancelHref} className={buttonClass('secondary')}>
          {t('leads.convert.cancel')}
        </a>
      </div>
    </ActionForm>
  );
}

function Steps({ person, suggestedCompanies, companies, companyQuery, suggestedContacts, contacts, pipelines, stageGroups, defaults }: Props) {
  const t = useTranslations();
  const form = useFormContext();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const companyErrorId = useId();
  const contactErrorId = useId();
  const companyError = useFieldError('companyId');
  const contactError = useFieldError('contactId');

  const initialCompanyMode = useKeptOr('companyMode', defaults.companyMode);
  const initialCompanyId = useKeptOr('companyId', defaults.companyId ? String(defaults.companyId) : '');
  const initialContactMode = useKeptOr('contactMode', defaults.contactMode);
  const initialContactId = useKeptOr('contactId', defaults.contactId ? String(defaults.contactId) : '');
  const initialPipeline = useKeptOr('pipelineId', defaults.pipelineId);
  const server = useServerFormState();
  const initialCreate = server.values ? server.values.createOpportunity === 'on' : false;

  const companyMode = (useWatch({ name: 'companyMode' }) as string | undefined) ?? initialCompanyMode;
  const companyId = (useWatch({ name: 'companyId' }) as string | null | undefined) ?? initialCompanyId;
  const contactMode = (useWatch({ name: 'contactMode' }) as string | undefined) ?? initialContactMode;
  const createRaw = useWatch({ name: 'createOpportunity' }) as boolean | string | undefined;
  const createOpportunity = createRaw === undefined ? initialCreate : createRaw === true || createRaw === 'on';
  const pipelineId = (useWatch({ name: 'pipelineId' }) as string | undefined) ?? initialPipeline;

  // Without JavaScript everything shows; with it, only what the chosen options need.
  const show = (on: boolean) => !hydrated || on;
  const suggestedContactIds = new Set(suggestedContacts.map((c) => c.id));
  const otherContacts = contacts.filter((c) => !suggestedContactIds.has(c.id));
  const shownContacts = hydrated ? otherContacts.filter((c) => companyMode === 'existing' && String(c.companyId) === companyId) : otherContacts;
  const companyName = (id: number | null) => suggestedCompanies.find((c) => c.id === id)?.name ?? companies.find((c) => c.value === String(id))?.label ?? null;
  const groups = [...new Set(shownContacts.map((c) => c.companyId))].map((cid) => ({ companyId: cid, name: companyName(cid), contacts: shownContacts.filter((c) => c.companyId === cid) }));

  // A contact of another company can't stay chosen when the company changes.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const current = form?.getValues('contactId') as string | null | undefined;
    if (!form || !current) return;
    const stillShown = suggestedContactIds.has(Number(current)) || (companyMode === 'existing' && otherContacts.some((c) => String(c.id) === current && String(c.companyId) === companyId));
    if (!stillShown) form.setValue('contactId', '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [companyId, companyMode]);

  // The opportunity's default name follows the chosen company until the user types one of their own.
  const typedCompanyName = (useWatch({ name: 'companyName' }) as string | undefined) ?? defaults.companyName;
  const chosenCompanyName = companyMode === 'existing' ? companyName(Number(companyId)) : typedCompanyName.trim() || null;
  useEffect(() => {
    if (!form || !hydrated || !chosenCompanyName || form.getFieldState('opportunityName').isDirty) return;
    form.setValue('opportunityName', t('leads.convert.opportunityDefault', { company: chosenCompanyName }));
  }, [chosenCompanyName, form, hydrated, t]);

  const pickCompany = () => form?.setValue('companyMode', 'existing');
  const pickContact = () => form?.setValue('contactMode', 'existing');
  const otherCompanies = companies.filter((c) => !suggestedCompanies.some((s) => String(s.id) === c.value));

  return (
    <>
      <Step title={t('leads.convert.companyStep')}>
        <Radio name="companyMode" value="new" checked={initialCompanyMode === 'new'}>
          <span className="font-medium">{t('leads.convert.newCompany')}</span>
        </Radio>
        <div hidden={!show(companyMode === 'new')} className="ml-6 grid gap-4 sm:grid-cols-2">
          <TextField name="companyName" label={t('leads.convert.companyName')} defaultValue={defaults.companyName} maxLength={200} autoComplete="off" />
          <SelectField
            name="companyType"
            label={t('leads.convert.companyType')}
            hint={t('leads.convert.companyTypeHint')}
            defaultValue="prospect"
            options={COMPANY_TYPES.map((v) => ({ value: v, label: t(`companies.types.${v}`) }))}
          />
        </div>
        <Radio name="companyMode" value="existing" checked={initialCompanyMode === 'existing'}>
          <span className="font-medium">{t('leads.convert.existingCompany')}</span>
        </Radio>
        <div hidden={!show(companyMode === 'existing')} className="ml-6 space-y-4">
          {suggestedCompanies.length ? (
            <fieldset aria-describedby={companyError ? companyErrorId : undefined}>
              <legend className="text-sm font-medium text-slate-800">{t('leads.convert.suggestedCompanies')}</legend>
              <div className="mt-2 space-y-2">
                {suggestedCompanies.map((c) => (
                  <Radio key={c.id} name="companyId" value={String(c.id)} checked={initialCompanyId === String(c.id)} onPick={pickCompany}>
                    {c.name} <span className="text-xs text-slate-500">({c.why})</span>
                  </Radio>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className="flex flex-wrap items-end gap-2 rounded-lg bg-slate-100 p-3">
            <label className="block min-w-0 flex-1 text-sm font-medium text-slate-800">
              {t('leads.convert.findCompany')}
              <input type="search" form={COMPANY_SEARCH_FORM} name="companyQuery" defaultValue={companyQuery} className={`${inputClass} mt-1`} />
            </label>
            <button type="submit" form={COMPANY_SEARCH_FORM} className={buttonClass('secondary')}>
              {t('leads.convert.findCompanyButton')}
            </button>
          </div>
          <fieldset aria-describedby={companyError ? companyErrorId : undefined}>
            <legend className="text-sm font-medium text-slate-800">{companyQuery ? t('leads.convert.foundCompanies', { query: companyQuery }) : t('leads.convert.recentCompanies')}</legend>
            {otherCompanies.length ? (
              <div className="mt-2 max-h-72 space-y-2 overflow-y-auto">
                {otherCompanies.map((c) => (
                  <Radio key={c.value} name="companyId" value={c.value} checked={initialCompanyId === c.value} onPick={pickCompany}>
                    {c.label}
                  </Radio>
                ))}
              </div>
            ) : (
              <p className="mt-1 text-sm text-slate-600">{t('leads.convert.noCompanyFound')}</p>
            )}
          </fieldset>
          <FieldErrorText id={companyErrorId} error={companyError} />
        </div>
      </Step>

      <Step title={t('leads.convert.contactStep')}>
        <Radio name="contactMode" value="new" checked={initialContactMode === 'new'}>
          <span className="font-medium">{t('leads.convert.newContact')}</span>
        </Radio>
        <p hidden={!show(contactMode === 'new')} className="ml-6 text-sm text-slate-600">
          {t('leads.convert.newContactSummary', { person })}
        </p>
        <Radio name="contactMode" value="existing" checked={initialContactMode === 'existing'}>
          <span className="font-medium">{t('leads.convert.existingContact')}</span>
        </Radio>
        <div hidden={!show(contactMode === 'existing')} className="ml-6 space-y-4">
          {suggestedContacts.length ? (
            <fieldset aria-describedby={contactError ? contactErrorId : undefined}>
              <legend className="text-sm font-medium text-slate-800">{t('leads.convert.suggestedContacts')}</legend>
              <div className="mt-2 space-y-2">
                {suggestedContacts.map((c) => (
                  <Radio key={c.id} name="contactId" value={String(c.id)} checked={initialContactId === String(c.id)} onPick={pickContact}>
                    {c.name} <span className="text-xs text-slate-500">({c.why})</span>
                  </Radio>
                ))}
              </div>
            </fieldset>
          ) : null}
          {groups.map((g) => (
            <fieldset key={g.companyId ?? 0} aria-describedby={contactError ? contactErrorId : undefined}>
              <legend className="text-sm font-medium text-slate-800">{t('leads.convert.contactsOf', { company: g.name ?? '—' })}</legend>
              <div className="mt-2 space-y-2">
                {g.contacts.map((c) => (
                  <Radio key={c.id} name="contactId" value={String(c.id)} checked={initialContactId === String(c.id)} onPick={pickContact}>
                    {c.name}
                  </Radio>
                ))}
              </div>
            </fieldset>
          ))}
          {!suggestedContacts.length && !groups.length ? <p className="text-sm text-slate-600">{hydrated && companyMode !== 'existing' ? t('leads.convert.newCompanyNoContacts') : t('leads.convert.noContacts')}</p> : null}
          <FieldErrorText id={contactErrorId} error={contactError} />
        </div>
        <Radio name="contactMode" value="none" checked={initialContactMode === 'none'}>
          <span className="font-medium">{t('leads.convert.noContact')}</span>
        </Radio>
      </Step>

      <Step title={t('leads.convert.opportunityStep')}>
        <CheckboxField name="createOpportunity" label={t('leads.convert.createOpportunity')} hint={t('leads.convert.createOpportunityHint')} defaultChecked={false} />
        <div hidden={!show(createOpportunity)} className="space-y-4">
          <TextField name="opportunityName" label={t('leads.convert.opportunityName')} defaultValue={defaults.opportunityName} maxLength={200} autoComplete="off" />
          <div className="grid gap-4 sm:grid-cols-2">
            <NumberField name="amount" label={t('opportunities.fields.amount')} hint={t('opportunities.hints.amount')} />
            <TextField name="expectedCloseDate" type="date" label={t('opportunities.fields.expectedCloseDate')} />
            <SelectField name="pipelineId" label={t('opportunities.fields.pipeline')} defaultValue={defaults.pipelineId} options={pipelines.map(({ value, label }) => ({ value, label }))} />
            <StageSelect name="stageId" label={t('opportunities.fields.stage')} hint={t('leads.convert.stageHint')} groups={stageGroups} pipelineId={pipelineId} emptyLabel={t('opportunities.firstStage')} defaultValue="" />
          </div>
        </div>
      </Step>
    </>
  );
}
