import { describe, expect, test } from 'vitest';
import { isLocale, negotiateLocale, resolveLocale } from '@/lib/i18n/negotiate';

describe('negotiateLocale', () => {
  test.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['fr', 'fr'],
    ['de-DE,de;q=0.9', null],
    ['de-DE,de;q=0.9,en;q=0.5', 'en'],
    ['de,fr;q=0.3,en;q=0.7', 'en'],
    ['en;q=0.5, fr;q=0.8', 'fr'],
    // Equal weights keep the header's order.
    ['fr;q=0.5,en;q=0.5', 'fr'],
    ['en;q=0.5,fr;q=0.5', 'en'],
    // q=0 means "not this one".
    ['fr;q=0,en;q=0.1', 'en'],
    ['fr;q=0', null],
    ['fr;q=0.0, de', null],
    // Garbage never throws and never picks a language.
    ['', null],
    ['*', null],
    [';;;,,,', null],
    ['fr;q=abc', null],
    ['q=1', null],
    ['français', null],
    ['x'.repeat(5000), null],
  ] as const)('%j → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  test('null and undefined headers give null', () => {
    expect(negotiateLocale(null)).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
  });
});

describe('resolveLocale precedence: user > cookie > Accept-Language > organisation default', () => {
  test.each([
    [{ userLocale: 'en', cookieLocale: 'fr', acceptLanguage: 'fr-FR', orgDefault: 'fr' }, 'en'],
    [{ userLocale: 'fr', cookieLocale: 'en', acceptLanguage: 'en-US', orgDefault: 'en' }, 'fr'],
    [{ userLocale: null, cookieLocale: 'en', acceptLanguage: 'fr-FR', orgDefault: 'fr' }, 'en'],
    [{ userLocale: null, cookieLocale: null, acceptLanguage: 'en-US', orgDefault: 'fr' }, 'en'],
    [{ userLocale: null, cookieLocale: null, acceptLanguage: 'de-DE', orgDefault: 'en' }, 'en'],
    [{ userLocale: null, cookieLocale: null, acceptLanguage: null, orgDefault: 'fr' }, 'fr'],
    [{ orgDefault: 'en' }, 'en'],
    // Invalid values at a level fall through to the next one.
    [{ userLocale: 'de', cookieLocale: 'xx', acceptLanguage: 'en', orgDefault: 'fr' }, 'en'],
    [{ userLocale: '', cookieLocale: 'fr', acceptLanguage: 'en', orgDefault: 'en' }, 'fr'],
    [{ userLocale: 'EN', cookieLocale: null, acceptLanguage: 'garbage', orgDefault: 'fr' }, 'fr'],
  ] as const)('%j → %s', (o, expected) => {
    expect(resolveLocale(o)).toBe(expected);
  });

  test('isLocale accepts exactly the supported locales', () => {
    expect(['fr', 'en', 'de', 'FR', '', null, undefined, 1].map(isLocale)).toEqual([true, true, false, false, false, false, false, false]);
  });
});
