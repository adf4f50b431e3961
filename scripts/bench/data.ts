// `npm run bench:data -- --scale=full|small [--out=FILE] [--seed=N] [--as-of=YYYY-MM-DD]`: the bench dataset (issue 6)
// into its own SQLite file, with its manifest (FILE without .db + .json) beside it.
import path from 'node:path';
import { DEFAULT_SEED, generateDataset, manifestPathOf, plannedCounts } from './dataset';

const SCALES: Record<string, number> = { full: 1, small: 0.1 };

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}`);
    out[m[1]] = m[2] ?? 'true';
  }
  return out;
}

function todayUtc(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scaleName = args.scale ?? 'small';
  const factor = SCALES[scaleName] ?? Number(scaleName);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`--scale: full, small or a positive factor, not ${scaleName}`);
  const seed = args.seed !== undefined ? Number(args.seed) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`--seed: an integer, not ${args.seed}`);
  let asOf = todayUtc();
  if (args['as-of'] !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(args['as-of'])) throw new Error(`--as-of: YYYY-MM-DD, not ${args['as-of']}`);
    asOf = Date.parse(`${args['as-of']}T00:00:00Z`);
  }
  const file = path.resolve(args.out ?? path.join('bench-data', `suivi-${scaleName}.db`));
  const planned = plannedCounts(factor);
  console.log(
    `Suivi bench data: scale ${scaleName} (×${factor}), seed ${seed}, as of ${new Date(asOf).toISOString().slice(0, 10)} → ${path.relative(process.cwd(), file)}\n` +
      `  planned: ${planned.companies} companies, ${planned.contacts} contacts, ${planned.leads} leads, ${planned.opportunities} opportunities`,
  );
  const m = await generateDataset({ file, scale: factor, scaleName, seed, asOf, log: (line) => console.log(`  ${line}`) });
  const c = m.counts;
  console.log(
    [
      '',
      `Done in ${m.seconds} s: ${(m.fileBytes / 1048576).toFixed(1)} MB, SQLite ${m.sqliteVersion}`,
      `  companies ${c.companies} (addresses ${c.companyAddresses}), contacts ${c.contacts} (channels ${c.contactChannels}),`,
      `  leads ${c.leads} (channels ${c.leadChannels}; ${Object.entries(m.leadsByKind).map(([k, n]) => `${k} ${n}`).join(', ')}),`,
      `  opportunities ${c.opportunities} (${Object.entries(m.opportunitiesByStatus).map(([k, n]) => `${k} ${n}`).join(', ')}; contacts ${c.opportunityContacts}),`,
      `  search rows ${c.fts}, audit rows ${c.auditLog}, users ${c.users}`,
      `  big customer #${m.bigCustomerId} ${m.bigCustomer.name}; search prefix "${m.searchPrefix}" matches ${JSON.stringify(m.searchPrefixMatches)}`,
      `  sign in as ${m.admin.email}, ${m.manager.email} or owner01…owner${String(m.owners.length).padStart(2, '0')}@bench.suivi.app with ${m.password}`,
      `  manifest: ${path.relative(process.cwd(), manifestPathOf(file))}`,
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
