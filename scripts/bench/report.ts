// The bench's result, its budgets (issue #6) and the table printed on stdout.
import { round, type Percentiles } from './stats';

export type LoadFigures = { p50: number; p95: number; p99: number; rps: number; bytes: number; failed: number; requests: number };
export type PageResult = {
  id: string;
  title: string;
  path: string;
  statements: number;
  htmlBytes?: number;
  /** The page's queries through Suivi's code, in process. */
  queries: Percentiles;
  /** B1: the same SQL through statements prepared once. */
  b1: Percentiles;
  /** Suivi's page under load, per connection count. */
  load: Record<number, LoadFigures>;
  /** B2: the bare node:http + renderToString server, same SQL, per connection count. */
  b2: Record<number, LoadFigures>;
};
export type Budget = { name: string; limit: number; unit: string; value: number; ok: boolean };
export type BenchResult = {
  date: string;
  machine: { nproc: number; cpu: string; memoryGb: number; os: string; pinned: boolean };
  versions: Record<string, string>;
  dataset: { scale: string; factor: number; seed: number; asOf: string; counts: Record<string, number> };
  options: { runs: number; duration: number; warmup: number; connections: number[] };
  pages: PageResult[];
  move: { server: Percentiles; http: Percentiles | null } | null;
  /** The sign-in page under the same load: Next.js's fixed cost per page on this machine (no budget). */
  floor: Record<number, LoadFigures> | null;
  memory: { idleMb: number; loadMb: number };
  coldStartMs: number;
  budgets: Budget[];
};

export const BUDGETS = {
  pageVsB2: 2,
  pageP95Ms: 100,
  queriesVsB1: 1.2,
  moveServerMs: 10,
  searchSqlP95Ms: 10,
  idleRssMb: 250,
  loadRssMb: 500,
  coldStartMs: 2000,
};

/** Every budget that applies to this result, with its value. Page budgets are read at 1 connection. */
export function evaluate(r: BenchResult, b: typeof BUDGETS): Budget[] {
  const out: Budget[] = [];
  const add = (name: string, value: number, limit: number, unit: string) => out.push({ name, value: round(value, 2), limit, unit, ok: Number.isFinite(value) && value <= limit });
  for (const p of r.pages) {
    const one = p.load[1];
    const base = p.b2[1];
    if (one && base) add(`${p.id}: page p50 / B2 p50`, one.p50 / base.p50, b.pageVsB2, '×');
    if (one) add(`${p.id}: page p95`, one.p95, b.pageP95Ms, 'ms');
    add(`${p.id}: queries p50 / B1 p50`, p.queries.p50 / p.b1.p50, b.queriesVsB1, '×');
    if (p.id === 'search') add('search: SQL p95', p.b1.p95, b.searchSqlP95Ms, 'ms');
  }
  if (r.move) add('lead move: server time p95', r.move.server.p95, b.moveServerMs, 'ms');
  if (Number.isFinite(r.memory.idleMb)) add('RSS idle', r.memory.idleMb, b.idleRssMb, 'MB');
  if (r.memory.loadMb) add('RSS under load (max)', r.memory.loadMb, b.loadRssMb, 'MB');
  if (Number.isFinite(r.coldStartMs)) add('cold start to first 200', r.coldStartMs, b.coldStartMs, 'ms');
  return out;
}

const pad = (s: string | number, n: number, left = false) => (left ? String(s).padStart(n) : String(s).padEnd(n));
const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : round(v, v < 10 ? 2 : 1).toString());

/** The Markdown table the README's Performance section shows. */
export function markdownTable(r: BenchResult): string {
  const lines = [
    '| scenario | conn | p50 ms | p95 ms | p99 ms | req/s | B2 p50 ms | ×B2 | queries p50 ms | B1 p50 ms | ×B1 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const p of r.pages) {
    for (const c of r.options.connections) {
      const l = p.load[c];
      const b = p.b2[c];
      const first = c === r.options.connections[0];
      lines.push(
        `| ${first ? p.title : ''} | ${c} | ${ms(l?.p50)} | ${ms(l?.p95)} | ${ms(l?.p99)} | ${l ? Math.round(l.rps) : '—'} | ${ms(b?.p50)} | ${l && b ? round(l.p50 / b.p50, 2) : '—'} | ${first ? ms(p.queries.p50) : ''} | ${first ? ms(p.b1.p50) : ''} | ${first ? round(p.queries.p50 / p.b1.p50, 2) : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

export function printReport(r: BenchResult): void {
  const out: string[] = [];
  out.push(`\nSuivi bench — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.dataset.scale} dataset (${Object.entries(r.dataset.counts).map(([k, v]) => `${v} ${k}`).join(', ')})`);
  out.push(`${r.machine.cpu}, ${r.machine.nproc} cores${r.machine.pinned ? ' (server on core 0, load on core 1)' : ''}, ${r.machine.memoryGb} GB; ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push(`${r.options.runs} runs × ${r.options.duration} s per figure (median), after a ${r.options.warmup} s warm-up\n`);
  out.push(markdownTable(r));
  if (r.move) {
    out.push(`\nLead kanban move (moveLeadNow): server time p50 ${ms(r.move.server.p50)} ms, p95 ${ms(r.move.server.p95)} ms, p99 ${ms(r.move.server.p99)} ms` + (r.move.http ? `; over HTTP p50 ${ms(r.move.http.p50)} ms, p95 ${ms(r.move.http.p95)} ms` : ''));
  }
  if (r.floor) {
    out.push(`Framework floor (the sign-in page, no query): ${r.options.connections.map((c) => `${c} conn. p50 ${ms(r.floor![c]?.p50)} ms, p95 ${ms(r.floor![c]?.p95)} ms`).join('; ')}`);
  }
  out.push(`Memory (RSS): idle ${r.memory.idleMb} MB, under load ${r.memory.loadMb} MB. Cold start to first 200: ${r.coldStartMs} ms.`);
  const failed = r.pages.flatMap((p) => Object.entries(p.load).filter(([, l]) => l.failed > 0).map(([c, l]) => `${p.id} at ${c}: ${l.failed} failed responses`));
  if (failed.length) out.push(`\n⚠ ${failed.join('; ')}`);
  out.push('\nBudgets:');
  for (const b of r.budgets) out.push(`  ${b.ok ? '✓' : '✗'} ${pad(b.name, 44)} ${pad(b.value, 8, true)} ${b.unit}  (≤ ${b.limit} ${b.unit})`);
  console.log(out.join('\n'));
}
