import { eq } from 'drizzle-orm';
import { writeTx, type Db } from '@/db/client';
import { orgSettings } from '@/db/schema';
import { audit } from '@/lib/audit';
import { canAdminister } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import type { Ctx } from '@/lib/users/service';
import { LOGO_TYPES, MAX_LOGO_BYTES, type OrgSettingsInput } from './schema';

export type LogoUpload = { type: string; bytes: Uint8Array } | 'remove' | null;

/** Checks the magic bytes too: a file's declared type is the browser's guess. */
function sniff(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (String.fromCharCode(...bytes.slice(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

export function updateOrgSettings(db: Db, input: OrgSettingsInput, logo: LogoUpload, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  let logoFields: { logo: string | null; logoType: string | null } | undefined;
  if (logo === 'remove') logoFields = { logo: null, logoType: null };
  else if (logo) {
    const type = sniff(logo.bytes);
    if (!type || !(LOGO_TYPES as readonly string[]).includes(type)) return fail('errors.invalidForm', { logo: 'errors.logoType' });
    if (logo.bytes.byteLength > MAX_LOGO_BYTES) return fail('errors.invalidForm', { logo: 'errors.logoTooBig' });
    logoFields = { logo: Buffer.from(logo.bytes).toString('base64'), logoType: type };
  }
  return writeTx(db, (tx) => {
    const values = { ...input, ...(logoFields ?? {}), updatedAt: ctx.now };
    tx.insert(orgSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: orgSettings.id, set: values }).run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'settings.updated',
      entityType: 'org_settings',
      entityId: 1,
      data: { ...input, logo: logo === 'remove' ? 'removed' : logo ? 'replaced' : undefined },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}
