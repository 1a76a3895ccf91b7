#!/usr/bin/env node
// Survey: for every finding ID of test/unit/checks/catalog-ids.txt, does some test assert that it
// fires, and does some test assert that it stays silent? Heuristic (line-based): a line naming the
// ID counts as "fires" when it checks a length of ≥1, a severity, or destructures the first finding;
// as "silent" when it checks a length of 0 / an empty list. Prints a table; --missing lists only the
// IDs without a "silent" assertion. Run: node scripts/survey-check-tests.mjs [--missing]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ids = readFileSync(join(root, 'test/unit/checks/catalog-ids.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.test.ts') || e.name.endsWith('.test.tsx')) files.push(p);
  }
};
walk(join(root, 'test'));

const FIRES = [/\.length,\s*[1-9]/, /severity/, /\[\w+\]\s*=\s*(ids|on)\(/, /\.length\s*>=?\s*[1-9]/, /\.ok\(\s*(ids|on)\(/, /\.length\s*>\s*0/, /\bfires?\b/];
const SILENT = [/\.length,\s*0\b/, /\.length\s*===\s*0/, /,\s*\[\]\)/, /\bnone\b|!\s*(ids|on)\(|\.some\([^)]*\)\s*,\s*false/];

const rows = ids.map((id) => {
  const fires = new Set();
  const silent = new Set();
  for (const f of files) {
    const lines = readFileSync(f, 'utf8').split('\n');
    const rel = f.slice(root.length);
    lines.forEach((l, i) => {
      if (!l.includes(`'${id}'`)) return;
      if (SILENT.some((re) => re.test(l))) silent.add(`${rel}:${i + 1}`);
      else if (FIRES.some((re) => re.test(l))) fires.add(`${rel}:${i + 1}`);
    });
  }
  return { id, fires: [...fires], silent: [...silent] };
});

const missing = process.argv.includes('--missing');
for (const r of rows) {
  if (missing && r.silent.length > 0 && r.fires.length > 0) continue;
  console.log(`${r.id.padEnd(44)} fires:${String(r.fires.length).padStart(3)} silent:${String(r.silent.length).padStart(3)}  ${missing ? (r.fires.length === 0 ? 'NO-FIRE ' : '') + (r.silent.length === 0 ? 'NO-SILENT' : '') : ''}`);
}
console.log(`\n${rows.length} ids; without a firing assertion: ${rows.filter((r) => r.fires.length === 0).length}; without a silent assertion: ${rows.filter((r) => r.silent.length === 0).length}`);
