/** Keyset cursors: the sort key and id of the last row of a page, opaque to the browser. */
export function encodeCursor(sortName: string, id: number): string {
  return Buffer.from(JSON.stringify([sortName, id])).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): { sortName: string; id: number } | null {
  if (!cursor) return null;
  try {
    const [sortName, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof sortName === 'string' && Number.isInteger(id) ? { sortName, id } : null;
  } catch {
    return null;
  }
}

/** Cursors of the newest-first order: creation time and id. An object, so the name decoder refuses it. */
export function encodeCreatedCursor(createdAt: number, id: number): string {
  return Buffer.from(JSON.stringify({ s: 'created', k: createdAt, id })).toString('base64url');
}

export function decodeCreatedCursor(cursor: string | null | undefined): { createdAt: number; id: number } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return v && v.s === 'created' && Number.isInteger(v.k) && Number.isInteger(v.id) ? { createdAt: v.k, id: v.id } : null;
  } catch {
    return null;
  }
}
