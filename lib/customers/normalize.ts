// Pure normalisation rules shared by companies, contacts, search and duplicate detection.

/** Lower case, accents removed, spaces folded: the order of lists ("Émile" sorts with "Emile"). */
export function sortKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LEGAL_FORMS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'snc', 'scop', 'gmbh', 'ag', 'ltd', 'limited', 'llc', 'inc', 'plc', 'bv', 'nv', 'srl', 'spa', 'et', 'cie', 'and', 'co', 'the', 'groupe', 'group']);

/** A company name reduced to what identifies it: "Société Générale SA" and "societe-generale" share one key. */
export function companyNameKey(name: string): string {
  const words = sortKey(name)
    // "S.A.R.L." is the legal form "sarl", not the words "s", "a", "r", "l".
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ''))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !LEGAL_FORMS.has(w));
  return words.join('') || sortKey(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

export function personNameKey(lastName: string, firstName: string | null | undefined): string {
  return sortKey(`${lastName} ${firstName ?? ''}`).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Digits only, French national form: "+33 6 12 34 56 78" and "06.12.34.56.78" give "0612345678". */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+330')) digits = digits.slice(3); // "+33 (0)6…" or "+33 06…"
  else if (digits.startsWith('+33')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
  digits = digits.replace(/\+/g, '');
  return digits.length >= 6 ? digits : null;
}

export function emailDomainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null;
}

/** The host of a website without "www.": the company's likely email domain. */
export function websiteDomain(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}

/** Luhn checksum, used by SIREN (9 digits) and SIRET (14 digits). */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIREN, a SIRET (La Poste's SIRETs use their own rule) or an EU VAT number. */
export function isValidLegalId(raw: string): boolean {
  const v = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (/^\d{9}$/.test(v)) return luhn(v);
  if (/^\d{14}$/.test(v)) return luhn(v) || (v.startsWith('356000000') && [...v].reduce((a, c) => a + Number(c), 0) % 5 === 0);
  if (/^FR[0-9A-Z]{2}\d{9}$/.test(v)) return luhn(v.slice(4));
  return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v) && /\d/.test(v);
}

export function compactLegalId(raw: string): string {
  return raw.replace(/[\s.-]/g, '').toUpperCase();
}
