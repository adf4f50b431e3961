import fs from 'node:fs';
import path from 'node:path';
import { expect, storageStateFile, test } from './fixtures';

// What the server answers at the HTTP level, through Playwright's request client. These checks do not
// depend on the browser's JavaScript, so they run once (the nojs project ignores this file); the session
// cookie's attributes are checked in auth.spec, through the sign-in form, in both projects.

const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string };

const STACK_TRACE = [/\bat \S+ \(\S+:\d+:\d+\)/, /node_modules/, /\.next(-test)?\/server/, new RegExp(process.cwd().replace(/[/.]/g, '\\$&'))];

test('a cross-origin POST is refused with 403, on pages and on route handlers', async ({ request }) => {
  for (const url of ['/login', '/api/health', '/settings/users/new']) {
    const res = await request.post(url, {
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      form: { email: 'a@example.test', password: 'whatever-whatever' },
      maxRedirects: 0,
    });
    expect(res.status(), `POST ${url}`).toBe(403);
    expect(await res.text()).toContain('Requête refusée');
  }
});

test('a POST that says nothing of where it comes from is refused with 403', async ({ request }) => {
  const res = await request.post('/login', { form: { email: 'a@example.test' }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
  const health = await request.post('/api/health', { maxRedirects: 0 });
  expect(health.status()).toBe(403);
});

test('a same-origin POST gets through the filter (control)', async ({ request, baseURL }) => {
  const res = await request.post('/api/health', { headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(res.status()).not.toBe(403);
  const bySecFetch = await request.post('/api/health', { headers: { 'Sec-Fetch-Site': 'same-origin' }, maxRedirects: 0 });
  expect(bySecFetch.status()).not.toBe(403);
});

test('an oversized POST from our own origin is refused with 413', async ({ request, baseURL }) => {
  const body = Buffer.alloc(Math.ceil(2.6 * 1024 * 1024), 'a');
  for (const url of ['/login', '/settings/organisation']) {
    const res = await request.post(url, {
      headers: { Origin: baseURL!, 'Content-Type': 'application/octet-stream' },
      data: body,
      maxRedirects: 0,
    });
    expect(res.status(), `POST ${url}`).toBe(413);
  }
});

test('pages carry a nonce-based CSP, frame-ancestors none, nosniff and a referrer policy', async ({ request }) => {
  const first = await request.get('/login');
  expect(first.status()).toBe(200);
  const h = first.headers();
  const csp = h['content-security-policy'];
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBeTruthy();
  expect(h['x-powered-by']).toBeUndefined();

  // The nonce is the one the page's scripts carry, and a new one each time.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  const second = await request.get('/login');
  expect(/'nonce-([^']+)'/.exec(second.headers()['content-security-policy'])![1]).not.toBe(nonce);
});

test('/api/health answers 200 with the version and the database status', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/json');
  const body = await res.json();
  expect(body).toMatchObject({ status: 'ok', version: pkg.version, database: { status: 'ok' } });
});

test('error pages never show a stack trace', async ({ playwright, baseURL, authDir }) => {
  const admin = await playwright.request.newContext({ baseURL, storageState: storageStateFile(authDir, 'admin') });
  const probes = [
    await admin.get('/settings/users/999999'),
    await admin.get('/settings/users/not-a-number'),
    await admin.get('/no-such-page'),
    await admin.get('/set-password/%E0%A4%A'),
    await admin.get('/api/logo'),
    await admin.post('/settings/users/new', {
      headers: { Origin: baseURL!, 'Next-Action': '0'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' },
      data: '["$K1"]',
      maxRedirects: 0,
    }),
    await admin.post('/login', {
      headers: { Origin: baseURL!, 'Content-Type': 'multipart/form-data; boundary=nope' },
      data: '--broken\r\n',
      maxRedirects: 0,
    }),
  ];
  for (const res of probes) {
    const text = await res.text();
    for (const pattern of STACK_TRACE) expect(text, `${res.url()} → ${res.status()} shows ${pattern}`).not.toMatch(pattern);
  }
  // A record page renders its own "not found" (readable without JavaScript; see components/ui/record-not-found.tsx).
  expect(await probes[0].text()).toContain('Page introuvable');
  expect(probes[2].status()).toBe(404);
  await admin.dispose();
});
