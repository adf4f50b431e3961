import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createTranslator } from 'use-intl/core';
import { LOCALES, ROLES } from '@/db/schema/auth';
import { MESSAGE_FILES, MESSAGES } from '@/lib/i18n/messages';

type Messages = { [k: string]: string | Messages };
const CATALOGUES = MESSAGES as unknown as Record<'en' | 'fr', Messages>;

describe('catalogue files', () => {
  test.each(['en', 'fr'] as const)('%s: no top-level key is defined by two area files', (locale) => {
    const seen = new Map<string, string>();
    for (const [file, messages] of Object.entries(MESSAGE_FILES[locale])) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });
  test('both locales have the same area files', () => {
    expect(Object.keys(MESSAGE_FILES.fr).sort()).toEqual(Object.keys(MESSAGE_FILES.en).sort());
  });
});

/** Every leaf as [dotted path, value]. */
function leaves(m: Messages, prefix = ''): [string, unknown][] {
  return Object.entries(m).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leaves(v as Messages, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

/** Every key segment at every depth. */
function segments(m: Messages): string[] {
  return Object.entries(m).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? [k, ...segments(v as Messages)] : [k]));
}

/** The names of the arguments a message expects ({name}, {count, plural, …}, <b>…</b>), at any depth. */
function argumentNames(ast: MessageFormatElement[]): string[] {
  return ast.flatMap((el) => {
    const own = 'value' in el && el.type !== TYPE.literal ? [String(el.value)] : [];
    const nested = 'options' in el ? Object.values(el.options).flatMap((o) => argumentNames(o.value)) : [];
    const children = 'children' in el ? argumentNames(el.children) : [];
    return [...own, ...nested, ...children];
  });
}

const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.d\.ts$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function translator(locale: 'en' | 'fr') {
  const errors: string[] = [];
  const t = createTranslator({ locale, messages: CATALOGUES[locale], onError: (e) => errors.push(`${e.code}: ${e.message}`) });
  return { t, errors };
}

describe('catalogues', () => {
  test('en.json and fr.json have exactly the same keys (deep)', () => {
    const enKeys = leaves(CATALOGUES.en).map(([k]) => k).sort();
    const frKeys = leaves(CATALOGUES.fr).map(([k]) => k).sort();
    expect(enKeys.filter((k) => !frKeys.includes(k)), 'missing in fr').toEqual([]);
    expect(frKeys.filter((k) => !enKeys.includes(k)), 'missing in en').toEqual([]);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  test.each(['en', 'fr'] as const)('%s: every message is a non-empty string', (locale) => {
    const bad = leaves(CATALOGUES[locale]).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
    expect(bad).toEqual([]);
  });

  test.each(['en', 'fr'] as const)('%s: no key contains a dot (next-intl reads dots as nesting)', (locale) => {
    expect(segments(CATALOGUES[locale]).filter((k) => k.includes('.'))).toEqual([]);
  });

  test('both languages use the same placeholders in each message', () => {
    const names = (s: string) => [...new Set(argumentNames(parse(s)))].sort();
    const frMap = new Map(leaves(CATALOGUES.fr));
    const diff = leaves(CATALOGUES.en)
      .filter(([k, v]) => JSON.stringify(names(String(v))) !== JSON.stringify(names(String(frMap.get(k) ?? ''))))
      .map(([k]) => k);
    expect(diff).toEqual([]);
  });

  test.each(['en', 'fr'] as const)('%s: every message formats without an ICU error', (locale) => {
    const { t, errors } = translator(locale);
    for (const [key, raw] of leaves(CATALOGUES[locale])) {
      const placeholders = Object.fromEntries(argumentNames(parse(String(raw))).map((n) => [n, 1]));
      const out = t(key as never, placeholders as never);
      expect(typeof out).toBe('string');
    }
    expect(errors).toEqual([]);
  });
});

const T_CALL = /(?<![\w$.])t(?:\.rich|\.markup|\.raw|\.has)?\(\s*(['"`])([^'"`$\\]*)\1/g;
// `(await getTranslations())('nav.leads')`
const CALLED_TRANSLATOR = /getTranslations\([^)]*\)\)\(\s*(['"`])([^'"`$\\]*)\1/g;
const ERROR_LITERAL = /(['"`])(errors\.[A-Za-z0-9_]+)\1/g;

/** Literal message keys in a source file; keys built with `${…}` are checked separately. */
function literalKeys(src: string, { errors }: { errors: boolean }): string[] {
  const out = [...src.matchAll(T_CALL), ...src.matchAll(CALLED_TRANSLATOR)].map((m) => m[2]);
  if (errors) out.push(...[...src.matchAll(ERROR_LITERAL)].map((m) => m[2]));
  return out;
}

test('the key scanner recognises the call shapes used in the code', () => {
  const sample = [
    "t('a.b')",
    't("c.d", { n: 1 })',
    't(`e.f`)',
    't(`roles.${r}`)',
    "t.rich('g.h', {})",
    "t.has('i.j')",
    "(await getTranslations())('k.l')",
    "format('not.a.key')",
    "split('x.y')",
    "return fail('errors.forbidden')",
    "{ email: \"errors.emailTaken\" }",
  ].join('\n');
  expect(literalKeys(sample, { errors: true }).sort()).toEqual(['a.b', 'c.d', 'e.f', 'errors.emailTaken', 'errors.forbidden', 'g.h', 'i.j', 'k.l']);
  expect(literalKeys(sample, { errors: false })).not.toContain('errors.forbidden');
});

describe('every key the code uses exists in both catalogues', () => {
  const files = [...sourceFiles('app'), ...sourceFiles('components'), ...sourceFiles('lib')];
  const used = new Map<string, Set<string>>();
  for (const file of files) {
    const rel = path.relative(ROOT, file);
    const keys = literalKeys(fs.readFileSync(file, 'utf8'), { errors: rel.startsWith('lib') || rel.startsWith('app') });
    for (const key of keys) used.set(key, (used.get(key) ?? new Set()).add(rel));
  }

  test('the scan finds the keys it should (sanity check)', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const k of ['errors.forbidden', 'errors.badCredentials', 'errors.logoType', 'common.save', 'nav.leads']) expect(used.has(k), k).toBe(true);
  });

  test.each(['en', 'fr'] as const)('%s: every literal key used in app/, components/ and lib/ resolves', (locale) => {
    const { t } = translator(locale);
    const missing = [...used].filter(([key]) => !t.has(key as never)).map(([key, where]) => `${key} (${[...where].join(', ')})`);
    expect(missing).toEqual([]);
  });

  test.each(['en', 'fr'] as const)('%s: roles.* and roleHelp.* exist for every role', (locale) => {
    const { t } = translator(locale);
    const missing = ROLES.flatMap((r) => [`roles.${r}`, `roleHelp.${r}`]).filter((k) => !t.has(k as never));
    expect(missing).toEqual([]);
  });

  test.each(['en', 'fr'] as const)('%s: nav.* and areas.* exist for every area', (locale) => {
    const { t } = translator(locale);
    const areas = ['leads', 'companies', 'contacts', 'opportunities', 'actions', 'reports'];
    const keys = areas.flatMap((a) => [`nav.${a}`, `areas.${a}.description`, `areas.${a}.emptyTitle`, `areas.${a}.emptyBody`]);
    expect(keys.filter((k) => !t.has(k as never))).toEqual([]);
  });

  test.each(['en', 'fr'] as const)('%s: language.* exists for every locale', (locale) => {
    const { t } = translator(locale);
    expect(LOCALES.map((l) => `language.${l}`).filter((k) => !t.has(k as never))).toEqual([]);
  });

  test.each(['en', 'fr'] as const)('%s: audit.actions.* exists for every audit action written in lib/', (locale) => {
    const actions = new Set<string>();
    for (const file of sourceFiles('lib')) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/action:\s*(?:[^,}]*\?\s*)?'([a-z_]+\.[a-z_]+)'(?:\s*:\s*'([a-z_]+\.[a-z_]+)')?/g)) {
        actions.add(m[1]);
        if (m[2]) actions.add(m[2]);
      }
    }
    for (const a of ['auth.sign_in', 'auth.sign_in_failed', 'user.created', 'user.deactivated', 'user.reactivated', 'team.created']) {
      expect(actions.has(a), a).toBe(true);
    }
    const { t } = translator(locale);
    // The audit page looks each action up as `audit.actions.${action}`.
    expect([...actions].filter((a) => !t.has(`audit.actions.${a}` as never))).toEqual([]);
  });
});
