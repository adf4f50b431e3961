import { z } from 'zod';
import { isValidLegalId } from './normalize';

/** Optional text: trimmed, empty becomes null, with a length limit. */
export function optText(max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v === undefined ? null : v),
    z.string().max(max, { error: 'errors.tooLong' }).nullable(),
  );
}

export function reqText(max: number) {
  return z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required' })
    .max(max, { error: 'errors.tooLong' });
}

/** An optional id from a <select>: "" is none. */
export const optId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.coerce.number({ error: 'errors.invalidChoice' }).int().positive({ error: 'errors.invalidChoice' }).nullable(),
);

export const optEmail = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toLowerCase()) : v === undefined ? null : v),
  z.email({ error: 'errors.invalidEmail' }).max(254, { error: 'errors.tooLong' }).nullable(),
);

export const optPhone = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v === undefined ? null : v),
  z
    .string()
    .max(30, { error: 'errors.tooLong' })
    .regex(/^\+?[\d\s().-]{6,}$/, { error: 'errors.invalidPhone' })
    .refine((v) => v.replace(/\D/g, '').length >= 6 && v.replace(/\D/g, '').length <= 15, { error: 'errors.invalidPhone' })
    .nullable(),
);

/** A website must say its scheme: "acme.fr" is refused with a hint, "https://acme.fr" accepted. */
export const optWebsite = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v === undefined ? null : v),
  z
    .string()
    .max(500, { error: 'errors.tooLong' })
    .refine((v) => /^https?:\/\//i.test(v), { error: 'errors.websiteScheme' })
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
        } catch {
          return false;
        }
      },
      { error: 'errors.invalidUrl' },
    )
    .nullable(),
);

export const optDomain = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toLowerCase().replace(/^@/, '')) : v === undefined ? null : v),
  z
    .string()
    .max(253, { error: 'errors.tooLong' })
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, { error: 'errors.invalidDomain' })
    .nullable(),
);

export const optLegalId = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v === undefined ? null : v),
  z
    .string()
    .max(40, { error: 'errors.tooLong' })
    .refine(isValidLegalId, { error: 'errors.invalidLegalId' })
    .nullable(),
);

export const optDate = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.iso.date({ error: 'errors.invalidDate' }).nullable());

export const version = z.coerce.number({ error: 'errors.invalidValue' }).int().positive();
