'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { useServerFormState } from './action-form';
import { CheckboxField } from './field';

/**
 * Shown when the server found likely duplicates before saving: links to open them, and a box to tick
 * to save anyway. Works without JavaScript: the form comes back with what the user typed.
 */
export function DuplicatesNotice({ confirmLabel }: { confirmLabel: string }) {
  const t = useTranslations();
  const { duplicates } = useServerFormState();
  if (!duplicates?.length) return null;
  return (
    <Alert tone="warning">
      <p className="font-medium">{t('duplicates.found')}</p>
      <ul className="mt-2 space-y-1">
        {duplicates.map((d) => (
          <li key={`${d.kind}-${d.id}`}>
            <Link href={`/${d.kind === 'company' ? 'companies' : d.kind === 'lead' ? 'leads' : 'contacts'}/${d.id}`} className="font-semibold underline">
              {d.name}
            </Link>{' '}
            <span className="text-xs">({d.reasons.map((r) => t(`duplicates.reasons.${r}`)).join(', ')})</span>
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <CheckboxField name="confirmDuplicate" label={confirmLabel} />
      </div>
    </Alert>
  );
}
