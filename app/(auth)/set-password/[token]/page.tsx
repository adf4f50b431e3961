import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { passwordTokenUser } from '@/lib/auth/service';
import { Alert } from '@/components/ui/alert';
import { SetPasswordForm } from './set-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('setPassword.title') };
}

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const user = passwordTokenUser(getDb(), token, Date.now());
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t('setPassword.title')}</h1>
      {user ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t('setPassword.intro', { name: user.name, email: user.email })}</p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <Alert tone="error" className="mt-4">
          {t('errors.linkInvalid')}
        </Alert>
      )}
    </>
  );
}
