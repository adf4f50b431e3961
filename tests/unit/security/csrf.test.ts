import { describe, expect, test } from 'vitest';
import { allowedOriginsFor, isSameOriginRequest } from '@/lib/security/csrf';

const OURS = allowedOriginsFor('crm.example.test:3000', 'http');

const req = (o: { method?: string; origin?: string | null; secFetchSite?: string | null; allowedOrigins?: string[] }) =>
  isSameOriginRequest({ method: o.method ?? 'POST', origin: o.origin ?? null, secFetchSite: o.secFetchSite ?? null, allowedOrigins: o.allowedOrigins ?? OURS });

describe('isSameOriginRequest', () => {
  test.each(['GET', 'HEAD', 'OPTIONS', 'get'])('%s is always allowed, whatever its origin', (method) => {
    expect(req({ method, origin: 'https://evil.example', secFetchSite: 'cross-site' })).toBe(true);
    expect(req({ method, origin: null, secFetchSite: null })).toBe(true);
  });

  test('POST with our Origin is allowed (case-insensitive)', () => {
    expect(req({ origin: 'http://crm.example.test:3000' })).toBe(true);
    expect(req({ origin: 'HTTP://CRM.EXAMPLE.TEST:3000' })).toBe(true);
    expect(req({ origin: 'http://crm.example.test:3000', secFetchSite: 'same-origin' })).toBe(true);
  });

  test.each([
    ['a foreign origin', 'https://evil.example'],
    ['another port', 'http://crm.example.test:4000'],
    ['another scheme', 'https://crm.example.test:3000'],
    ['a look-alike suffix', 'http://crm.example.test:3000.evil.example'],
    ['a subdomain', 'http://evil.crm.example.test:3000'],
  ])('POST from %s is refused, even claiming Sec-Fetch-Site same-origin', (_label, origin) => {
    expect(req({ origin })).toBe(false);
    expect(req({ origin, secFetchSite: 'same-origin' })).toBe(false);
  });

  test.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s without Origin: only Sec-Fetch-Site same-origin passes', (method) => {
    expect(req({ method, secFetchSite: 'same-origin' })).toBe(true);
    expect(req({ method, secFetchSite: 'cross-site' })).toBe(false);
    expect(req({ method, secFetchSite: 'same-site' })).toBe(false);
    expect(req({ method, secFetchSite: 'none' })).toBe(false);
    expect(req({ method, secFetchSite: null })).toBe(false);
  });

  test("Origin 'null' counts as absent: refused unless Sec-Fetch-Site is same-origin", () => {
    expect(req({ origin: 'null' })).toBe(false);
    expect(req({ origin: 'null', secFetchSite: 'cross-site' })).toBe(false);
    expect(req({ origin: 'null', secFetchSite: 'same-site' })).toBe(false);
    // A same-origin form under Referrer-Policy: no-referrer is sent with Origin: null.
    expect(req({ origin: 'null', secFetchSite: 'same-origin' })).toBe(true);
  });

  test('with no allowed origin at all, any Origin is refused', () => {
    expect(req({ origin: 'http://crm.example.test:3000', allowedOrigins: [] })).toBe(false);
  });
});

describe('allowedOriginsFor', () => {
  test('the request host with its protocol', () => {
    expect(allowedOriginsFor('localhost:3000', 'http')).toEqual(['http://localhost:3000']);
    expect(allowedOriginsFor(null, 'http')).toEqual([]);
  });

  test('plus the origin of APP_URL (path, query and trailing slash dropped)', () => {
    const allowed = allowedOriginsFor('127.0.0.1:3000', 'http', 'https://crm.acme.example/suivi/?x=1');
    expect(allowed).toEqual(['http://127.0.0.1:3000', 'https://crm.acme.example']);
    expect(isSameOriginRequest({ method: 'POST', origin: 'https://crm.acme.example', secFetchSite: null, allowedOrigins: allowed })).toBe(true);
    expect(isSameOriginRequest({ method: 'POST', origin: 'http://crm.acme.example', secFetchSite: null, allowedOrigins: allowed })).toBe(false);
  });

  test('a default port in APP_URL is normalised away, like browsers do in Origin', () => {
    expect(allowedOriginsFor(null, 'https', 'https://crm.acme.example:443/')).toEqual(['https://crm.acme.example']);
  });

  test('a malformed APP_URL adds nothing', () => {
    expect(allowedOriginsFor('localhost:3000', 'http', 'not a url')).toEqual(['http://localhost:3000']);
    expect(allowedOriginsFor('localhost:3000', 'http', '')).toEqual(['http://localhost:3000']);
  });
});
