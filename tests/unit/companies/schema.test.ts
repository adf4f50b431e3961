import { describe, expect, test } from 'vitest';
import { companySchema, companyUpdateSchema, transferSchema } from '@/lib/companies/schema';
import { fieldErrorsOf } from '@/lib/forms';

/** What Object.fromEntries(formData) gives for a minimal valid company form. */
const base = { name: 'Acme', type: 'prospect', ownerId: '3', teamId: '', industryId: '', size: '', customerFamilyId: '', originId: '', notes: '' };

function errorsOf(form: Record<string, unknown>, schema: typeof companySchema | typeof companyUpdateSchema = companySchema) {
  const r = schema.safeParse(form);
  expect(r.success).toBe(false);
  return r.success ? {} : fieldErrorsOf(r.error);
}

describe('companySchema', () => {
  test('parses a form of strings: ids coerced, empty strings null, checkbox "on" true, lone tag id a list', () => {
    const v = companySchema.parse({
      ...base,
      name: '  Acme Industries  ',
      type: 'client',
      legalId: '732 829 320',
      website: 'https://www.acme.fr',
      email: 'Contact@ACME.fr',
      phone: '+33 1 23 45 67 89',
      industryId: '12',
      size: '10-49',
      keyAccount: 'on',
      tagIds: '4',
      teamId: '7',
    });
    expect(v).toMatchObject({
      name: 'Acme Industries',
      type: 'client',
      legalId: '732 829 320',
      website: 'https://www.acme.fr',
      emailDomain: null,
      email: 'contact@acme.fr',
      phone: '+33 1 23 45 67 89',
      industryId: 12,
      size: '10-49',
      customerFamilyId: null,
      originId: null,
      keyAccount: true,
      ownerId: 3,
      teamId: 7,
      tagIds: [4],
      notes: null,
      addresses: [],
      confirmDuplicate: false,
    });
  });

  test('several tags arrive as an array; an absent checkbox is false', () => {
    const v = companySchema.parse({ ...base, tagIds: ['1', '2'], confirmDuplicate: 'on' });
    expect(v.tagIds).toEqual([1, 2]);
    expect(v.keyAccount).toBe(false);
    expect(v.confirmDuplicate).toBe(true);
  });

  test('address slots become `addresses`; empty slots are dropped; the first becomes default when none is marked', () => {
    const v = companySchema.parse({
      ...base,
      addr0_label: '',
      addr0_line1: '',
      addr0_line2: '',
      addr0_postalCode: '',
      addr0_city: '',
      addr0_country: '',
      addr1_label: 'Siège',
      addr1_line1: '1 rue de la Paix',
      addr1_postalCode: '75002',
      addr1_city: 'Paris',
      addr1_country: 'fr',
      addr1_isBilling: 'on',
      addr2_line1: 'Hauptstraße 5',
      addr2_city: 'Berlin',
      addr2_country: 'de',
      addr2_isDelivery: 'on',
    });
    expect(v.addresses).toEqual([
      { label: 'Siège', line1: '1 rue de la Paix', line2: null, postalCode: '75002', city: 'Paris', country: 'FR', isBilling: true, isDelivery: false, isDefault: true },
      { label: null, line1: 'Hauptstraße 5', line2: null, postalCode: null, city: 'Berlin', country: 'DE', isBilling: false, isDelivery: true, isDefault: false },
    ]);
    // The slot fields themselves do not leak into the parsed input.
    expect(Object.keys(v).some((k) => /^addr\d_/.test(k))).toBe(false);
  });

  test('a slot marked default keeps that choice; the others are not made default', () => {
    const v = companySchema.parse({
      ...base,
      addr0_line1: 'A',
      addr0_city: 'Lyon',
      addr1_line1: 'B',
      addr1_city: 'Lille',
      addr1_isDefault: 'on',
    });
    expect(v.addresses.map((a) => [a.city, a.isDefault])).toEqual([
      ['Lyon', false],
      ['Lille', true],
    ]);
  });

  test('a slot with only a checkbox ticked is still an empty slot', () => {
    expect(companySchema.parse({ ...base, addr0_isBilling: 'on', addr0_country: 'FR' }).addresses).toEqual([]);
  });

  test("a slot with only a city gets 'errors.required' on its line 1, at path ['addr0_line1']", () => {
    const r = companySchema.safeParse({ ...base, addr0_city: 'Nantes' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toEqual([expect.objectContaining({ path: ['addr0_line1'], message: 'errors.required' })]);
  });

  test('a slot with only a line 1 needs a city', () => {
    expect(errorsOf({ ...base, addr2_line1: '3 quai Ouest' })).toEqual({ addr2_city: 'errors.required' });
  });

  test('a bad country code in a slot is refused', () => {
    expect(errorsOf({ ...base, addr0_line1: 'x', addr0_city: 'y', addr0_country: 'France' })).toEqual({ addr0_country: 'errors.invalidCountry' });
  });

  test("a website without scheme gets 'errors.websiteScheme'; a schemed one without a dot is 'errors.invalidUrl'", () => {
    expect(errorsOf({ ...base, website: 'acme.fr' })).toEqual({ website: 'errors.websiteScheme' });
    expect(errorsOf({ ...base, website: 'www.acme.fr' })).toEqual({ website: 'errors.websiteScheme' });
    expect(errorsOf({ ...base, website: 'https://localhost' })).toEqual({ website: 'errors.invalidUrl' });
    expect(errorsOf({ ...base, website: 'javascript:alert(1)' })).toEqual({ website: 'errors.websiteScheme' });
    expect(companySchema.parse({ ...base, website: 'HTTP://acme.fr' }).website).toBe('HTTP://acme.fr');
  });

  test("a bad phone gets 'errors.invalidPhone'", () => {
    expect(errorsOf({ ...base, phone: 'call me' })).toEqual({ phone: 'errors.invalidPhone' });
    expect(errorsOf({ ...base, phone: '12 34' })).toEqual({ phone: 'errors.invalidPhone' });
    expect(errorsOf({ ...base, phone: '+33 1 23 45 67 89 12 34 56 78' })).toEqual({ phone: 'errors.invalidPhone' });
    expect(companySchema.parse({ ...base, phone: '01.23.45.67.89' }).phone).toBe('01.23.45.67.89');
  });

  test("a bad SIRET gets 'errors.invalidLegalId'", () => {
    expect(errorsOf({ ...base, legalId: '73282932000075' })).toEqual({ legalId: 'errors.invalidLegalId' });
    expect(errorsOf({ ...base, legalId: 'n/a' })).toEqual({ legalId: 'errors.invalidLegalId' });
    expect(companySchema.parse({ ...base, legalId: '73282932000074' }).legalId).toBe('73282932000074');
  });

  test('email and email domain are checked and lower-cased', () => {
    expect(errorsOf({ ...base, email: 'not-an-email' })).toEqual({ email: 'errors.invalidEmail' });
    expect(errorsOf({ ...base, emailDomain: 'acme' })).toEqual({ emailDomain: 'errors.invalidDomain' });
    expect(companySchema.parse({ ...base, emailDomain: '@ACME.FR' }).emailDomain).toBe('acme.fr');
  });

  test("a 10 000-character name gets 'errors.tooLong'; 200 characters are fine", () => {
    expect(errorsOf({ ...base, name: 'x'.repeat(10_000) })).toEqual({ name: 'errors.tooLong' });
    expect(companySchema.parse({ ...base, name: 'x'.repeat(200) }).name).toHaveLength(200);
    expect(errorsOf({ ...base, notes: 'x'.repeat(10_001) })).toEqual({ notes: 'errors.tooLong' });
  });

  test("a missing or blank name gets 'errors.required'", () => {
    expect(errorsOf({ ...base, name: '   ' })).toEqual({ name: 'errors.required' });
    const { name: _n, ...noName } = base;
    expect(errorsOf(noName)).toEqual({ name: 'errors.required' });
  });

  test("a missing owner gets 'errors.required'; unknown type and size get 'errors.invalidChoice'", () => {
    expect(errorsOf({ ...base, ownerId: '' })).toEqual({ ownerId: 'errors.required' });
    expect(errorsOf({ ...base, type: 'enemy' })).toEqual({ type: 'errors.invalidChoice' });
    expect(errorsOf({ ...base, size: '5' })).toEqual({ size: 'errors.invalidChoice' });
    expect(errorsOf({ ...base, industryId: 'abc' })).toEqual({ industryId: 'errors.invalidChoice' });
  });

  test('HTML or script in a name is plain text: accepted and kept as typed', () => {
    const name = '<script>alert("x")</script><b>Acme</b> & Co';
    expect(companySchema.parse({ ...base, name }).name).toBe(name);
  });
});

describe('companyUpdateSchema', () => {
  test('needs the version it was edited from, and parses like the create form', () => {
    const v = companyUpdateSchema.parse({ ...base, version: '4', addr0_line1: '2 rue Haute', addr0_city: 'Tours' });
    expect(v.version).toBe(4);
    expect(v.addresses).toEqual([expect.objectContaining({ line1: '2 rue Haute', city: 'Tours', isDefault: true })]);
    expect(errorsOf({ ...base }, companyUpdateSchema)).toHaveProperty('version');
    expect(errorsOf({ ...base, version: '0' }, companyUpdateSchema)).toHaveProperty('version');
  });

  test('checks address slots like the create form', () => {
    expect(errorsOf({ ...base, version: '1', addr1_postalCode: '37000' }, companyUpdateSchema)).toEqual({
      addr1_line1: 'errors.required',
      addr1_city: 'errors.required',
    });
  });
});

describe('transferSchema', () => {
  test('owner required, team optional, comment trimmed', () => {
    expect(transferSchema.parse({ ownerId: '5', teamId: '', comment: '  leaving  ' })).toEqual({ ownerId: 5, teamId: null, comment: 'leaving' });
    const r = transferSchema.safeParse({ ownerId: '', teamId: '', comment: '' });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toEqual({ ownerId: 'errors.required' });
  });
});
