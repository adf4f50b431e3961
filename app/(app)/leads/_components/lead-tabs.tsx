import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';

export type LeadTab = 'list' | 'board';

const TABS: { key: LeadTab; href: string }[] = [
  { key: 'list', href: '/leads' },
  { key: 'board', href: '/leads/board' },
];

/** The leads area's sub-navigation (a server component: the page says which tab it is; none on a record page). */
export async function LeadTabs({ current }: { current?: LeadTab }) {
  const t = await getTranslations();
  return (
    <nav aria-label={t('leadList.tabs.label')} className="mb-6 overflow-x-auto border-b border-slate-200 print:hidden">
      <ul className="-mb-px flex gap-4">
        {TABS.map((tab) => {
          const active = tab.key === current;
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-block border-b-2 px-1 pb-3 text-sm font-medium whitespace-nowrap',
                  active ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800',
                )}
              >
                {t(`leadList.tabs.${tab.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
