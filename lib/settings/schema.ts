import { z } from 'zod';
import { LOCALES } from '@/db/schema/auth';
import { nameField } from '@/lib/auth/schema';

const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));
const currencies = new Set(Intl.supportedValuesOf('currency'));

export const orgSettingsSchema = z.object({
  name: nameField,
  defaultLocale: z.enum(LOCALES, { error: 'errors.invalidChoice' }),
  timeZone: z.string().refine((v) => timeZones.has(v), { error: 'errors.invalidTimeZone' }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => currencies.has(v), { error: 'errors.invalidCurrency' }),
});
export type OrgSettingsInput = z.infer<typeof orgSettingsSchema>;

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_LOGO_BYTES = 512 * 1024;
