import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/input-class';

/** A GET search that narrows the company choices of the contact form below it (works without JavaScript). */
export async function CompanyPickerSearch({ query, hidden }: { query?: string; hidden: Record<string, string> }) {
  const t = await getTranslations();
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-2 rounded-xl bg-slate-100 p-4">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="block min-w-0 flex-1 text-sm font-medium text-slate-800">
        {t('contacts.findCompany')}
        <input type="search" name="companyQuery" defaultValue={query ?? ''} className={`${inputClass} mt-1`} />
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        {t('contacts.findCompanyButton')}
      </button>
    </form>
  );
}
