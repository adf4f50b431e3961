import type { DuplicateMatch } from '@/lib/customers/duplicate-types';

/** Message keys live in the `errors` namespace of lib/i18n/messages; the app translates them. */
export type ServiceError = { code: string; fieldErrors?: Record<string, string>; duplicates?: DuplicateMatch[] };
export type Result<T = void> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, fieldErrors?: Record<string, string>): { ok: false; error: ServiceError } => ({
  ok: false,
  error: { code, fieldErrors },
});

/** Thrown inside a transaction to roll it back with an expected refusal. */
export class Refusal extends Error {
  constructor(public readonly error: ServiceError) {
    super(error.code);
  }
}
