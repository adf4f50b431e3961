'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { inputClass } from '@/components/ui/input-class';

/** The one-time link, shown once, in a read-only field the admin can select and copy. */
export function PasswordLink({ link }: { link: string }) {
  const t = useTranslations();
  const id = useId();
  return (
    <Alert tone="success">
      <label htmlFor={id} className="block font-medium">
        {t('users.linkLabel')}
      </label>
      <input id={id} readOnly value={link} data-testid="password-link" className={`${inputClass} mt-2 font-mono text-xs`} />
      <p className="mt-2 text-xs">{t('users.linkHint')}</p>
    </Alert>
  );
}
