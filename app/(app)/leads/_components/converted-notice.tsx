import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';

/** "Lead converted", on the company or opportunity page the convert dialog lands on (`?converted=<lead id>`). */
export async function LeadConvertedNotice({ leadId }: { leadId: string | undefined }) {
  if (!leadId || !/^\d+$/.test(leadId)) return null;
  const t = await getTranslations();
  return (
    <Alert tone="success" className="mb-4">
      {t('leads.notices.converted')}{' '}
      <Link href={`/leads/${leadId}`} className="font-medium underline">
        {t('leads.notices.backToLead')}
      </Link>
    </Alert>
  );
}
