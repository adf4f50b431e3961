// `npm test`: unit tests, then a production build, then end-to-end tests against it (JavaScript on and off).
// Ends with one summary line "N passed, N failed" counting both suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

fs.mkdirSync('test-results', { recursive: true });
fs.rmSync('test-results/bench-smoke.json', { force: true });
const env = {
  ...process.env,
  NEXT_DIST_DIR: '.next-test',
  NEXT_TELEMETRY_DISABLED: '1',
  PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json',
};
const steps = [
  ['type check', 'node_modules/.bin/tsc', ['--noEmit']],
  ['unit tests', 'node_modules/.bin/vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']],
  ['production build', 'node_modules/.bin/next', ['build']],
  // The bench cannot rot: a small dataset and one scenario through the whole instrument (nothing asserted about time).
  ['bench smoke: dataset', 'node_modules/.bin/tsx', ['scripts/bench/data.ts', '--scale=small', '--out=.bench-smoke/suivi-small.db']],
  [
    'bench smoke: one scenario',
    'node_modules/.bin/tsx',
    ['scripts/bench/run.ts', '--db=.bench-smoke/suivi-small.db', '--only=search', '--runs=1', '--duration=1', '--warmup=1', '--connections=1', '--dist=.next-test', '--port=3390', '--out=test-results/bench-smoke.json'],
  ],
  ['end-to-end tests', 'node_modules/.bin/playwright', ['test', '--reporter=list,json']],
];
const only = process.argv[2];
let failedStep = null;
for (const [name, cmd, args] of steps) {
  if (only === '--unit' && name !== 'unit tests' && name !== 'type check') continue;
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
const unit = readJson('test-results/unit.json');
const e2e = only === '--unit' ? null : readJson('test-results/e2e.json');
const benchSmoke = only === '--unit' ? null : readJson('test-results/bench-smoke.json');
const passed = (unit?.numPassedTests ?? 0) + (benchSmoke ? 1 : 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
let failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
// A step that failed without counting a failed test (type errors, a build error, a server that would not start) still fails.
if (failedStep && failed === 0) failed = 1;
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
if (failedStep) console.error(`\n✗ ${failedStep} failed`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedStep ? 1 : 0);
