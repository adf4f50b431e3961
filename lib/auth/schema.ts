import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules';

export const emailField = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'errors.required' })
  .max(254, { error: 'errors.tooLong' })
  .pipe(z.email({ error: 'errors.invalidEmail' }));

export const nameField = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required' })
  .max(120, { error: 'errors.tooLong' });

/** Length only: the common-password check needs the server's list and runs in the service. */
export const newPasswordField = z
  .string({ error: 'errors.required' })
  .min(MIN_PASSWORD_LENGTH, { error: 'errors.passwordTooShort' })
  .max(MAX_PASSWORD_LENGTH, { error: 'errors.tooLong' });

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }).max(MAX_PASSWORD_LENGTH),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const setupSchema = z.object({
  organisation: nameField,
  name: nameField,
  email: emailField,
  password: newPasswordField,
});
export type SetupInput = z.infer<typeof setupSchema>;

export const setPasswordSchema = z.object({ password: newPasswordField });

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }),
  newPassword: newPasswordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
