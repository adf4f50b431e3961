// Baseline B2: a bare node:http server that, for each scenario, runs the same SQL statements (with the same
// parameters) that Suivi ran for that page, through statements prepared once, and renders every row they
// return with react-dom/server's renderToString. It is the floor a page could reach on this machine; Suivi's
// pages are measured against it. Not part of the app.
//   node scripts/bench/baseline-server.mjs --db=FILE --plan=FILE.json --port=N
// The plan file: { "<scenario id>": [{ "sql": "...", "params": [...] }, ...], ... }. GET /<scenario id>.
import fs from 'node:fs';
import http from 'node:http';
import Database from 'better-sqlite3';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split(/=(.*)/s).slice(0, 2)));
const db = new Database(args.db);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');

const plan = JSON.parse(fs.readFileSync(args.plan, 'utf8'));
const routes = new Map(
  Object.entries(plan).map(([id, statements]) => [
    `/${id}`,
    statements.map(({ sql, params }) => {
      const stmt = db.prepare(sql);
      return { stmt, params, reader: stmt.reader };
    }),
  ]),
);

const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function Page({ title, results }) {
  return h(
    'html',
    { lang: 'fr' },
    h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, title)),
    h(
      'body',
      null,
      h('h1', null, title),
      results.map((rows, i) =>
        h(
          'table',
          { key: i },
          h('tbody', null, rows.map((row, j) => h('tr', { key: j }, Object.values(row).map((v, k) => h('td', { key: k }, cell(v)))))),
        ),
      ),
    ),
  );
}

const server = http.createServer((req, res) => {
  const statements = routes.get(req.url);
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  try {
    const results = statements.map(({ stmt, params, reader }) => (reader ? stmt.all(...params) : (stmt.run(...params), [])));
    const html = '<!DOCTYPE html>' + renderToString(h(Page, { title: req.url.slice(1), results }));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
server.listen(Number(args.port), '127.0.0.1', () => console.log(`baseline B2 on ${args.port}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
