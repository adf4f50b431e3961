import { z } from 'zod';
import type { DuplicateMatch } from '@/lib/customers/duplicate-types';

/** Plain values from FormData: repeated names become arrays, files are kept, `$ACTION_*` keys dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else out[key] = value;
  }
  return out;
}

/** A list field that may arrive as nothing, one value or several (checkboxes). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined || v === null || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** A checkbox: present ("on") means true. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** Optional text: empty becomes null. */
export function optionalText(max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v),
    z.string().max(max, { error: 'errors.tooLong' }).nullable().default(null),
  );
}

export type FieldErrors = Record<string, string>;

/** Our schemas give every issue a message key, core or per area (see lib/i18n/messages); anything else is a generic invalid value. */
export function issueKey(message: string | undefined): string {
  return message && /^([a-z][a-zA-Z]*\.)?errors\.[a-zA-Z]+$/.test(message) ? message : 'errors.invalidValue';
}

/** The first issue of each field as a message key, keyed by its path ("teamIds.0" counts for "teamIds"). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!(key in out)) out[key] = issueKey(issue.message);
  }
  return out;
}

/** What a form shows after a server round trip. `values` keeps what the user typed (never passwords). */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string | string[]>;
  /** Whatever a successful action hands back to show once (e.g. a set-password link). */
  data?: Record<string, string>;
  /** Likely duplicates found before saving: the form offers to open them or to confirm. */
  duplicates?: DuplicateMatch[];
};

export const initialFormState: FormState = { ok: false };

/** The typed values to give back to a form that failed, without secrets or files. */
export function keepValues(input: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(input)) {
    if (/password/i.test(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
