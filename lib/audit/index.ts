import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';

export type AuditEntry = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  data?: Record<string, unknown>;
  ip?: string | null;
};

/** Writes one audit row; call it inside the transaction of the change it records. */
export function audit(db: DbOrTx, now: number, e: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at: now,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      data: e.data ?? null,
      ip: e.ip ?? null,
    })
    .run();
}
