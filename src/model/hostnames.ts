// H7: three different hostname semantics. Do not mix them.

/** Ingress rule host: exact, or "*.suffix" where * matches exactly one DNS label. */
export function ingressHostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1); // ".foo.com"
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** Gateway API hostname: "*.example.com" is a suffix match of one or more labels, never the apex. */
export function gatewayHostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1);
  return h.endsWith(suffix) && h.length > suffix.length;
}

/** Do two Gateway API hostnames (listener vs route, either may be a wildcard) intersect? */
export function gatewayHostsIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const aw = a.startsWith('*.');
  const bw = b.startsWith('*.');
  if (aw && bw) return gatewayHostMatches(a, b.slice(2)) || gatewayHostMatches(b, a.slice(2)) || a.slice(1) === b.slice(1);
  if (aw) return gatewayHostMatches(a, b);
  if (bw) return gatewayHostMatches(b, a);
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The hostnames a route answers on one listener (Gateway API: the intersection of the
 * route's hostnames and the listener's; of two matching names the more specific one).
 * No hostname on either side means any host: "*".
 */
export function effectiveRouteHosts(routeHosts: readonly string[], listenerHost: string | undefined): string[] {
  if (!listenerHost) return routeHosts.length > 0 ? [...routeHosts] : ['*'];
  if (routeHosts.length === 0) return [listenerHost];
  const out = routeHosts
    .filter((h) => gatewayHostsIntersect(listenerHost, h))
    .map((h) => {
      if (!h.startsWith('*.')) return h;
      if (!listenerHost.startsWith('*.')) return listenerHost;
      return h.length >= listenerHost.length ? h : listenerHost;
    });
  return [...new Set(out.map((h) => h.toLowerCase()))];
}

/**
 * X.509 SAN matching (RFC 6125 as Go's VerifyHostname): a wildcard is only a whole
 * left-most label and matches exactly one label. An Ingress wildcard host "*.foo.com"
 * is covered only by the SAN "*.foo.com" itself.
 */
export function sanCovers(san: string, host: string): boolean {
  const s = san.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('*.')) return s === h;
  if (!s.startsWith('*.')) return s === h;
  const suffix = s.slice(1);
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}
