import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { hasAnyUser } from '@/lib/auth/service';
import { SetupForm } from './setup-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('setup.title') };
}

export default async function SetupPage() {
  if (hasAnyUser(getDb())) redirect('/login');
  const t = await getTranslations();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t('setup.title')}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t('setup.intro')}</p>
      <SetupForm />
    </>
  );
}
