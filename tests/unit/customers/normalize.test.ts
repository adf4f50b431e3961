import { describe, expect, test } from 'vitest';
import {
  compactLegalId,
  companyNameKey,
  emailDomainOf,
  isValidLegalId,
  normalizePhone,
  personNameKey,
  sortKey,
  websiteDomain,
} from '@/lib/customers/normalize';

describe('sortKey', () => {
  test('removes accents, lower-cases and folds spaces', () => {
    expect(sortKey('Émile')).toBe('emile');
    expect(sortKey('  ÉCOLE   Supérieure\tde  Çà ')).toBe('ecole superieure de ca');
    expect(sortKey('Zoë Ångström')).toBe('zoe angstrom');
  });

  test('accented and plain spellings sort together', () => {
    const names = ['Zola', 'Émile', 'Eric', 'éva', 'Adam'];
    expect([...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual(['Adam', 'Émile', 'Eric', 'éva', 'Zola']);
  });
});

describe('companyNameKey', () => {
  test('"Société Générale SA", "societe-generale" and "SOCIETE GENERALE" share one key', () => {
    const key = companyNameKey('Société Générale SA');
    expect(key).toBe('societegenerale');
    expect(companyNameKey('societe-generale')).toBe(key);
    expect(companyNameKey('SOCIETE GENERALE')).toBe(key);
    expect(companyNameKey('  Société   Générale, S.A. ')).toBe(key);
  });

  test('legal forms and filler words are dropped wherever they are', () => {
    expect(companyNameKey('SARL Dupont et Cie')).toBe('dupont');
    expect(companyNameKey('Acme GmbH')).toBe(companyNameKey('ACME'));
    expect(companyNameKey('The Widget Company Ltd')).toBe('widgetcompany');
    expect(companyNameKey('Groupe Renault SAS')).toBe('renault');
  });

  test('dotted legal forms ("S.A.R.L.", "S.A.") are dropped too', () => {
    expect(companyNameKey('Dupont S.A.R.L.')).toBe(companyNameKey('Dupont SARL'));
    expect(companyNameKey('Dupont s.a.r.l')).toBe('dupont');
    expect(companyNameKey('Vins du Sud, S.A.')).toBe('vinsdusud');
    expect(companyNameKey('I.B.M.')).toBe('ibm');
  });

  test('different companies keep different keys', () => {
    expect(companyNameKey('Société Générale')).not.toBe(companyNameKey('Société Marseillaise'));
  });

  test('a name made only of legal forms still gets a non-empty key', () => {
    expect(companyNameKey('SA')).toBe('sa');
    expect(companyNameKey('S.A.S.')).toBe('sas');
    expect(companyNameKey('Groupe & Cie')).toBe('groupecie');
  });
});

describe('personNameKey', () => {
  test('last and first names, accents, case, spaces and punctuation folded', () => {
    expect(personNameKey('Dupré-Lefèvre', 'Anne Marie')).toBe('duprelefevreannemarie');
    expect(personNameKey('DUPRE LEFEVRE', 'anne-marie')).toBe('duprelefevreannemarie');
  });

  test('a missing first name is just the last name', () => {
    expect(personNameKey('Martin', null)).toBe('martin');
    expect(personNameKey('Martin', undefined)).toBe('martin');
    expect(personNameKey('Martin', '')).toBe('martin');
  });

  test('last name comes first: swapped names differ', () => {
    expect(personNameKey('Paul', 'Martin')).not.toBe(personNameKey('Martin', 'Paul'));
  });
});

describe('normalizePhone', () => {
  test.each([
    ['+33 6 12 34 56 78', '0612345678'],
    ['+33612345678', '0612345678'],
    ['0033 6 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['06 12 34 56 78', '0612345678'],
    ['06-12-34-56-78', '0612345678'],
    ['(06) 12 34 56 78', '0612345678'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  test('foreign numbers keep their digits without the plus', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958');
  });

  test('too short or empty gives null', () => {
    expect(normalizePhone('12 34')).toBeNull();
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
    expect(normalizePhone('abc')).toBeNull();
  });

  test('six digits is the shortest number kept', () => {
    expect(normalizePhone('123456')).toBe('123456');
  });
});

describe('emailDomainOf', () => {
  test('the part after the last @, lower-cased', () => {
    expect(emailDomainOf('Jean.Dupont@ACME.fr')).toBe('acme.fr');
    expect(emailDomainOf('"odd@name"@example.com')).toBe('example.com');
  });

  test('no domain without a local part or an @', () => {
    expect(emailDomainOf('@acme.fr')).toBeNull();
    expect(emailDomainOf('acme.fr')).toBeNull();
    expect(emailDomainOf('')).toBeNull();
    expect(emailDomainOf(null)).toBeNull();
    expect(emailDomainOf(undefined)).toBeNull();
  });
});

describe('websiteDomain', () => {
  test('the host without "www.", lower-cased', () => {
    expect(websiteDomain('https://www.acme.fr/contact?x=1')).toBe('acme.fr');
    expect(websiteDomain('http://WWW.Example.COM')).toBe('example.com');
    expect(websiteDomain('https://shop.acme.fr')).toBe('shop.acme.fr');
  });

  test('only a leading "www." is stripped', () => {
    expect(websiteDomain('https://notwww.acme.fr')).toBe('notwww.acme.fr');
  });

  test('an invalid or missing URL gives null', () => {
    expect(websiteDomain('acme.fr')).toBeNull();
    expect(websiteDomain('not a url')).toBeNull();
    expect(websiteDomain('')).toBeNull();
    expect(websiteDomain(null)).toBeNull();
    expect(websiteDomain(undefined)).toBeNull();
  });
});

describe('isValidLegalId', () => {
  test.each([
    ['732829320', 'SIREN'],
    ['732 829 320', 'SIREN with spaces'],
    ['552100554', 'SIREN'],
    ['73282932000074', 'SIRET'],
    ['732 829 320 00074', 'SIRET with spaces'],
    ['732.829.320.00074', 'SIRET with dots'],
    ['35600000000010', "La Poste's SIRET (its own rule)"],
    ['FR44732829320', 'French VAT'],
    ['fr 44 732 829 320', 'French VAT, lower case and spaces'],
    ['DE123456789', 'German VAT'],
    ['BE0123456789', 'Belgian VAT'],
    ['IT12345678901', 'Italian VAT'],
  ])('%s is accepted (%s)', (raw) => {
    expect(isValidLegalId(raw)).toBe(true);
  });

  test.each([
    ['732829321', 'SIREN, wrong checksum'],
    ['123456789', 'SIREN, wrong checksum'],
    ['73282932000075', 'SIRET, wrong checksum'],
    ['FR44732829321', 'French VAT over a wrong SIREN'],
    ['12345', 'too short'],
    ['1234567890', 'ten digits'],
    ['hello world', 'garbage'],
    ['ABCDEFGH', 'letters only'],
    ['', 'empty'],
    ['D1', 'too short for a VAT number'],
    ['<script>', 'markup'],
  ])('%s is refused (%s)', (raw) => {
    expect(isValidLegalId(raw)).toBe(false);
  });
});

describe('compactLegalId', () => {
  test('drops spaces, dots and dashes, upper-cases', () => {
    expect(compactLegalId('732 829 320 00074')).toBe('73282932000074');
    expect(compactLegalId('732.829.320-00074')).toBe('73282932000074');
    expect(compactLegalId('fr 44 732829320')).toBe('FR44732829320');
  });
});
