import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmptyArea } from '../_components/empty-area';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.opportunities') };
}

export default function OpportunitiesPage() {
  return <EmptyArea area="opportunities" />;
}
