import { describe, expect, test } from 'vitest';
import { contactSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import { fieldErrorsOf } from '@/lib/forms';

const base = { lastName: 'Martin', ownerId: '2', companyId: '', teamId: '', roleId: '', civility: '', consentStatus: 'unknown', consentDate: '' };

function errorsOf(form: Record<string, unknown>) {
  const r = contactSchema.safeParse(form);
  expect(r.success).toBe(false);
  return r.success ? {} : fieldErrorsOf(r.error);
}

describe('contactSchema', () => {
  test('parses a form of strings', () => {
    const v = contactSchema.parse({
      ...base,
      civility: 'ms',
      firstName: ' Anne ',
      companyId: '9',
      email: '  Anne.Martin@ACME.FR ',
      email2: 'ANNE@Perso.example',
      phone: '06 12 34 56 78',
      mobile: '',
      language: 'FR',
      doNotCall: 'on',
      tagIds: ['3', '5'],
    });
    expect(v).toMatchObject({
      civility: 'ms',
      firstName: 'Anne',
      lastName: 'Martin',
      companyId: 9,
      email: 'anne.martin@acme.fr',
      email2: 'anne@perso.example',
      phone: '06 12 34 56 78',
      mobile: null,
      language: 'fr',
      doNotCall: true,
      doNotEmail: false,
      consentStatus: 'unknown',
      consentDate: null,
      tagIds: [3, 5],
      ownerId: 2,
      teamId: null,
      confirmDuplicate: false,
    });
  });

  test("the last name is required: missing or blank gets 'errors.required'", () => {
    expect(errorsOf({ ...base, lastName: '  ' })).toEqual({ lastName: 'errors.required' });
    const { lastName: _l, ...noLast } = base;
    expect(errorsOf(noLast)).toEqual({ lastName: 'errors.required' });
    // The first name is optional.
    expect(contactSchema.parse({ ...base, firstName: '' }).firstName).toBeNull();
  });

  test('emails are lower-cased and checked', () => {
    expect(contactSchema.parse({ ...base, email: 'JEAN@EXAMPLE.COM' }).email).toBe('jean@example.com');
    expect(errorsOf({ ...base, email: 'jean@' })).toEqual({ email: 'errors.invalidEmail' });
    expect(errorsOf({ ...base, email2: 'nope' })).toEqual({ email2: 'errors.invalidEmail' });
  });

  test('consent is one of the known statuses, with an optional ISO date', () => {
    for (const s of ['unknown', 'given', 'refused', 'withdrawn']) expect(contactSchema.parse({ ...base, consentStatus: s }).consentStatus).toBe(s);
    expect(errorsOf({ ...base, consentStatus: 'maybe' })).toEqual({ consentStatus: 'errors.invalidChoice' });
    expect(contactSchema.parse({ ...base, consentStatus: 'given', consentDate: '2026-01-02' }).consentDate).toBe('2026-01-02');
    expect(errorsOf({ ...base, consentStatus: 'given', consentDate: '02/01/2026' })).toEqual({ consentDate: 'errors.invalidDate' });
  });

  test('consent defaults to unknown when the field is absent', () => {
    const { consentStatus: _c, ...noConsent } = base;
    expect(contactSchema.parse(noConsent).consentStatus).toBe('unknown');
  });

  test('phones, civility and language are checked', () => {
    expect(errorsOf({ ...base, mobile: 'abc' })).toEqual({ mobile: 'errors.invalidPhone' });
    expect(errorsOf({ ...base, civility: 'dr' })).toEqual({ civility: 'errors.invalidChoice' });
    expect(errorsOf({ ...base, language: 'french' })).toEqual({ language: 'errors.invalidChoice' });
    expect(errorsOf({ ...base, ownerId: '' })).toEqual({ ownerId: 'errors.required' });
  });

  test('a 10 000-character last name is too long; markup is kept as typed', () => {
    expect(errorsOf({ ...base, lastName: 'x'.repeat(10_000) })).toEqual({ lastName: 'errors.tooLong' });
    expect(contactSchema.parse({ ...base, lastName: '<img src=x onerror=alert(1)>' }).lastName).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('contactUpdateSchema', () => {
  test('adds the version', () => {
    expect(contactUpdateSchema.parse({ ...base, version: '3' }).version).toBe(3);
    const r = contactUpdateSchema.safeParse(base);
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(fieldErrorsOf(r.error))).toEqual(['version']);
  });
});
