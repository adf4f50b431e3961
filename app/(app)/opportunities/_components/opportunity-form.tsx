'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { ActionForm, useServerFormState } from '@/components/form/action-form';
import { CheckboxField, CheckboxGroup, HiddenField, SelectField, TextAreaField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import type { Option } from '@/lib/customers/options';
import { centsToInput } from '@/lib/opportunities/money';
import type { ContactChoice, OpportunityDetail, OpportunityFormOptions } from '@/lib/opportunities/queries';
import { opportunitySchema, opportunityUpdateSchema } from '@/lib/opportunities/schema';
import { createOpportunityAction, updateOpportunityAction } from '../actions';
import { ContactsField, NumberField, ScoreField, StageSelect, type StageGroup } from './opportunity-fields';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

export type OpportunityFormDefaults = {
  companyId: number | null;
  contactIds: number[];
  primaryContactId: number | null;
  pipelineId: number | null;
  currency: string;
  ownerId: number;
};

type Props = {
  opportunity?: OpportunityDetail;
  options: OpportunityFormOptions;
  /** The company picker's choices (narrowed by the search above the form). */
  companies: Option[];
  /** The visible contacts of those companies (and those already on the opportunity). */
  contacts: ContactChoice[];
  currencies: string[];
  defaults: OpportunityFormDefaults;
};

/** Create or edit an opportunity. Field names are those of lib/opportunities/schema.ts. */
export function OpportunityForm(props: Props) {
  const { opportunity } = props;
  return (
    <ActionForm action={opportunity ? updateOpportunityAction : createOpportunityAction} schema={opportunity ? opportunityUpdateSchema : opportunitySchema} className="space-y-6">
      {opportunity ? (
        <>
          <input type="hidden" name="id" value={opportunity.id} />
          <HiddenField name="version" value={opportunity.version} />
        </>
      ) : null}
      <Fields {...props} />
    </ActionForm>
  );
}

function Fields({ opportunity: o, options, companies, contacts, currencies, defaults }: Props) {
  const t = useTranslations();
  const server = useServerFormState();
  const dash = t('common.none');
  const none = [{ value: '', label: dash }];
  const initialCompany = String(o?.company.id ?? defaults.companyId ?? '');
  const initialPipeline = String(o?.pipeline.id ?? defaults.pipelineId ?? options.pipelines.find((p) => p.isDefault)?.value ?? options.pipelines[0]?.value ?? '');
  const keptOr = (name: string, fallback: string) => {
    const v = server.values?.[name];
    return typeof v === 'string' ? v : fallback;
  };
  // Watched so the contacts, stages and probability hint follow the choices (with JavaScript).
  const companyId = (useWatch({ name: 'companyId' }) as string | undefined) ?? keptOr('companyId', initialCompany);
  const pipelineId = (useWatch({ name: 'pipelineId' }) as string | undefined) ?? keptOr('pipelineId', initialPipeline);
  const stageId = (useWatch({ name: 'stageId' }) as string | undefined) ?? keptOr('stageId', o ? String(o.stage.id) : '');

  const attached = o?.contacts.map((c) => c.id) ?? [];
  const shownContacts = contacts.filter((c) => String(c.companyId) === companyId || attached.includes(c.id));
  const companyName = companies.find((c) => c.value === companyId)?.label;

  const groups: StageGroup[] = options.pipelines.map((p) => ({
    pipelineId: p.value,
    label: p.label,
    stages: options.stages.filter((s) => String(s.pipelineId) === p.value).map((s) => ({ value: s.value, label: s.label })),
  }));
  const stage = options.stages.find((s) => s.value === stageId) ?? options.stages.find((s) => String(s.pipelineId) === pipelineId);
  const stageDefault = stage?.probability;

  const farDate = server.fieldErrors?.expectedCloseDate === 'opportunities.errors.closeDateFar' || server.values?.confirmCloseDate === 'on';
  const currencyChoices = [...new Set([...(o ? [o.currency] : []), defaults.currency, ...currencies])];

  return (
    <>
      <Section title={t('opportunities.sections.main')}>
        <TextField name="name" label={t('opportunities.fields.name')} hint={t('opportunities.hints.name')} defaultValue={o?.name} required maxLength={200} autoComplete="off" />
        <SelectField
          name="companyId"
          label={t('opportunities.fields.company')}
          hint={t('opportunities.hints.company')}
          required
          defaultValue={initialCompany}
          options={[{ value: '', label: t('opportunities.chooseCompany') }, ...companies]}
        />
        <ContactsField
          key={companyId}
          legend={companyName ? t('opportunities.fields.contactsOf', { company: companyName }) : t('opportunities.fields.contacts')}
          hint={t('opportunities.hints.contacts')}
          contacts={shownContacts.map((c) => ({ id: c.id, name: c.name }))}
          defaultIds={o ? attached : defaults.contactIds}
          defaultPrimary={o ? (o.contacts.find((c) => c.isPrimary)?.id ?? null) : defaults.primaryContactId}
          emptyText={companyId ? t('opportunities.noCompanyContacts') : t('opportunities.chooseCompanyFirst')}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="typeId" label={t('opportunities.fields.type')} defaultValue={o?.type ? String(o.type.id) : ''} options={[...none, ...options.types]} />
          <SelectField name="sourceId" label={t('opportunities.fields.source')} defaultValue={o?.source ? String(o.source.id) : ''} options={[...none, ...options.sources]} />
        </div>
      </Section>

      <Section title={t('opportunities.sections.stage')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="pipelineId" label={t('opportunities.fields.pipeline')} defaultValue={initialPipeline} options={options.pipelines.map(({ value, label }) => ({ value, label }))} />
          <StageSelect
            name="stageId"
            label={t('opportunities.fields.stage')}
            hint={t('opportunities.hints.stage')}
            groups={groups}
            pipelineId={pipelineId}
            emptyLabel={o ? t('opportunities.keepStage') : t('opportunities.firstStage')}
            defaultValue={o ? String(o.stage.id) : ''}
          />
          <NumberField
            name="probability"
            label={t('opportunities.fields.probability')}
            hint={stageDefault !== undefined ? t('opportunities.hints.probability', { p: stageDefault }) : t('opportunities.hints.probabilityNoStage')}
            placeholder={stageDefault !== undefined ? String(stageDefault) : undefined}
            defaultValue={o?.probability !== null && o?.probability !== undefined ? String(o.probability) : ''}
            inputMode="numeric"
            suffix="%"
          />
          <div>
            <TextField name="expectedCloseDate" type="date" label={t('opportunities.fields.expectedCloseDate')} defaultValue={o?.expectedCloseDate} />
            {farDate ? (
              <div className="mt-2">
                <CheckboxField name="confirmCloseDate" label={t('opportunities.fields.confirmCloseDate')} />
              </div>
            ) : null}
          </div>
        </div>
        <ScoreField name="score" legend={t('opportunities.fields.score')} hint={t('opportunities.hints.score')} defaultValue={o?.score ?? 0} />
      </Section>

      <Section title={t('opportunities.sections.amounts')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <NumberField name="amount" label={t('opportunities.fields.amount')} hint={t('opportunities.hints.amount')} defaultValue={centsToInput(o?.amount)} />
          <SelectField name="currency" label={t('opportunities.fields.currency')} defaultValue={o?.currency ?? defaults.currency} options={currencyChoices.map((c) => ({ value: c, label: c }))} />
          <NumberField name="worstCase" label={t('opportunities.fields.worstCase')} hint={t('opportunities.hints.worstCase')} defaultValue={centsToInput(o?.worstCase)} />
          <NumberField name="bestCase" label={t('opportunities.fields.bestCase')} hint={t('opportunities.hints.bestCase')} defaultValue={centsToInput(o?.bestCase)} />
        </div>
      </Section>

      <Section title={t('opportunities.sections.followUp')}>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="ownerId" label={t('opportunities.fields.owner')} defaultValue={String(o?.owner?.id ?? defaults.ownerId)} options={options.owners} />
          <SelectField
            name="teamId"
            label={t('opportunities.fields.team')}
            hint={t('opportunities.hints.team')}
            defaultValue={o?.team ? String(o.team.id) : ''}
            options={[{ value: '', label: t('opportunities.ownerTeam') }, ...options.teams]}
          />
        </div>
        {options.tags.length ? <CheckboxGroup name="tagIds" legend={t('opportunities.fields.tags')} options={options.tags} defaultValues={o?.tags.map((x) => String(x.id))} /> : null}
        <TextAreaField name="description" label={t('opportunities.fields.description')} defaultValue={o?.description} rows={5} maxLength={10000} />
      </Section>

      <div className="flex gap-3">
        <SubmitButton>{o ? t('common.save') : t('opportunities.create')}</SubmitButton>
      </div>
    </>
  );
}
