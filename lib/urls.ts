/** A `back` address is followed only when it is a path of this site (never another origin). */
export function safeBack(back: unknown): string | null {
  if (typeof back !== 'string' || !back.startsWith('/') || back.startsWith('//') || back.startsWith('/\\')) return null;
  if (/[\u0000-\u001f]/.test(back) || back.length > 1000) return null;
  return back;
}

/** A path with query parameters added (a notice for the page it leads to). */
export function withParams(path: string, params: Record<string, string | number>): string {
  const url = new URL(path, 'http://local');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return `${url.pathname}${url.search}${url.hash}`;
}
