// Route rule matches, for display and for comparing routes: HTTPRoute matches on path, method,
// headers and query params; GRPCRoute on gRPC service/method and headers. CRD defaults applied.
import type { GRPCRouteRule, HTTPRouteRule, Route } from './types.js';

type HTTPMatch = NonNullable<HTTPRouteRule['matches']>[number];
type GRPCMatch = NonNullable<GRPCRouteRule['matches']>[number];

/** A match as shown ("GET /api* [x-canary: 1]") and its identity for comparing routes. */
export interface MatchView {
  text: string;
  key: string;
  /** the entry point as a URL-ish line: `${prefix}${origin}${suffix}` ("GET http://host/api*") */
  prefix: string;
  suffix: string;
}

interface Pair {
  type: string;
  name: string;
  value: string;
}

// header names are case-insensitive; order does not change what a match selects
const pairs = (xs: { type?: string; name: string; value: string }[] | undefined, lower: boolean): Pair[] =>
  (xs ?? []).map((h) => ({ type: h.type ?? 'Exact', name: lower ? h.name.toLowerCase() : h.name, value: h.value })).sort((a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value));
const rx = (t: string): string => (t === 'RegularExpression' ? '~' : '');
const headerText = (hs: Pair[]): string => (hs.length > 0 ? ` [${hs.map((h) => `${h.name}: ${rx(h.type)}${h.value}`).join(', ')}]` : '');
const tuples = (ps: Pair[]): string[][] => ps.map((p) => [p.type, p.name, p.value]);

function httpMatch(m: HTTPMatch): MatchView {
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  const hs = pairs(m.headers, true);
  const qs = pairs(m.queryParams, false);
  const prefix = m.method ? `${m.method} ` : '';
  const path = `${value}${type === 'Exact' ? '' : type === 'RegularExpression' ? ' (regex)' : '*'}`;
  const query = qs.length > 0 ? ` ?${qs.map((q) => `${q.name}=${rx(q.type)}${q.value}`).join('&')}` : '';
  const suffix = `${path}${headerText(hs)}${query}`;
  return { text: `${prefix}${suffix}`, key: JSON.stringify(['HTTPRoute', type, value, m.method ?? '', tuples(hs), tuples(qs)]), prefix, suffix };
}

/** gRPC requests are POST /{service}/{method}; an unset service or method matches any. */
function grpcMatch(m: GRPCMatch): MatchView {
  const type = m.method?.type ?? 'Exact';
  const svc = m.method?.service ?? '*';
  const method = m.method?.method ?? '*';
  const hs = pairs(m.headers, true);
  const text = `gRPC ${type === 'RegularExpression' ? '~' : ''}${svc}/${method}${headerText(hs)}`;
  return { text, key: JSON.stringify(['GRPCRoute', type, svc, method, tuples(hs)]), prefix: '', suffix: ` ${text}` };
}

/** The matches of rule `ri`; a rule without matches (or an empty match) matches every request. */
export function ruleMatchViews(route: Route, ri: number): MatchView[] {
  if (route.kind === 'GRPCRoute') {
    const ms = route.spec.rules?.[ri]?.matches ?? [];
    return (ms.length > 0 ? ms : [{}]).map(grpcMatch);
  }
  const ms = route.spec.rules?.[ri]?.matches ?? [];
  const all: HTTPMatch[] = [{ path: { type: 'PathPrefix', value: '/' } }];
  return (ms.length > 0 ? ms : all).map(httpMatch);
}
