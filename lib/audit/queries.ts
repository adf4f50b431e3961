import { desc, eq, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { canAdminister, type Viewer } from '@/lib/permissions';

export type AuditRow = {
  id: number;
  at: number;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  data: Record<string, unknown> | null;
  ip: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/** The newest entries first, a page at a time (keyset on id). Administrators only. */
export function listAudit(db: Db, viewer: Viewer, before?: number): { rows: AuditRow[]; nextCursor: number | null } {
  if (!canAdminister(viewer)) return { rows: [], nextCursor: null };
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: users.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      data: auditLog.data,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(before ? lt(auditLog.id, before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .all();
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextCursor: more ? page[page.length - 1].id : null };
}
