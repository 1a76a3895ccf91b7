// JUnit XML for CI systems: one testsuite per object kind, one testcase per object, a
// <failure> per error (and warning when --fail-on warning); checks that could not run are
// <skipped/> testcases, so a CI report shows what was not checked.
import type { Finding, Report, Severity } from '../../checks/types.js';
import { refKey, type ClusterSnapshot, type ObjectRef } from '../../model/types.js';

const esc = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // raw CR/LF/TAB in an attribute are normalised to spaces by XML parsers: keep them as references
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');

const name = (r: ObjectRef): string => (r.namespace ? `${r.namespace}/${r.name}` : r.name);

export function toJunit(s: ClusterSnapshot, r: Report, failOn: Severity[]): string {
  const objects = new Map<string, { ref: ObjectRef; findings: Finding[] }>();
  const add = (ref: ObjectRef): { ref: ObjectRef; findings: Finding[] } => {
    const k = refKey(ref);
    const hit = objects.get(k);
    if (hit) return hit;
    const v = { ref, findings: [] as Finding[] };
    objects.set(k, v);
    return v;
  };
  for (const o of [...s.services, ...s.ingresses, ...s.httpRoutes, ...s.grpcRoutes]) add({ kind: o.kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name });
  for (const f of r.findings) add(f.object).findings.push(f);
  const byKind = new Map<string, { ref: ObjectRef; findings: Finding[] }[]>();
  for (const v of objects.values()) byKind.set(v.ref.kind, [...(byKind.get(v.ref.kind) ?? []), v]);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  let failures = 0;
  const suites: string[] = [];
  for (const [kind, list] of [...byKind.entries()].sort()) {
    let suiteFailures = 0;
    const cases = list.map(({ ref, findings }) => {
      const failing = findings.filter((f) => failOn.includes(f.severity));
      suiteFailures += failing.length > 0 ? 1 : 0;
      const body = failing.map((f) => `      <failure type="${esc(f.id)}" message="${esc(f.message)}">${esc(`${f.severity}: ${f.message}\nfix: ${f.hint}`)}</failure>`);
      const other = findings.filter((f) => !failOn.includes(f.severity)).map((f) => `${f.severity} ${f.id}: ${f.message}`);
      const sysout = other.length > 0 ? [`      <system-out>${esc(other.join('\n'))}</system-out>`] : [];
      return [`    <testcase classname="${esc(kind)}" name="${esc(name(ref))}">`, ...body, ...sysout, '    </testcase>'].join('\n');
    });
    failures += suiteFailures;
    suites.push(`  <testsuite name="${esc(kind)}" tests="${list.length}" failures="${suiteFailures}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (r.skipped.length > 0) {
    const cases = r.skipped.map((x) => `    <testcase classname="check" name="${esc(x.id)}">\n      <skipped message="${esc(x.reason)}"/>\n    </testcase>`);
    suites.push(`  <testsuite name="skipped checks" tests="${cases.length}" failures="0" skipped="${cases.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  // the demo's findings must never pass for a real cluster's in a CI report
  const title = s.source.type === 'demo' ? 'kexplore DEMO (built-in example cluster, not a real one)' : 'kexplore';
  lines.push(`<testsuites name="${esc(title)}" tests="${objects.size + r.skipped.length}" failures="${failures}" skipped="${r.skipped.length}">`, ...suites, '</testsuites>');
  return `${lines.join('\n')}\n`;
}
