const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfInput = {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** Origins this server answers as, e.g. `http://localhost:3000` and APP_URL. */
  allowedOrigins: string[];
};

/**
 * Whether a request may change anything. A state-changing request must say where it comes from:
 * its Origin must be one of ours, or (when a browser omits Origin) Sec-Fetch-Site must be same-origin.
 * A request with neither is refused: every browser we support sends one of them.
 */
export function isSameOriginRequest(i: CsrfInput): boolean {
  if (SAFE_METHODS.has(i.method.toUpperCase())) return true;
  if (i.origin && i.origin !== 'null') {
    return i.allowedOrigins.some((o) => o.toLowerCase() === i.origin!.toLowerCase());
  }
  return i.secFetchSite === 'same-origin';
}

/** The origins a request to `host` over `proto` may come from, plus the configured public URL. */
export function allowedOriginsFor(host: string | null, proto: string, appUrl?: string): string[] {
  const out: string[] = [];
  if (host) out.push(`${proto}://${host}`);
  if (appUrl) {
    try {
      out.push(new URL(appUrl).origin);
    } catch {
      // a malformed APP_URL is reported at start; here it simply allows nothing more
    }
  }
  return out;
}
