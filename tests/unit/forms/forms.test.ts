import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { checkbox, fieldErrorsOf, formDataToObject, issueKey, keepValues, listOf, optionalText } from '@/lib/forms';
import { createUserSchema } from '@/lib/users/schema';
import { loginSchema } from '@/lib/auth/schema';

describe('formDataToObject', () => {
  test('single values stay strings, repeated names become arrays, $ACTION keys are dropped', () => {
    const fd = new FormData();
    fd.append('$ACTION_ID_abc123', '');
    fd.append('$ACTION_REF_1', '');
    fd.append('$ACTION_1:0', '{}');
    fd.append('name', 'Ana');
    fd.append('teamIds', '1');
    fd.append('teamIds', '2');
    fd.append('teamIds', '3');
    fd.append('empty', '');
    expect(formDataToObject(fd)).toEqual({ name: 'Ana', teamIds: ['1', '2', '3'], empty: '' });
  });

  test('files are kept as they are', () => {
    const fd = new FormData();
    const file = new File([new Uint8Array([1, 2, 3])], 'logo.png', { type: 'image/png' });
    fd.append('logo', file);
    const out = formDataToObject(fd);
    expect(out.logo).toBeInstanceOf(File);
    expect((out.logo as File).name).toBe('logo.png');
  });
});

describe('listOf', () => {
  const ids = listOf(z.coerce.number().int().positive());
  test.each([
    [undefined, []],
    [null, []],
    ['', []],
    [false, []],
    ['4', [4]],
    [['1', '2'], [1, 2]],
  ])('%j → %j', (input, expected) => {
    expect(ids.parse(input)).toEqual(expected);
  });

  test('items are still validated', () => {
    expect(ids.safeParse(['1', 'x']).success).toBe(false);
    expect(ids.safeParse('-3').success).toBe(false);
  });
});

describe('checkbox and optionalText', () => {
  test('checkbox: "on" and "true" are true, absence is false', () => {
    expect(['on', 'true', true, undefined, '', 'off', 'false'].map((v) => checkbox.parse(v))).toEqual([true, true, true, false, false, false, false]);
  });

  test('optionalText: trimmed, empty becomes null, too long is a message key', () => {
    const f = optionalText(5);
    expect(f.parse('  hi  ')).toBe('hi');
    expect(f.parse('   ')).toBeNull();
    expect(f.parse(undefined)).toBeNull();
    const r = f.safeParse('too long');
    expect(r.success ? null : r.error.issues[0].message).toBe('errors.tooLong');
  });
});

describe('fieldErrorsOf', () => {
  test('returns the first message key per field', () => {
    const r = createUserSchema.safeParse({ name: '', email: 'nope', role: 'boss', teamIds: ['x'] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrorsOf(r.error)).toEqual({
      name: 'errors.required',
      email: 'errors.invalidEmail',
      role: 'errors.invalidChoice',
      teamIds: 'errors.invalidValue',
    });
  });

  test('every value is a message key, whatever zod said', () => {
    const schema = z.object({ a: z.string(), b: z.number().min(3, { error: 'errors.tooLong' }) });
    const r = schema.safeParse({ a: 1, b: 1 });
    if (r.success) throw new Error('should fail');
    const errs = fieldErrorsOf(r.error);
    expect(errs).toEqual({ a: 'errors.invalidValue', b: 'errors.tooLong' });
  });

  test('an issue without a path is reported under _form', () => {
    const schema = z.string().refine(() => false, { error: 'errors.invalidForm' });
    const r = schema.safeParse('x');
    if (r.success) throw new Error('should fail');
    expect(fieldErrorsOf(r.error)).toEqual({ _form: 'errors.invalidForm' });
  });

  test('the login schema normalises the email and reports missing fields', () => {
    expect(loginSchema.parse({ email: '  Ana@Example.TEST ', password: 'x' }).email).toBe('ana@example.test');
    const r = loginSchema.safeParse({});
    if (r.success) throw new Error('should fail');
    expect(fieldErrorsOf(r.error)).toEqual({ email: 'errors.required', password: 'errors.required' });
  });

  test('issueKey', () => {
    expect(issueKey('errors.required')).toBe('errors.required');
    expect(issueKey('Invalid input')).toBe('errors.invalidValue');
    expect(issueKey(undefined)).toBe('errors.invalidValue');
  });
});

describe('keepValues', () => {
  test('keeps strings and string lists, drops passwords and files', () => {
    const file = new File(['x'], 'x.txt');
    expect(
      keepValues({
        name: 'Ana',
        teamIds: ['1', '2', file],
        password: 'secret',
        currentPassword: 'secret',
        newPassword: 'secret',
        PASSWORD_confirm: 'secret',
        logo: file,
        count: 3,
      }),
    ).toEqual({ name: 'Ana', teamIds: ['1', '2'] });
  });
});
