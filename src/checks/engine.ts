// Runs the catalog over a snapshot: gates checks on visibility (a kind that is forbidden
// or absent makes its checks "skipped", never a false finding), links consequences to
// root causes (Appendix C order) and computes hop-by-hop paths for every entry point.
import type { ExposureGraph } from '../model/graph-types.js';
import type { ClusterSnapshot, K8sObject, Kind } from '../model/types.js';
import { CATALOG } from './catalog/index.js';
import type { Check, RunContext } from './check.js';
import { linkRootCauses } from './root-causes.js';
import { computePaths } from './paths.js';
import type { CheckContext, Finding, Report, SkippedCheck } from './types.js';

export const DEFAULT_GRACE_MS = 5 * 60 * 1000;

function runContext(s: ClusterSnapshot, g: ExposureGraph, ctx: CheckContext): RunContext {
  const now = Date.parse(ctx.now);
  const ageMs = (o: K8sObject): number | undefined => {
    const t = o.metadata.creationTimestamp;
    if (!t) return undefined;
    const c = Date.parse(t);
    return Number.isNaN(c) ? undefined : now - c;
  };
  return {
    s,
    g,
    ctx,
    ageMs,
    // Objects without creationTimestamp (plain manifests) are never judged on status.
    pastGrace: (o) => {
      const a = ageMs(o);
      return a !== undefined && a > ctx.graceMs;
    },
  };
}

function skipReason(s: ClusterSnapshot, check: Pick<Check, 'needs' | 'needsOneOf'>): string | undefined {
  const seen = (k: Kind): boolean => s.visibility[k].state === 'visible' || s.visibility[k].state === 'partial';
  const missing = check.needs.filter((k) => !seen(k));
  if (check.needsOneOf && !check.needsOneOf.some(seen)) missing.push(...check.needsOneOf);
  if (missing.length === 0) return undefined;
  return missing
    .map((k) => {
      const v = s.visibility[k];
      const why = v.state === 'absent' ? (v.message ?? 'not in the input') : v.state === 'not-installed' ? 'API not installed' : v.state === 'forbidden' ? 'forbidden by RBAC' : `failed${v.message ? `: ${v.message}` : ''}`;
      return `${k} ${why}`;
    })
    .join('; ');
}

/**
 * One entry per ID: several checks can emit an ID (EndpointSlice and legacy Endpoints hygiene),
 * so their reasons and needs are merged; an ID that another check did run is only partly skipped.
 */
export function mergeSkipped(skipped: SkippedCheck[], ran: ReadonlySet<string>): SkippedCheck[] {
  const byId = new Map<string, { reasons: string[]; needs: Kind[] }>();
  for (const x of skipped) {
    const e = byId.get(x.id) ?? { reasons: [], needs: [] };
    if (!e.reasons.includes(x.reason)) e.reasons.push(x.reason);
    for (const k of x.needs) if (!e.needs.includes(k)) e.needs.push(k);
    byId.set(x.id, e);
  }
  return [...byId].map(([id, e]) => ({ id, reason: `${ran.has(id) ? 'partly checked: ' : ''}${e.reasons.join('; ')}`, needs: e.needs }));
}

/** Root causes, paths and counts over the findings: again after probes add theirs. */
export function completeReport(s: ClusterSnapshot, g: ExposureGraph, findings: Finding[], skipped: SkippedCheck[]): Report {
  const rootCauses = linkRootCauses(findings);
  const paths = computePaths(s, g, findings);
  const count = (sev: Finding['severity']): number => findings.filter((f) => f.severity === sev).length;
  return {
    findings,
    skipped,
    rootCauses,
    paths,
    summary: { error: count('error'), warning: count('warning'), info: count('info'), services: s.services.length, ingresses: s.ingresses.length, httpRoutes: s.httpRoutes.length, grpcRoutes: s.grpcRoutes.length },
  };
}

export function runChecks(s: ClusterSnapshot, g: ExposureGraph, ctx: CheckContext, catalog: Check[] = CATALOG): Report {
  const rc = runContext(s, g, ctx);
  const findings: Finding[] = [];
  const skipped: SkippedCheck[] = [];
  const ran = new Set<string>();
  const seen = new Set<string>();
  for (const check of catalog) {
    const reason = skipReason(s, check);
    if (reason) {
      for (const id of check.ids) skipped.push({ id, reason, needs: check.needs });
      continue;
    }
    for (const id of check.ids) ran.add(id);
    for (const [id, kinds] of Object.entries(check.alsoReads ?? {})) {
      const why = kinds ? skipReason(s, { needs: kinds }) : undefined;
      if (kinds && why) skipped.push({ id, reason: why, needs: kinds });
    }
    for (const f of check.run(rc)) {
      if (seen.has(f.key)) continue;
      seen.add(f.key);
      findings.push(f);
    }
  }
  return completeReport(s, g, findings, mergeSkipped(skipped, ran));
}

/** Probe findings join the report before linking, so they get causes and change path verdicts. */
export function mergeProbeFindings(s: ClusterSnapshot, g: ExposureGraph, r: Report, extra: readonly Finding[]): Report {
  if (extra.length === 0) return r;
  const keys = new Set(r.findings.map((f) => f.key));
  const findings = [...r.findings];
  for (const f of extra) {
    if (keys.has(f.key)) continue;
    keys.add(f.key);
    findings.push(f);
  }
  return completeReport(s, g, findings, r.skipped);
}
