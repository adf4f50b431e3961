import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLIENT_NAMESPACES, clientMessages } from '@/lib/i18n/client-messages';
import { MESSAGES } from '@/lib/i18n/messages';

const ROOTS = ['app', 'components'];
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const clientFiles = ROOTS.flatMap(files).filter((f) => /^\s*['"]use client['"]/m.test(fs.readFileSync(f, 'utf8')));
const namespaces = new Set(Object.keys(MESSAGES.en));

/** Every string literal of a client component that reads as a message key ("leads.form.name", `board.${x}`). */
function keysIn(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(/['"`]([a-z][a-zA-Z]*)\.([a-zA-Z${][\w.${}]*)/g)].filter((m) => namespaces.has(m[1])).map((m) => `${m[1]}.${m[2]}`);
}

describe('messages sent to the browser', () => {
  test('the scan finds the client components', () => {
    expect(clientFiles.length).toBeGreaterThan(20);
    expect(clientFiles.flatMap(keysIn).length).toBeGreaterThan(100);
  });

  test.each(clientFiles)('%s reads only keys that are sent', (file) => {
    for (const key of keysIn(file)) {
      const ns = key.split('.')[0];
      expect((CLIENT_NAMESPACES as readonly string[]).includes(ns) || key.startsWith(`${ns}.errors.`), `${key} (${file}): add "${ns}" to CLIENT_NAMESPACES`).toBe(true);
    }
  });

  test.each(['en', 'fr'] as const)('%s: client namespaces and every area’s errors are sent, the rest stays on the server', (locale) => {
    const all = MESSAGES[locale] as Record<string, unknown>;
    const sent = clientMessages(all);
    for (const ns of CLIENT_NAMESPACES) expect(sent[ns], ns).toEqual(all[ns]);
    expect(sent.leads).toBe(all.leads);
    expect((sent.merge as { errors: unknown }).errors).toEqual((all.merge as { errors: unknown }).errors);
    expect(Object.keys(sent.merge as object)).toEqual(['errors']);
    expect(sent.audit).toBeUndefined();
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(all).length * 0.85);
    expect(clientMessages(all)).toBe(sent);
  });
});
