// `npm start`: builds the production app when it is missing or older than the sources, then serves it.
// Migrations run inside the server (instrumentation.ts) before it answers the first request.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, buildState } from './lib/build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const distDir = process.env.NEXT_DIST_DIR || '.next';
const state = buildState(distDir);
if (state !== 'fresh') {
  console.log(state === 'stale' ? 'Suivi: sources changed since the last build, rebuilding…' : 'Suivi: first start, building the production app (about a minute)…');
  build(distDir);
}

const port = process.env.PORT || '3000';
const args = ['start', '-p', port];
if (process.env.HOST) args.push('-H', process.env.HOST);
const server = spawn(path.join('node_modules', '.bin', 'next'), args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
