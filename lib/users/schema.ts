import { z } from 'zod';
import { ROLES, LOCALES } from '@/db/schema/auth';
import { emailField, nameField } from '@/lib/auth/schema';
import { listOf } from '@/lib/forms';

const role = z.enum(ROLES, { error: 'errors.invalidChoice' });
const teamIds = listOf(z.coerce.number().int().positive());
const departureDate = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.iso.date({ error: 'errors.invalidDate' }).nullable(),
);

export const createUserSchema = z.object({ name: nameField, email: emailField, role, teamIds });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({ name: nameField, email: emailField, role, teamIds, departureDate });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const profileSchema = z.object({
  name: nameField,
  locale: z.enum(LOCALES, { error: 'errors.invalidChoice' }),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const teamSchema = z.object({ name: nameField });
export type TeamInput = z.infer<typeof teamSchema>;
