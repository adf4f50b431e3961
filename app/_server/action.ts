import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { requestIp, requireUser, type CurrentSession } from '@/lib/auth/current-user';
import { fieldErrorsOf, formDataToObject, keepValues, type FormState } from '@/lib/forms';
import type { ServiceError } from '@/lib/result';

export type ActionCtx = CurrentSession & { now: number; ip: string | null };

/** The signed-in user (or a redirect to sign-in), the time and the client address. */
export async function actionContext(): Promise<ActionCtx> {
  const current = await requireUser();
  return { ...current, now: Date.now(), ip: await requestIp() };
}

export type Parsed<T> = { ok: true; data: T; raw: Record<string, unknown> } | { ok: false; state: FormState };

/** Parses a form with its zod schema; on failure the state carries field error keys and what was typed. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): Parsed<z.infer<S>> {
  const raw = formDataToObject(formData);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, raw };
  return { ok: false, state: { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: keepValues(raw) } };
}

/** A service's refusal as form state: a translated message unless the fields say it all. */
export async function refusal(error: ServiceError, raw: Record<string, unknown> = {}): Promise<FormState> {
  const t = await getTranslations();
  const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).filter(([k]) => !k.startsWith('_')));
  // `_name` entries are message values; `_at` is a time in ms, shown in the user's time zone.
  const params = Object.fromEntries(
    Object.entries(error.fieldErrors ?? {})
      .filter(([k]) => k.startsWith('_'))
      .map(([k, v]) => [k.slice(1), k === '_at' ? new Date(Number(v)) : v]),
  );
  const showMessage = error.code !== 'errors.invalidForm' || Object.keys(fieldErrors).length === 0;
  return {
    ok: false,
    message: showMessage ? t(error.code, params) : undefined,
    fieldErrors,
    values: keepValues(raw),
    duplicates: error.duplicates,
  };
}
