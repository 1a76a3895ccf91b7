// probe.dns-mismatch (§11.7): resolve each published hostname from this machine and compare
// the answer with the addresses the entry point publishes (Ingress status, Gateway addresses).
import { Resolver } from 'node:dns/promises';
import type { Finding } from '../checks/types.js';
import { finding, nn } from '../checks/check.js';
import type { ExposureGraph } from '../model/graph-types.js';
import type { ObjectRef } from '../model/types.js';

export interface DnsTarget {
  host: string;
  object: ObjectRef;
  published: string[];
}

export interface DnsResult {
  target: DnsTarget;
  addresses: string[];
  /** NXDOMAIN, timeout, … */
  error?: string;
}

/** Hostnames with a published address; wildcards cannot be resolved and are skipped. */
export function dnsTargets(g: ExposureGraph): DnsTarget[] {
  const out = new Map<string, DnsTarget>();
  const add = (host: string, object: ObjectRef, published: string[]): void => {
    if (!host || host.startsWith('*') || published.length === 0) return;
    const k = `${host}|${object.kind}/${object.namespace ?? ''}/${object.name}`;
    if (!out.has(k)) out.set(k, { host, object, published });
  };
  for (const iv of g.ingresses) for (const r of iv.routes) add(r.host, iv.ref, iv.addresses);
  for (const rv of g.routes)
    for (const p of rv.parents) {
      const gw = g.gateways.find((x) => x.ref.name === p.gateway.name && x.ref.namespace === p.gateway.namespace);
      for (const h of rv.hostnames) add(h, rv.ref, gw?.addresses ?? []);
    }
  return [...out.values()];
}

/** LoadBalancer hostnames (cloud LBs publish names, not IPs): do they resolve from here? */
export function lbHostnameTargets(g: ExposureGraph): DnsTarget[] {
  return g.services.flatMap((sv) => (sv.service.status?.loadBalancer?.ingress ?? []).filter((i) => i.hostname).map((i) => ({ host: i.hostname ?? '', object: sv.ref, published: [] })));
}

export async function resolveTargets(targets: DnsTarget[], opts: { servers?: string[]; timeoutMs?: number } = {}): Promise<DnsResult[]> {
  const resolver = new Resolver({ timeout: opts.timeoutMs ?? 2000, tries: 1 });
  if (opts.servers) resolver.setServers(opts.servers);
  return Promise.all(
    targets.map(async (target) => {
      try {
        return { target, addresses: await resolver.resolve4(target.host) };
      } catch (err) {
        return { target, addresses: [], error: (err as { code?: string }).code ?? String(err) };
      }
    }),
  );
}

export function dnsFindings(results: DnsResult[]): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const t = r.target;
    if (t.object.kind === 'Service') {
      if (r.error)
        out.push(finding('lb.hostname-unresolvable', 'warning', t.object, `From this machine, LB hostname ${t.host} of ${nn(t.object)} does not resolve (${r.error}): DNS is still propagating, or the load balancer is internal-only.`, "wait for DNS propagation, or query the provider's resolver (internal LBs resolve only inside the VPC)", { fields: ['status.loadBalancer.ingress[].hostname'], discriminator: t.host }));
      continue;
    }
    // a published hostname (an LB name) is compared by resolving it too: only IPs are compared here
    const publishedIPs = t.published.filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
    if (publishedIPs.length === 0) continue;
    if (r.error) {
      out.push(finding('probe.dns-mismatch', 'warning', t.object, `From this machine, ${t.host} does not resolve (${r.error}), but ${nn(t.object)} is published on ${publishedIPs.join(', ')}.`, 'create the DNS record (or fix external-dns); split-horizon DNS may answer differently inside your network', { discriminator: t.host }));
      continue;
    }
    if (!r.addresses.some((a) => publishedIPs.includes(a)))
      out.push(finding('probe.dns-mismatch', 'warning', t.object, `From this machine, ${t.host} resolves to ${r.addresses.join(', ')}, but ${nn(t.object)} is published on ${publishedIPs.join(', ')}.`, 'update the DNS record to the published address (a CDN in front is a legitimate reason for a difference)', { discriminator: t.host }));
  }
  return out;
}
