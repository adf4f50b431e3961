import { describe, expect, it } from 'vitest';
import { appendCards, cardOf, moveBefore, moveCard, placementOf, replaceCard, restoreCard, samePlace, type Columns } from '@/components/kanban/board-state';

type Card = { id: number; name: string };
const c = (id: number): Card => ({ id, name: `Card ${id}` });
const board = (): Columns<Card> => ({ todo: [c(1), c(2), c(3)], doing: [c(4)], done: [] });
const ids = (cols: Columns<Card>) => Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.map((x) => x.id)]));

describe('placement', () => {
  it('finds a card, its index and the card after it', () => {
    expect(placementOf(board(), '2')).toEqual({ columnId: 'todo', index: 1, beforeId: '3' });
    expect(placementOf(board(), '3')).toEqual({ columnId: 'todo', index: 2, beforeId: null });
    expect(placementOf(board(), '9')).toBeNull();
    expect(cardOf(board(), '4')).toEqual(c(4));
  });

  it('same place means same column and same next card', () => {
    expect(samePlace({ columnId: 'a', index: 0, beforeId: '2' }, { columnId: 'a', index: 3, beforeId: '2' })).toBe(true);
    expect(samePlace({ columnId: 'a', index: 0, beforeId: '2' }, { columnId: 'b', index: 0, beforeId: '2' })).toBe(false);
    expect(samePlace({ columnId: 'a', index: 0, beforeId: null }, { columnId: 'a', index: 0, beforeId: '1' })).toBe(false);
  });
});

describe('moving', () => {
  it('to another column at an index, keeping the others in order', () => {
    expect(ids(moveCard(board(), '2', 'doing', 0))).toEqual({ todo: [1, 3], doing: [2, 4], done: [] });
    expect(ids(moveCard(board(), '2', 'doing', 99))).toEqual({ todo: [1, 3], doing: [4, 2], done: [] });
    expect(ids(moveCard(board(), '1', 'done', 0))).toEqual({ todo: [2, 3], doing: [4], done: [1] });
  });

  it('within a column (the index counted without the card)', () => {
    expect(ids(moveCard(board(), '1', 'todo', 2))).toEqual({ todo: [2, 3, 1], doing: [4], done: [] });
    expect(ids(moveCard(board(), '3', 'todo', 0))).toEqual({ todo: [3, 1, 2], doing: [4], done: [] });
  });

  it('nowhere: the very same object (no re-render)', () => {
    const b = board();
    expect(moveCard(b, '1', 'todo', 0)).toBe(b);
    expect(moveCard(b, '9', 'todo', 0)).toBe(b);
    expect(moveCard(b, '1', 'nope', 0)).toBe(b);
  });

  it('before a given card, or at the end', () => {
    expect(ids(moveBefore(board(), '4', 'todo', '2'))).toEqual({ todo: [1, 4, 2, 3], doing: [], done: [] });
    expect(ids(moveBefore(board(), '4', 'todo', null))).toEqual({ todo: [1, 2, 3, 4], doing: [], done: [] });
    expect(ids(moveBefore(board(), '1', 'todo', null))).toEqual({ todo: [2, 3, 1], doing: [4], done: [] });
    // A next card that isn't there (any more): the end.
    expect(ids(moveBefore(board(), '4', 'todo', '42'))).toEqual({ todo: [1, 2, 3, 4], doing: [], done: [] });
  });
});

describe('rolling back a refused move', () => {
  it('puts the card back before the card that followed it', () => {
    const start = board();
    const was = placementOf(start, '2')!;
    const moved = moveCard(start, '2', 'doing', 1);
    expect(ids(restoreCard(moved, '2', was))).toEqual(ids(start));
  });

  it('keeps the other moves made meanwhile', () => {
    const start = board();
    const was = placementOf(start, '2')!;
    let b = moveCard(start, '2', 'done', 0);
    b = moveCard(b, '4', 'todo', 0); // another card moved while the first one was pending
    expect(ids(restoreCard(b, '2', was))).toEqual({ todo: [4, 1, 2, 3], doing: [], done: [] });
  });

  it('back to the end when it was last, or to its old index when its neighbour left', () => {
    const start = board();
    const last = placementOf(start, '3')!;
    expect(ids(restoreCard(moveCard(start, '3', 'done', 0), '3', last))).toEqual(ids(start));
    const was = placementOf(start, '1')!; // before card 2
    let b = moveCard(start, '1', 'done', 0);
    b = moveCard(b, '2', 'doing', 0); // card 2 left the column meanwhile
    expect(ids(restoreCard(b, '1', was))).toEqual({ todo: [1, 3], doing: [2, 4], done: [] });
  });
});

describe('load more and server updates', () => {
  it('appends a page, leaving out cards already on the board', () => {
    const b = moveCard(board(), '4', 'todo', 0);
    expect(ids(appendCards(b, 'todo', [c(4), c(5), c(6)]))).toEqual({ todo: [4, 1, 2, 3, 5, 6], doing: [], done: [] });
    expect(appendCards(b, 'todo', [c(1)])).toBe(b);
    expect(appendCards(b, 'nope', [c(7)])).toBe(b);
  });

  it('replaces a card’s data where it is', () => {
    const b = replaceCard(board(), { id: 2, name: 'Renamed' });
    expect(b.todo[1]).toEqual({ id: 2, name: 'Renamed' });
    expect(ids(b)).toEqual(ids(board()));
    const same = board();
    expect(replaceCard(same, { id: 99, name: 'x' })).toBe(same);
  });
});
