import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { buildMatchQuery, searchPhrases } from '@/lib/search/queries';
import { highlight } from '@/lib/search/highlight';

// A bare FTS5 table like migration 0002's, to check every generated expression is valid syntax.
const fts = new Database(':memory:');
fts.exec(`create virtual table search_fts using fts5(title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`);
fts.prepare('insert into search_fts(rowid, title, body) values (9, ?, ?)').run('Société Générale', 'sg.fr 01 42 14 20 00 0142142000');
const matches = (q: string) => fts.prepare('select count(*) as n from search_fts where search_fts match ?').get(buildMatchQuery(q)) as { n: number };

describe('buildMatchQuery', () => {
  test.each([
    ['Société Générale', '"Société"* AND "Générale"*'],
    ['societe gen', '"societe"* AND "gen"*'],
    ['  SOCIETE  ', '"SOCIETE"*'],
    ['jean JEAN Jean', '"jean"*'],
    ['jean.dupont@acme.fr', '"jean dupont acme fr"*'],
    ['acme.fr', '"acme fr"*'],
    ["l'Oréal", '"l Oréal"*'],
    ['Saint-Étienne', '"Saint Étienne"*'],
    ['jean d', '"jean"*'],
    ['jean.d', '"jean"*'],
    ['Transports Martin SA', '"Transports"* AND "Martin"*'],
    ['SARL', '"SARL"*'],
  ])('%s → %s', (q, expected) => {
    expect(buildMatchQuery(q)).toBe(expected);
  });

  test('an accent typed as a combining mark stays in its word', () => {
    expect(buildMatchQuery('Socie\u0301te\u0301')).toBe('"Socie\u0301te\u0301"*');
    expect(matches('Socie\u0301te\u0301 ge\u0301n').n).toBe(1);
  });

  test.each([
    ['06 12 34', '"061234"*'],
    ['06.12.34.56.78', '"0612345678"*'],
    ['06-12-34-56-78', '"0612345678"*'],
    ['+33 6 12 34 56 78', '"0612345678"*'],
    ['+33 (0)6 12', '"0612"*'],
    ['0033 6 12 34', '"061234"*'],
    ['+33 06 12 34', '"061234"*'],
    ['+33612345678', '"0612345678"*'],
    ['0612', '"0612"*'],
    ['552 120 222', '"552120222"*'],
    ['martin 06 12', '"martin"* AND "0612"*'],
    ['12 75001', '"12"* AND "75001"*'],
  ])('phone and digits %s → %s', (q, expected) => {
    expect(buildMatchQuery(q)).toBe(expected);
  });

  test.each(['', '   ', 'a', 'é', '7', '"', '*', '-', '""', '()', 'a b', "l'", '@.', '\u0301', '\u0000'])('nothing to search in %j', (q) => {
    expect(buildMatchQuery(q)).toBeNull();
  });

  test.each([
    ['AND', '"AND"*'],
    ['a OR b', '"OR"*'],
    ['NOT foo', '"NOT"* AND "foo"*'],
    ['NEAR(foo bar, 2)', '"NEAR"* AND "foo"* AND "bar"*'],
    ['foo*', '"foo"*'],
    ['-foo +bar', '"foo"* AND "bar"*'],
    ['^foo', '"foo"*'],
    ['title:foo', '"title foo"*'],
    ['{title body}: foo', '"title"* AND "body"* AND "foo"*'],
    ['"foo bar"', '"foo"* AND "bar"*'],
    ['foo"bar', '"foo"* AND "bar"*'],
    ['rowid = 1; drop table x', '"rowid"* AND "drop"* AND "table"*'],
  ])('FTS syntax typed by a user is only words: %s', (q, expected) => {
    expect(buildMatchQuery(q)).toBe(expected);
    expect(() => matches(q)).not.toThrow();
  });

  test('random input never yields an invalid FTS5 expression', () => {
    const alphabet = ['a', 'é', 'Z', '0', '9', ' ', '"', "'", '*', '-', '+', '^', ':', '(', ')', '{', '}', '.', '@', 'AND', 'OR', 'NOT', 'NEAR', '\u0301', '\u00a0', '\t', ',', '/', '_'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 2000; i++) {
      const q = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('');
      const m = buildMatchQuery(q);
      if (m === null) continue;
      expect(m, q).toMatch(/^"[^"]+"\*( AND "[^"]+"\*)*$/);
      expect(() => matches(q), q).not.toThrow();
    }
  });

  test('at most eight phrases and 200 characters are used', () => {
    expect(searchPhrases(Array.from({ length: 20 }, (_, i) => `word${i}`).join(' '))).toHaveLength(8);
    expect(buildMatchQuery(`${'x'.repeat(300)}`)).toBe(`"${'x'.repeat(200)}"*`);
  });

  test('the generated expressions find what they should in an FTS5 table', () => {
    for (const q of ['societe gen', 'SOCIETE', 'générale', 'GENERALE SOC', 'sg.fr', '01 42 14', '0142']) expect(matches(q).n, q).toBe(1);
    for (const q of ['societe xyz', 'generales', 'sg.com', '01 43']) expect(matches(q).n, q).toBe(0);
  });
});

describe('highlight', () => {
  const marked = (text: string, q: string) => highlight(text, q).map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

  test('marks the start of each word that begins with a word of the query, ignoring case and accents', () => {
    expect(marked('Société Générale', 'societe gen')).toBe('[Société] [Gén]érale');
    expect(marked('Hélène Martin', 'HELE mart')).toBe('[Hélè]ne [Mart]in');
    expect(marked('jean.dupont@acme.fr', 'acme')).toBe('jean.dupont@[acme].fr');
    expect(marked('Socie\u0301te\u0301', 'socie')).toBe('[Socie\u0301]te\u0301');
  });

  test('leaves text alone when nothing matches or nothing is searchable', () => {
    expect(highlight('Acme', 'zzz')).toEqual([{ text: 'Acme', hit: false }]);
    expect(highlight('Acme', 'a')).toEqual([{ text: 'Acme', hit: false }]);
    expect(highlight('', 'acme')).toEqual([]);
  });

  test('markup in the text stays text', () => {
    expect(highlight('<b>Acme</b>', 'acme')).toEqual([
      { text: '<b>', hit: false },
      { text: 'Acme', hit: true },
      { text: '</b>', hit: false },
    ]);
  });
});
