// Opt-in network probes (diagnostics.md §11): the only code that dials workloads.
export { probeTargets, type ProbeTarget, type Selection } from './targets.js';
export { runProbes, type ProbeResult, type ProbeOptions, type Outcome } from './run.js';
export { formatProbeResult, probeFindings } from './findings.js';
export { dnsFindings, dnsTargets, lbHostnameTargets, resolveTargets, type DnsResult, type DnsTarget } from './dns.js';
