import { getDb } from '@/db/client';
import { getCurrentSession } from '@/lib/auth/current-user';
import { getLogo } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

/** The organisation's logo, for signed-in users. */
export async function GET() {
  if (!(await getCurrentSession())) return new Response('Unauthorized', { status: 401 });
  const logo = getLogo(getDb());
  if (!logo) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: { 'content-type': logo.type, 'cache-control': 'private, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
  });
}
