// `npm run bench`: measures Suivi's production build on a bench dataset (`npm run bench:data` first) against
// two same-run baselines on the same data: B1, the same SQL through statements prepared once (queries), and
// B2, a bare node:http server running that SQL and rendering its rows with renderToString (pages).
// Prints a table and writes bench-results/<date>.json. Options: --scale=full|small, --db=FILE, --runs=5,
// --duration=3 (seconds per load run), --warmup=2, --connections=1,10, --only=id,id, --dist=.next, --port=3400,
// --out=FILE, --moves=50, --queries-only (the in-process part alone: each page's queries against B1, and the move).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '@/db/client';
import { createSession, loadViewer, SESSION_COOKIE } from '@/lib/auth/session';
import { generateToken } from '@/lib/auth/tokens';
import { closedSince, leadCard, statusCounts } from '@/lib/leads/board';
import { moveLead, rescoreIdleLeads } from '@/lib/leads/service';
import { listLeadStatuses } from '@/lib/leads/statuses';
import { build, buildState } from '../lib/build.mjs';
import { capture, installCapture, preparedReplay, type Captured } from './capture';
import { deepLeadCursor, pageScenarios, type BenchManifest, type ScenarioEnv } from './scenarios';
import { medianOfRuns, round, summarize, timeLoop, type Percentiles } from './stats';
import { BUDGETS, evaluate, printReport, type BenchResult, type LoadFigures, type PageResult } from './report';

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);

const arg = (name: string, fallback?: string) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const scale = arg('scale', 'full')!;
const dbFile = path.resolve(arg('db', `bench-data/suivi-${scale}.db`)!);
const runs = Number(arg('runs', '5'));
const duration = Number(arg('duration', '3'));
const warmup = Number(arg('warmup', '2'));
const connections = arg('connections', '1,10')!.split(',').map(Number);
const only = arg('only')?.split(',');
const distDir = arg('dist', process.env.NEXT_DIST_DIR || '.next')!;
const port = Number(arg('port', '3400'));
const moves = Number(arg('moves', '50'));
const date = new Date().toISOString().slice(0, 10);
const outFile = path.resolve(arg('out', `bench-results/${date}.json`)!);
const wanted = (id: string) => !only || only.includes(id);

const cpus = os.availableParallelism();
const canPin = cpus >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
/** The server on core 0, the load generator on core 1 (when the machine has two and taskset works). */
const pinned = (core: number, cmd: string, args: string[]): [string, string[]] => (canPin ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args]);
const log = (s: string) => console.error(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── the dataset ──────────────────────────────────────────────────────────────────────────────────────────
const manifestFile = dbFile.replace(/\.db$/, '.json');
if (!fs.existsSync(dbFile) || !fs.existsSync(manifestFile)) {
  console.error(`No bench dataset at ${dbFile}. Generate it first: npm run bench:data -- --scale=${scale}`);
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BenchManifest;
// The bench writes (sessions, moves): it works on a copy, so every run starts from the same data.
const runDb = path.join(path.dirname(dbFile), `run-${process.pid}-${path.basename(dbFile)}`);
const removeRunDb = () => {
  for (const f of [runDb, `${runDb}-wal`, `${runDb}-shm`, path.join(path.dirname(runDb), `b2-plan-${process.pid}.json`)]) fs.rmSync(f, { force: true });
};
removeRunDb();
fs.copyFileSync(dbFile, runDb);
process.on('exit', removeRunDb);

// ── the production build ─────────────────────────────────────────────────────────────────────────────────
const queriesOnly = process.argv.includes('--queries-only');
const state = queriesOnly ? 'fresh' : buildState(distDir);
if (state !== 'fresh') {
  log(`Bench: the production build in ${distDir} is ${state}, building…`);
  build(distDir);
}

// ── helpers for servers and load ─────────────────────────────────────────────────────────────────────────
function processTreeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(p) ?? []));
  }
  return kb / 1024;
}

async function waitFor200(url: string, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      const r = await fetch(url, { redirect: 'manual' });
      await r.arrayBuffer();
      if (r.status === 200) return performance.now() - start;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

type LoadRun = { p50: number; p95: number; p99: number; rps: number; bytes: number; notOk: number; requests: number };

function loadOnce(url: string, c: number, seconds: number, headers: Record<string, string>): LoadRun {
  const [cmd, args] = pinned(1, process.execPath, [
    path.join('scripts', 'bench', 'load.mjs'),
    `--url=${url}`,
    `--connections=${c}`,
    `--duration=${seconds}`,
    `--header=${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}`,
  ]);
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const out = JSON.parse(line || '{}');
  if (r.status !== 0 || out.error) throw new Error(`load run failed for ${url}: ${out.error ?? r.stderr}`);
  return { p50: out.p50, p95: out.p95, p99: out.p99, rps: out.rps, bytes: out.bytes, notOk: out.notOk + (out.errors ?? 0) + (out.timeouts ?? 0), requests: out.requests };
}

/** A warm-up run (not counted), then `runs` runs per connection count; the median of each figure. */
function loadScenario(url: string, headers: Record<string, string>, onRun?: () => void): Record<number, LoadFigures> {
  loadOnce(url, Math.max(...connections), warmup, headers);
  const out: Record<number, LoadFigures> = {};
  for (const c of connections) {
    const all: LoadRun[] = [];
    for (let i = 0; i < runs; i++) {
      all.push(loadOnce(url, c, duration, headers));
      onRun?.();
    }
    const m = medianOfRuns(all.map(({ p50, p95, p99, rps, bytes }) => ({ p50, p95, p99, rps, bytes })));
    out[c] = { ...m, failed: all.reduce((n, r) => n + r.notOk, 0), requests: all.reduce((n, r) => n + r.requests, 0) };
  }
  return out;
}

function inProcess(fn: () => unknown): Percentiles {
  const perRun: Percentiles[] = [];
  for (let i = 0; i < runs; i++) perRun.push(summarize(timeLoop(fn)));
  return medianOfRuns(perRun);
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────────────────
async function main() {
  const startedAt = new Date().toISOString();
  log(`Bench: ${manifest.scale} dataset (${Object.entries(manifest.counts).map(([k, v]) => `${v} ${k}`).join(', ')}), ${runs} runs × ${duration} s, connections ${connections.join('/')}, ${canPin ? 'server on core 0, load on core 1' : 'not pinned'}`);

  // 1. In process: each page's queries through Suivi's code, then the same SQL through B1.
  const migrationsBefore = appliedMigrations(runDb);
  const { db, sqlite } = openDatabase(runDb);
  // A dataset generated before a schema change has statistics (ANALYZE) for the old indexes only, and SQLite
  // then misjudges the new ones: bring them up to date, as a fresh `npm run bench:data` would.
  if (appliedMigrations(runDb) > migrationsBefore && sqlite.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get()) {
    log('  the dataset predates the schema: migrated and re-analyzed (npm run bench:data regenerates it)');
    sqlite.exec('analyze');
  }
  // What a running server did at its last start or hourly since: migrations (just now) and idle lead rescoring.
  // The cold start below is then a restart of an up-to-date server, not a first start after an upgrade.
  rescoreIdleLeads(db, Date.now());
  installCapture(sqlite);
  const token = generateToken();
  const now = Date.now();
  createSession(db, token, manifest.admin.id, now);
  const user = loadViewer(db, manifest.admin.id)!;
  const env: ScenarioEnv = { db, user, token, now, manifest };
  const deep = deepLeadCursor(env, 50);
  const scenarios = pageScenarios(env, deep).filter((s) => wanted(s.id));
  const plan: Record<string, Captured[]> = {};
  const pages: PageResult[] = [];
  for (const s of scenarios) {
    const { statements } = capture(s.data);
    const reads = statements.filter((st) => st.reader);
    plan[s.id] = reads;
    const b1 = preparedReplay(sqlite, reads);
    const app = inProcess(s.data);
    const raw = inProcess(b1);
    log(`  ${s.id}: ${statements.length} statements, queries p50 ${round(app.p50, 2)} ms (B1 ${round(raw.p50, 2)} ms)`);
    pages.push({ id: s.id, title: s.title, path: s.path, statements: statements.length, queries: app, b1: raw, load: {}, b2: {} });
  }

  // The drag and drop move: its server action's work (move, the columns' counts, the card) in process.
  let move: BenchResult['move'] = null;
  const working = listLeadStatuses(db).filter((s) => s.kind === 'open' && !s.closed);
  if (wanted('move') && working.length >= 2) {
    const [a, b] = working;
    const ids = (sqlite.prepare('select id from leads where status_id = ? order by id limit ?').all(a.id, moves * runs) as { id: number }[]).map((r) => r.id);
    const times: number[] = [];
    for (const [i, id] of ids.entries()) {
      const target = i % 2 ? a.id : b.id;
      const t = performance.now();
      const res = moveLead(db, { id, statusId: target, beforeId: null }, { user, now: Date.now(), ip: null });
      if (!res.ok) throw new Error(`move refused: ${res.error.code}`);
      statusCounts(db, user, listLeadStatuses(db), {}, closedSince(Date.now(), undefined));
      leadCard(db, user, id);
      times.push(performance.now() - t);
    }
    move = { server: summarize(times), http: null };
    log(`  move: server time p50 ${round(move.server.p50, 2)} ms, p95 ${round(move.server.p95, 2)} ms`);
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  if (queriesOnly) return;

  const planFile = path.join(path.dirname(runDb), `b2-plan-${process.pid}.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan));

  // 2. B2: the bare server, same statements, same rows, renderToString.
  const b2Port = port + 1;
  if (pages.length) {
    const [cmd, args] = pinned(0, process.execPath, [path.join('scripts', 'bench', 'baseline-server.mjs'), `--db=${runDb}`, `--plan=${planFile}`, `--port=${b2Port}`]);
    const b2 = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      await waitFor200(`http://127.0.0.1:${b2Port}/${pages[0].id}`, 20_000);
      for (const p of pages) {
        p.b2 = loadScenario(`http://127.0.0.1:${b2Port}/${p.id}`, {});
        log(`  B2 ${p.id}: p50 ${round(p.b2[connections[0]].p50, 2)} ms`);
      }
    } finally {
      await stop(b2);
    }
  }

  // 3. Suivi's production server: cold start, idle memory, each page under load, memory under load, moves.
  const [cmd, args] = pinned(0, process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1']);
  const server = spawn(cmd, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', DATABASE_PATH: runDb, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) },
  });
  const base = `http://127.0.0.1:${port}`;
  const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };
  let coldStartMs = NaN;
  let idleRss = NaN;
  let loadRss = 0;
  let floor: Record<number, LoadFigures> | null = null;
  try {
    coldStartMs = await waitFor200(`${base}/login`, 60_000);
    // Each page once, signed in: a 200 (not a redirect to sign-in) or the bench is measuring the wrong thing.
    for (const p of pages) {
      const r = await fetch(base + p.path, { headers, redirect: 'manual' });
      const body = await r.text();
      if (r.status !== 200) throw new Error(`${p.path} answered ${r.status}${r.headers.get('location') ? ` → ${r.headers.get('location')}` : ''}`);
      p.htmlBytes = body.length;
    }
    await sleep(3000);
    idleRss = processTreeRss(server.pid!);
    const sample = () => {
      loadRss = Math.max(loadRss, processTreeRss(server.pid!));
    };
    const sampler = setInterval(sample, 250);
    try {
      for (const p of pages) {
        p.load = loadScenario(base + p.path, headers, sample);
        log(`  Suivi ${p.id}: p50 ${round(p.load[connections[0]].p50, 2)} ms (B2 ${round(p.b2[connections[0]].p50, 2)} ms)`);
      }
    } finally {
      clearInterval(sampler);
    }
    if (!pages.length) loadRss = processTreeRss(server.pid!);
    // The framework's own cost: the sign-in page, which runs no query worth the name (not budgeted, for reading the rest).
    if (wanted('floor')) floor = loadScenario(`${base}/login`, { 'accept-language': headers['accept-language'] }, sample);

    // The drag and drop as the browser sends it: the moveLeadNow server action over HTTP.
    if (move) move.http = await httpMoves(base, headers, working[0].id, working[1].id);
  } finally {
    await stop(server);
  }

  const result: BenchResult = {
    date: startedAt,
    machine: { nproc: cpus, cpu: os.cpus()[0]?.model ?? '?', memoryGb: round(os.totalmem() / 2 ** 30, 1), os: `${os.type()} ${os.release()}`, pinned: canPin },
    versions: versions(),
    dataset: { scale: manifest.scale, factor: manifest.factor, seed: manifest.seed, asOf: manifest.asOf, counts: manifest.counts },
    options: { runs, duration, warmup, connections },
    pages,
    move,
    floor,
    memory: { idleMb: round(idleRss), loadMb: round(loadRss) },
    coldStartMs: round(coldStartMs),
    budgets: [],
  };
  result.budgets = evaluate(result, BUDGETS);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
  printReport(result);
  console.log(`\nWritten ${path.relative(root, outFile)}`);
  // Timings are reported, never asserted here; a page that answered anything but 200 makes the run invalid.
  const failed = pages.flatMap((p) => [...Object.values(p.load), ...Object.values(p.b2)]).reduce((n, l) => n + l.failed, 0);
  if (failed > 0) {
    console.error(`Bench: ${failed} responses were not 200: the figures above are not valid.`);
    process.exitCode = 1;
  }
}

async function httpMoves(base: string, headers: Record<string, string>, a: number, b: number): Promise<Percentiles | null> {
  const manifestPath = path.join(distDir, 'server', 'server-reference-manifest.json');
  const refs = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const actionId = Object.entries(refs.node).find(([, v]) => v.exportedName === 'moveLeadNow' && v.filename?.includes('leads/board'))?.[0];
  if (!actionId) throw new Error('moveLeadNow not found in the server reference manifest');
  const db = new Database(runDb, { readonly: true });
  const ids = (db.prepare('select id from leads where status_id = ? order by id desc limit ?').all(a, moves) as { id: number }[]).map((r) => r.id);
  db.close();
  const times: number[] = [];
  for (const [i, id] of ids.entries()) {
    const t = performance.now();
    const r = await fetch(`${base}/leads/board?owner=all`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: base },
      body: JSON.stringify([{ id, statusId: i % 2 ? a : b, beforeId: null, filters: {} }]),
    });
    const text = await r.text();
    times.push(performance.now() - t);
    if (r.status !== 200 || !text.includes('"ok":true')) throw new Error(`HTTP move answered ${r.status}: ${text.slice(0, 300)}`);
  }
  return times.length ? summarize(times) : null;
}

function appliedMigrations(file: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

function versions() {
  const pkg = (name: string) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const mem = new Database(':memory:');
  const sqliteVersion = (mem.prepare('select sqlite_version() as v').get() as { v: string }).v;
  mem.close();
  return { node: process.version, next: pkg('next'), react: pkg('react'), 'drizzle-orm': pkg('drizzle-orm'), 'better-sqlite3': pkg('better-sqlite3'), sqlite: sqliteVersion, autocannon: pkg('autocannon') };
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
