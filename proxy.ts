import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, SESSION_SLIDING_MS } from '@/lib/auth/cookie';
import { allowedOriginsFor, isSameOriginRequest } from '@/lib/security/csrf';

// Proxy filters requests (foreign origin, oversized body), sets the CSP nonce and slides the session
// cookie. It is never the authorization boundary: every page, action and route checks the user itself.

const MAX_BODY_BYTES = 2.5 * 1024 * 1024;

function plainRefusal(status: number, fr: string, en: string): NextResponse {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${status}</title></head><body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>${fr}</h1><p lang="en">${en}</p><p><a href="/">Suivi</a></p></body></html>`;
  return new NextResponse(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const dev = process.env.NODE_ENV !== 'production';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const proto = request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const sameOrigin = isSameOriginRequest({
    method: request.method,
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
    allowedOrigins: allowedOriginsFor(host, proto, process.env.APP_URL),
  });
  if (!sameOrigin) {
    return plainRefusal(
      403,
      'Requête refusée : elle ne vient pas de Suivi.',
      'Request refused: it did not come from this Suivi site. Reload the page and try again.',
    );
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) {
    return plainRefusal(413, 'Envoi trop volumineux (2 Mo au plus).', 'Upload too large (2 MB at most).');
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, proto === 'https');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);

  // Sliding expiry: a page view keeps the cookie alive as long as the server-side session.
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token && request.method === 'GET') {
    response.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: proto === 'https',
      maxAge: SESSION_SLIDING_MS / 1000,
    });
  }
  return response;
}

export const config = {
  matcher: [
    // Every request but static files: CSRF must cover route handlers too.
    '/((?!_next/static|_next/image|favicon.ico).*)',
  ],
};
