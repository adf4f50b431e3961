'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { COMPANY_SIZES } from '@/db/schema/customers';
import { SCORE_FIELDS, SCORE_OPERATORS, type ScoreField, type ScoreOperator } from '@/db/schema/leads';
import { ActionForm, useServerFormState } from '@/components/form/action-form';
import { CheckboxField, SelectField, TextField } from '@/components/form/field';
import { FormDetails } from '@/components/form/form-details';
import { SubmitButton } from '@/components/form/submit-button';
import { OPERATORS_BY_FIELD } from '@/lib/leads/scoring';
import { FocusOnRefusal, ResetOnSuccess, SrLabel } from '../../pipelines/_components/form-bits';
import { createScoreRuleAction, deleteScoreRuleAction, setScoreRuleActiveAction, updateScoreRuleAction } from '../actions';
import { ruleFormSchema, valueInputOf, VALUE_INPUTS, type ValueInput } from './rule-form';

type Option = { value: string; label: string };
export type RuleOptions = { industries: Option[]; sources: Option[]; categories: Option[]; tags: Option[] };

/** True once hydrated: without JavaScript every comparison and every value input is shown. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const isField = (v: unknown): v is ScoreField => typeof v === 'string' && (SCORE_FIELDS as readonly string[]).includes(v);
const isOperator = (v: unknown): v is ScoreOperator => typeof v === 'string' && (SCORE_OPERATORS as readonly string[]).includes(v);

/**
 * Field, comparison and value. With JavaScript the comparisons are those of the chosen field and only the value
 * input that field needs is shown; without it all are offered, and the server refuses a comparison the field
 * doesn't have (on the comparison) or a missing value (on the input that should hold it).
 */
function ConditionFields({ defaults, options }: { defaults: Record<string, string>; options: RuleOptions }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const form = useFormContext();
  const kept = useServerFormState().values ?? {};
  const start = (name: string) => (typeof kept[name] === 'string' ? (kept[name] as string) : defaults[name]);
  const initialField = isField(start('field')) ? (start('field') as ScoreField) : 'jobTitle';
  const [field, setField] = useState<ScoreField>(initialField);
  const [operator, setOperator] = useState<string>(start('operator') ?? OPERATORS_BY_FIELD[initialField][0]);

  useEffect(() => {
    if (!form) return;
    const sub = form.watch((values, { name }) => {
      if (name === 'field' && isField(values.field)) setField(values.field);
      if (name === 'operator' && typeof values.operator === 'string') setOperator(values.operator);
    });
    return () => sub.unsubscribe();
  }, [form]);

  const allowed = OPERATORS_BY_FIELD[field];
  // A field that lacks the chosen comparison takes its first one (the options have changed already).
  useEffect(() => {
    if (!hydrated || (isOperator(operator) && allowed.includes(operator))) return;
    setOperator(allowed[0]);
    form?.setValue('operator', allowed[0]);
  }, [hydrated, allowed, operator, form]);

  const operators = (hydrated ? allowed : SCORE_OPERATORS).map((o) => ({ value: o, label: t(`leadSettings.rules.operators.${o}`) }));
  const shown: readonly ValueInput[] = hydrated ? [valueInputOf(field, operator)].filter((x): x is ValueInput => x !== null) : VALUE_INPUTS;

  const none = { value: '', label: t('leadSettings.rules.choose') };
  const select = (name: ValueInput, list: Option[]) => (
    <SelectField name={name} label={t(`leadSettings.rules.values.${name}`)} options={[none, ...list]} defaultValue={defaults[name] ?? ''} hint={list.length ? undefined : t('leadSettings.rules.emptyList')} />
  );
  const inputs: Record<ValueInput, ReactNode> = {
    valueText: (
      <TextField name="valueText" label={t('leadSettings.rules.values.valueText')} defaultValue={defaults.valueText} maxLength={200} autoComplete="off" hint={hydrated ? (field === 'country' ? t('leadSettings.rules.countryHint') : t('leadSettings.rules.textHint')) : t('leadSettings.rules.textHintAll')} />
    ),
    valueIndustry: select('valueIndustry', options.industries),
    valueSource: select('valueSource', options.sources),
    valueCategory: select('valueCategory', options.categories),
    valueSize: select(
      'valueSize',
      COMPANY_SIZES.map((s) => ({ value: s, label: t('leadSettings.rules.size', { size: s }) })),
    ),
    valueTag: select('valueTag', options.tags),
    valueDays: <TextField name="valueDays" label={t('leadSettings.rules.values.valueDays')} defaultValue={defaults.valueDays} maxLength={4} autoComplete="off" hint={t('leadSettings.rules.daysHint')} />,
  };

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="field"
          label={t('leadSettings.rules.field')}
          options={SCORE_FIELDS.map((f) => ({ value: f, label: t(`leadSettings.rules.fields.${f}`) }))}
          defaultValue={initialField}
          hint={t('leadSettings.rules.comingSoon')}
          required
        />
        <SelectField name="operator" label={t('leadSettings.rules.operator')} options={operators} defaultValue={operator} hint={hydrated ? undefined : t('leadSettings.rules.operatorHintAll')} required />
      </div>
      {shown.length === 0 ? null : hydrated ? (
        <div className="sm:w-1/2">{inputs[shown[0]]}</div>
      ) : (
        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">{t('leadSettings.rules.valueLegend')}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {shown.map((name) => (
              <div key={name}>{inputs[name]}</div>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}

/** The whole rule: name, condition, points, active. New (empties itself once saved) or an existing one. */
export function RuleForm({ rule, options }: { rule?: { id: number; defaults: Record<string, string>; active: boolean }; options: RuleOptions }) {
  const t = useTranslations();
  const defaults = rule?.defaults ?? {};
  return (
    <ActionForm action={rule ? updateScoreRuleAction : createScoreRuleAction} schema={ruleFormSchema} className="space-y-4">
      {rule ? <input type="hidden" name="id" value={rule.id} /> : <ResetOnSuccess />}
      <FocusOnRefusal className="space-y-4">
        <div className="sm:w-1/2">
          <TextField name="name" label={t('leadSettings.rules.nameField')} defaultValue={defaults.name} required maxLength={120} autoComplete="off" />
        </div>
        <ConditionFields defaults={defaults} options={options} />
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <TextField name="points" label={t('leadSettings.rules.points')} defaultValue={defaults.points} required maxLength={4} autoComplete="off" hint={t('leadSettings.rules.pointsHint')} />
          <div className="sm:pt-7">
            <CheckboxField name="active" label={t('leadSettings.rules.activeField')} hint={t('leadSettings.rules.activeHint')} defaultChecked={rule ? rule.active : true} />
          </div>
        </div>
        <SubmitButton>{rule ? t('common.save') : t('leadSettings.rules.add')}</SubmitButton>
      </FocusOnRefusal>
    </ActionForm>
  );
}

/** Activate or deactivate a rule (kept for later): one button posting the other state. */
export function RuleActiveForm({ id, name, active }: { id: number; name: string; active: boolean }) {
  const t = useTranslations();
  return (
    <ActionForm action={setScoreRuleActiveAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <SubmitButton variant="ghost" className="px-0 py-0 font-medium text-brand-700 hover:bg-transparent hover:underline">
        <SrLabel
          label={t(active ? 'leadSettings.rules.deactivate' : 'leadSettings.rules.activate')}
          srLabel={t(active ? 'leadSettings.rules.deactivateNamed' : 'leadSettings.rules.activateNamed', { name })}
        />
      </SubmitButton>
    </ActionForm>
  );
}

/** Deleting a rule, behind a disclosure that asks for confirmation. */
export function DeleteRuleForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={deleteScoreRuleAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<SrLabel label={t('leadSettings.rules.deleteToggle')} srLabel={t('leadSettings.rules.deleteToggleNamed', { name })} />}>
        <FocusOnRefusal className="max-w-xs space-y-3">
          <p className="text-sm text-slate-600">{t('leadSettings.rules.deleteConfirm', { name })}</p>
          <SubmitButton variant="danger">{t('leadSettings.rules.delete')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}
