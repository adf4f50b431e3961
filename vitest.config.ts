import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': path.resolve(__dirname) },
  },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // better-sqlite3 is a native addon: child processes are safer than worker threads.
    pool: 'forks',
    // Argon2 hashing takes ~60 ms per call and some tests hash a dozen times.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Migrations, the common-password list and the message scans are read relative to the repo root.
    root: __dirname,
    setupFiles: ['tests/helpers/setup.ts'],
  },
});
