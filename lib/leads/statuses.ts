import { asc, count, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { prepared } from '@/lib/db/prepared';
import { leadStatuses, type LeadStatusKind, type Locale, type StageColor } from '@/db/schema';

export type LeadStatusRow = { id: number; name: string; kind: LeadStatusKind; closed: boolean; color: StageColor; position: number };

const cols = { id: leadStatuses.id, name: leadStatuses.name, kind: leadStatuses.kind, closed: leadStatuses.closed, color: leadStatuses.color, position: leadStatuses.position };

/** The statuses in board order. */
export function listLeadStatuses(db: DbOrTx): LeadStatusRow[] {
  return prepared(db, 'leads.statuses.board', () => db.select(cols).from(leadStatuses).orderBy(asc(leadStatuses.position), asc(leadStatuses.id)).prepare()).all();
}

export function getLeadStatus(db: DbOrTx, id: number): LeadStatusRow | null {
  return db.select(cols).from(leadStatuses).where(eq(leadStatuses.id, id)).get() ?? null;
}

/** The status with a role (new, converted, lost): exactly one each. */
export function leadStatusOfKind(db: DbOrTx, kind: Exclude<LeadStatusKind, 'open'>): LeadStatusRow | null {
  return db.select(cols).from(leadStatuses).where(eq(leadStatuses.kind, kind)).get() ?? null;
}

/** Converted and lost are reached only by converting and losing, never by a click or a drag. */
export const isTerminalKind = (kind: LeadStatusKind) => kind === 'converted' || kind === 'lost';

const STARTER: { name: Record<Locale, string>; kind: LeadStatusKind; color: StageColor }[] = [
  { name: { fr: 'À traiter', en: 'To handle' }, kind: 'new', color: 'sky' },
  { name: { fr: 'Qualification marketing', en: 'Marketing qualification' }, kind: 'open', color: 'blue' },
  { name: { fr: 'Qualification commerciale', en: 'Sales qualification' }, kind: 'open', color: 'violet' },
  { name: { fr: 'Nurturing', en: 'Nurturing' }, kind: 'open', color: 'amber' },
  { name: { fr: 'Converti', en: 'Converted' }, kind: 'converted', color: 'green' },
  { name: { fr: 'Perdu', en: 'Lost' }, kind: 'lost', color: 'red' },
];

/** The seed's six statuses, in the organisation's language, when there are none yet. */
export function ensureLeadStatuses(tx: Tx, locale: Locale, now: number): void {
  if ((tx.select({ n: count() }).from(leadStatuses).get()?.n ?? 0) > 0) return;
  tx.insert(leadStatuses)
    .values(STARTER.map((s, position) => ({ name: s.name[locale], kind: s.kind, closed: isTerminalKind(s.kind), color: s.color, position, createdAt: now })))
    .run();
}
