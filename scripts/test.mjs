// `npm test`: unit tests, then a production build, then end-to-end tests against it (JavaScript on and off).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NEXT_DIST_DIR: '.next-test', NEXT_TELEMETRY_DISABLED: '1' };
const steps = [
  ['unit tests', 'node_modules/.bin/vitest', ['run']],
  ['production build', 'node_modules/.bin/next', ['build']],
  ['end-to-end tests', 'node_modules/.bin/playwright', ['test']],
];
const only = process.argv[2];
for (const [name, cmd, args] of steps) {
  if (only === '--unit' && name !== 'unit tests') continue;
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
console.log('\n✓ all tests passed');
