// Opt-in network probes (diagnostics.md §11): the only code that dials workloads.
export { probeTargets, type ProbeGraph, type Selection } from './targets.js';
export { BACKEND_PROBE_LIMIT, backendTargets, backendTargetsWithTotal } from './backend-targets.js';
export { runProbes, MAX_CONCURRENCY } from './run.js';
export { probeFindings } from './findings.js';
export { formatProbeResult, formatProbeResults } from './format.js';
export type { Expectation, HttpVerdict, Outcome, PodProxy, ProbeKind, ProbeOptions, ProbeResult, ProbeTarget, ProxyReply, ServedCert } from './types.js';
export { dnsFindings, dnsTargets, lbHostnameTargets, resolveTargets, type DnsResult, type DnsTarget } from './dns.js';
