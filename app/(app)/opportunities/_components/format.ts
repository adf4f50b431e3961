import type { createFormatter } from 'next-intl';
import { toMajor } from '@/lib/opportunities/money';

type Formatter = ReturnType<typeof createFormatter>;

/** An amount in cents, in its currency, for the user's locale (no decimals when there are none). */
export function formatMoney(format: Formatter, cents: number, currency: string): string {
  return format.number(toMajor(cents), { style: 'currency', currency, minimumFractionDigits: cents % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
}

/** A calendar day (YYYY-MM-DD) for the user's locale; read in UTC so no time zone moves it to another day. */
export function formatDay(format: Formatter, day: string): string {
  return format.dateTime(new Date(`${day}T00:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
