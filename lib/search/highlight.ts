import { searchPhrases } from './queries';

export type Segment = { text: string; hit: boolean };

const WORD = /[\p{L}\p{M}\p{N}\p{Co}]+/gu;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The length, in UTF-16 units of `word`, of its start that folds to `n` characters. */
function prefixLength(word: string, n: number): number {
  let folded = 0;
  let units = 0;
  for (const ch of word) {
    if (folded >= n) break;
    folded += fold(ch).length;
    units += ch.length;
  }
  // Combining marks after the last matched letter belong to it.
  while (units < word.length && /\p{M}/u.test(word[units])) units += 1;
  return units;
}

/**
 * `text` cut into plain and matched pieces: the start of every word that begins with a word of the
 * query, ignoring case and accents, as the search itself does. Pure data, for the page to render as
 * <mark> elements (never as HTML).
 */
export function highlight(text: string, q: string): Segment[] {
  const terms = [...new Set(searchPhrases(q).flat().map(fold))].sort((a, b) => b.length - a.length);
  if (!terms.length || !text) return text ? [{ text, hit: false }] : [];
  const out: Segment[] = [];
  let at = 0;
  const push = (s: string, hit: boolean) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && last.hit === hit) last.text += s;
    else out.push({ text: s, hit });
  };
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const folded = fold(word);
    const term = terms.find((t) => folded.startsWith(t));
    if (!term) continue;
    const len = prefixLength(word, term.length);
    push(text.slice(at, m.index), false);
    push(word.slice(0, len), true);
    at = m.index + len;
  }
  push(text.slice(at), false);
  return out;
}
