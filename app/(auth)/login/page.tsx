import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getCurrentSession } from '@/lib/auth/current-user';
import { hasAnyUser } from '@/lib/auth/service';
import { LoginForm } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('login.title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (!hasAnyUser(getDb())) redirect('/setup');
  if (await getCurrentSession()) redirect('/');
  const t = await getTranslations();
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold text-slate-900">{t('login.title')}</h1>
      <LoginForm next={typeof next === 'string' ? next : '/'} />
    </>
  );
}
