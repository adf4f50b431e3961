'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { HiddenField, SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { buttonClass } from '@/components/ui/button';
import type { Option } from '@/lib/customers/options';
import { closeSchema } from '@/lib/opportunities/schema';
import { closeOpportunityAction } from '../actions';

/** The confirm step of closing: the close date (today by default), and for a loss its reason and competitor. */
export function CloseForm({ id, outcome, back, today, lostReasons, cancelHref }: { id: number; outcome: 'won' | 'lost'; back: string | null; today: string; lostReasons: Option[]; cancelHref: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={closeOpportunityAction} schema={closeSchema} className="space-y-5">
      <input type="hidden" name="id" value={id} />
      <HiddenField name="outcome" value={outcome} />
      {back ? <input type="hidden" name="back" value={back} /> : null}
      <TextField name="closeDate" type="date" label={t('opportunities.fields.closeDate')} hint={t('opportunities.close.dateHint')} defaultValue={today} required />
      {outcome === 'lost' ? (
        <>
          <SelectField name="lostReasonId" label={t('opportunities.fields.lostReason')} required defaultValue="" options={[{ value: '', label: t('opportunities.close.chooseReason') }, ...lostReasons]} />
          <TextField name="competitor" label={t('opportunities.fields.competitor')} hint={t('opportunities.close.competitorHint')} maxLength={200} autoComplete="off" />
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant={outcome === 'lost' ? 'danger' : 'primary'}>{outcome === 'won' ? t('opportunities.close.confirmWon') : t('opportunities.close.confirmLost')}</SubmitButton>
        <a href={cancelHref} className={buttonClass('secondary')}>
          {t('opportunities.close.cancel')}
        </a>
      </div>
    </ActionForm>
  );
}
