// One load run against one URL, as its own process so it can be pinned to another core than the server
// (`taskset -c 1 node scripts/bench/load.mjs …`). Prints one JSON line: exact latency percentiles from every
// response's own time (autocannon's summary has no p95), throughput, and what went wrong.
//   node scripts/bench/load.mjs --url=http://127.0.0.1:3400/x --connections=10 --duration=5 [--cookie=…] [--method=POST --body=… --header=k:v]
import autocannon from 'autocannon';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (!m) throw new Error(`bad argument ${a}`);
    return [m[1], m[2]];
  }),
);
const headers = {};
if (args.cookie) headers.cookie = args.cookie;
for (const h of (args.header ?? '').split('\n').filter(Boolean)) {
  const i = h.indexOf(':');
  headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
}

const times = [];
const statuses = {};
const instance = autocannon(
  {
    url: args.url,
    connections: Number(args.connections ?? 1),
    duration: Number(args.duration ?? 5),
    method: args.method ?? 'GET',
    body: args.body,
    headers,
    timeout: 30,
  },
  (err, result) => {
    if (err) {
      console.log(JSON.stringify({ error: String(err) }));
      process.exit(1);
    }
    times.sort((a, b) => a - b);
    const at = (p) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : null);
    const ok = statuses['2xx'] ?? 0;
    console.log(
      JSON.stringify({
        requests: times.length,
        p50: at(50),
        p95: at(95),
        p99: at(99),
        rps: times.length / (result.duration || Number(args.duration ?? 5)),
        bytes: result.throughput.total / Math.max(1, times.length),
        ok,
        notOk: times.length - ok,
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
      }),
    );
  },
);
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  times.push(responseTime);
  const k = `${Math.floor(statusCode / 100)}xx`;
  statuses[k] = (statuses[k] ?? 0) + 1;
});
