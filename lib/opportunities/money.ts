/** Amounts are kept in minor units (cents). The largest accepted: 10 billion in major units. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

/**
 * Reads an amount typed by a French or English user into cents: spaces (also no-break) and apostrophes are
 * group separators; with both "," and ".", the last one is the decimal mark; a lone "," is a decimal comma
 * (12,50), several are groups (1,234,567); at most two decimals. Returns null when it isn't a number.
 */
export function parseMoney(input: string): number | null {
  let s = input.replace(/[\s\u00a0\u202f']/g, '').replace(/(€|\$|£|EUR|USD|GBP|CHF)$/i, '').replace(/^(€|\$|£)/, '');
  if (!s) return null;
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    s = s.split(group).join('');
    if (s.split(dec).length > 2) return null;
    s = s.replace(dec, '.');
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    s = parts.length === 2 ? parts.join('.') : parts.every((p, i) => i === 0 || p.length === 3) ? parts.join('') : 'x';
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    if (parts.length > 2) s = parts.every((p, i) => i === 0 || p.length === 3) ? parts.join('') : 'x';
  }
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** Cents as the plain decimal a form field shows back ("12500.5" → "12500.50"; whole amounts without decimals). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}${frac ? `.${String(frac).padStart(2, '0')}` : ''}`;
}

/** Cents to major units for Intl formatting. */
export const toMajor = (cents: number) => cents / 100;

/** The weighted amount: amount × probability %, rounded to the cent. */
export const weighted = (cents: number, probability: number) => Math.round((cents * probability) / 100);
