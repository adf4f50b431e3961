import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/current-user';
import { DuplicatesView } from '../../merge/_components/duplicates-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('merge.duplicatesTitle.lead') };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await requireUser();
  return <DuplicatesView kind="lead" user={user} sp={await searchParams} />;
}
