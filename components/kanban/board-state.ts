// The board's cards by column, and the pure moves on them (no React, no DOM): what the optimistic UI
// does before the server answers, and how it puts a refused card back.

export type CardKey = string;
export type CardLike = { id: string | number };
/** Cards by column id, each column in display order. */
export type Columns<C extends CardLike> = Record<string, C[]>;
/** Where a card is: its column, its index, and the card right after it (null: the last one). */
export type Placement = { columnId: string; index: number; beforeId: CardKey | null };

export const keyOf = (c: CardLike): CardKey => String(c.id);

export function placementOf<C extends CardLike>(cols: Columns<C>, id: CardKey): Placement | null {
  for (const [columnId, cards] of Object.entries(cols)) {
    const index = cards.findIndex((c) => keyOf(c) === id);
    if (index >= 0) return { columnId, index, beforeId: cards[index + 1] ? keyOf(cards[index + 1]) : null };
  }
  return null;
}

export function cardOf<C extends CardLike>(cols: Columns<C>, id: CardKey): C | null {
  const p = placementOf(cols, id);
  return p ? cols[p.columnId][p.index] : null;
}

/**
 * Moves a card to `index` of column `to` (the index it will have there, counted without it). Unknown card
 * or column: unchanged (the same object, so React skips the render).
 */
export function moveCard<C extends CardLike>(cols: Columns<C>, id: CardKey, to: string, index: number): Columns<C> {
  const from = placementOf(cols, id);
  if (!from || !cols[to]) return cols;
  const card = cols[from.columnId][from.index];
  const source = cols[from.columnId].filter((_, i) => i !== from.index);
  const target = to === from.columnId ? source : [...cols[to]];
  const at = Math.max(0, Math.min(index, target.length));
  if (to === from.columnId && at === from.index) return cols;
  target.splice(at, 0, card);
  return { ...cols, [from.columnId]: source, [to]: target };
}

/** Moves a card right before card `beforeId` of column `to` (null or not there: at the end). */
export function moveBefore<C extends CardLike>(cols: Columns<C>, id: CardKey, to: string, beforeId: CardKey | null): Columns<C> {
  if (!cols[to]) return cols;
  const without = cols[to].filter((c) => keyOf(c) !== id);
  const i = beforeId === null ? -1 : without.findIndex((c) => keyOf(c) === beforeId);
  return moveCard(cols, id, to, i >= 0 ? i : without.length);
}

/**
 * Puts a card back where it was (a refused move): before the card that followed it if that one is still
 * in the column, else at its old index. Other cards moved meanwhile stay where they are.
 */
export function restoreCard<C extends CardLike>(cols: Columns<C>, id: CardKey, was: Placement): Columns<C> {
  if (!cols[was.columnId]) return cols;
  const without = cols[was.columnId].filter((c) => keyOf(c) !== id);
  const i = was.beforeId === null ? -1 : without.findIndex((c) => keyOf(c) === was.beforeId);
  return moveCard(cols, id, was.columnId, i >= 0 ? i : was.beforeId === null ? without.length : was.index);
}

/** A page of "load more" at the end of a column, leaving out cards already on the board (moved there meanwhile). */
export function appendCards<C extends CardLike>(cols: Columns<C>, columnId: string, cards: C[]): Columns<C> {
  if (!cols[columnId]) return cols;
  const seen = new Set(Object.values(cols).flatMap((cs) => cs.map(keyOf)));
  const fresh = cards.filter((c) => !seen.has(keyOf(c)));
  return fresh.length ? { ...cols, [columnId]: [...cols[columnId], ...fresh] } : cols;
}

/** Replaces a card's data in place (the server's view of it after a move). */
export function replaceCard<C extends CardLike>(cols: Columns<C>, card: C): Columns<C> {
  const p = placementOf(cols, keyOf(card));
  if (!p) return cols;
  const list = [...cols[p.columnId]];
  list[p.index] = card;
  return { ...cols, [p.columnId]: list };
}

/** Did the card end up somewhere else than `was`? (Same column and same next card: no move to send.) */
export function samePlace(a: Placement, b: Placement): boolean {
  return a.columnId === b.columnId && a.beforeId === b.beforeId;
}
