import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';

type WebServer = Extract<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>[number];
import type { SuiviOptions } from './tests/e2e/fixtures';

// End-to-end tests run against the production build made by `npm test` (NEXT_DIST_DIR=.next-test).
// Three servers, each on its own fresh SQLite file:
//   FIRST_RUN_JS    (3301) empty, for the first-run journey with JavaScript on;
//   MAIN            (3302) filled through the UI by the `setup` project, for every other spec;
//   FIRST_RUN_NOJS  (3303) empty, for the first-run journey with JavaScript off.

export const PORTS = { firstRunJs: 3301, main: 3302, firstRunNoJs: 3303 } as const;
const url = (port: number) => `http://127.0.0.1:${port}`;

// The config is loaded by the runner and again by every worker: only the runner (first to load it)
// wipes the folder; workers inherit the path through the environment (so never set SUIVI_E2E_DIR yourself).
if (!process.env.SUIVI_E2E_DIR) {
  const dir = path.join(os.tmpdir(), `suivi-e2e-${process.getuid?.() ?? 'user'}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'auth'), { recursive: true });
  process.env.SUIVI_E2E_DIR = dir;
}
const dataDir = process.env.SUIVI_E2E_DIR;

const distDir = process.env.NEXT_DIST_DIR || '.next-test';
const CI = !!process.env.CI;

function server(port: number, db: string): WebServer {
  return {
    command: `node_modules/.bin/next start -p ${port} -H 127.0.0.1`,
    url: `${url(port)}/api/health`,
    // Never reuse: each run needs its fresh, empty databases.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_PATH: path.join(dataDir, db),
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      // Links and allowed origins come from the request itself; no demo data.
      APP_URL: '',
      SUIVI_DEMO: '',
      TRUST_PROXY: '',
    },
  };
}

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

export default defineConfig<SuiviOptions>({
  testDir: './tests/e2e',
  outputDir: './test-results/e2e',
  fullyParallel: true,
  // SQLite has one writer and argon2 hashing is deliberately slow: two workers on two cores.
  workers: 2,
  forbidOnly: CI,
  // Keyboard drags (dnd-kit sensors) can lose a key press when two workers load both cores: one retry, and
  // the list reporter still names any test that only passed on its retry ("flaky"), so it stays visible.
  retries: 1,
  // Generous: a loaded 2-core machine runs some user journeys (argon2, several contexts) in 20-30 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list'], ['html', { open: 'never', outputFolder: 'test-results/e2e-report' }]] : [['list']],
  use: {
    ...chromium,
    baseURL: url(PORTS.main),
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    // Traces cost about a tenth of the run: kept for failures in CI only.
    trace: CI ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    emptyServerURL: url(PORTS.firstRunJs),
    authDir: path.join(dataDir, 'auth'),
  },
  projects: [
    {
      name: 'setup',
      testMatch: /global\.setup\.ts$/,
      use: { javaScriptEnabled: true },
    },
    {
      name: 'js',
      dependencies: ['setup'],
      testIgnore: /global\.setup\.ts$/,
      use: { javaScriptEnabled: true, emptyServerURL: url(PORTS.firstRunJs) },
    },
    {
      name: 'nojs',
      dependencies: ['setup'],
      // axe needs JavaScript in the page; the HTTP-level checks need no browser and run once.
      testIgnore: [/global\.setup\.ts$/, /a11y(-[a-z-]+)?\.spec\.ts$/, /security\.spec\.ts$/],
      use: { javaScriptEnabled: false, emptyServerURL: url(PORTS.firstRunNoJs) },
    },
  ],
  webServer: [
    server(PORTS.firstRunJs, 'first-run-js.db'),
    server(PORTS.main, 'main.db'),
    server(PORTS.firstRunNoJs, 'first-run-nojs.db'),
  ],
});
