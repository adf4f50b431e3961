import fs from 'node:fs';
import path from 'node:path';
import { test as base, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';

export type SuiviOptions = {
  /** An empty server (no user yet) for the first-run journey: one per project, used once per run. */
  emptyServerURL: string;
  /** Where the `setup` project writes the storage state of each role and the accounts file. */
  authDir: string;
};

export type Role = 'admin' | 'manager' | 'sales';
export type Account = { name: string; email: string; password: string; id: number };
export type Accounts = Record<Role, Account> & { team: string; otherTeam: string; organisation: string };

type Fixtures = {
  /** Options for a new context like the test's own: same base URL, language and JavaScript switch. */
  userContext: BrowserContextOptions;
  /** A page in a new context (another browser, as far as the server can tell), closed after the test. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  accounts: Accounts;
  /** A page signed in as a shared account. Never sign these out, deactivate them or change their password. */
  adminPage: Page;
  managerPage: Page;
  salesPage: Page;
};

export function accountsFile(authDir: string): string {
  return path.join(authDir, 'accounts.json');
}
export function storageStateFile(authDir: string, role: Role): string {
  return path.join(authDir, `${role}.json`);
}

export const test = base.extend<Fixtures & SuiviOptions>({
  emptyServerURL: ['', { option: true }],
  authDir: ['', { option: true }],
  userContext: async ({ baseURL, locale, javaScriptEnabled, timezoneId }, use) => {
    await use({ baseURL, locale, javaScriptEnabled, timezoneId });
  },
  newPage: async ({ browser, userContext }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ ...userContext, ...options });
      contexts.push(context);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
  accounts: async ({ authDir }, use) => {
    await use(JSON.parse(fs.readFileSync(accountsFile(authDir), 'utf8')) as Accounts);
  },
  adminPage: async ({ browser, userContext, authDir }, use) => {
    await withRole(browser.newContext({ ...userContext, storageState: storageStateFile(authDir, 'admin') }), use);
  },
  managerPage: async ({ browser, userContext, authDir }, use) => {
    await withRole(browser.newContext({ ...userContext, storageState: storageStateFile(authDir, 'manager') }), use);
  },
  salesPage: async ({ browser, userContext, authDir }, use) => {
    await withRole(browser.newContext({ ...userContext, storageState: storageStateFile(authDir, 'sales') }), use);
  },
});

async function withRole(contextPromise: Promise<BrowserContext>, use: (p: Page) => Promise<void>) {
  const context = await contextPromise;
  await use(await context.newPage());
  await context.close();
}

export { expect } from '@playwright/test';
