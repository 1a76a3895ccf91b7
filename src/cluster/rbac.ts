// When a cluster-wide LIST is forbidden, find the namespaces where the user may list the
// resource. One SelfSubjectRulesReview per namespace answers for every kind at once
// (SelfSubjectAccessReview per kind only when the rules are incomplete, e.g. webhook authz).
// Creating these reviews changes nothing; `kubectl auth can-i` does the same.
import type { ApiClient } from './api-client.js';
import type { ResourceDef } from './resources.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

interface NamespaceRules {
  rules: ResourceRule[];
  incomplete: boolean;
}

/** Do these rules allow `verb` on the whole collection (no resourceNames restriction)? */
export function rulesAllow(rules: ResourceRule[], d: ResourceDef, verb: string): boolean {
  return rules.some(
    (r) =>
      (r.verbs.includes(verb) || r.verbs.includes('*')) &&
      (r.apiGroups.includes(d.group) || r.apiGroups.includes('*')) &&
      (r.resources.includes(d.plural) || r.resources.includes('*')) &&
      r.resourceNames.length === 0,
  );
}

/** Caches rule reviews per namespace for one load. */
export class AccessChecker {
  private readonly rules = new Map<string, Promise<NamespaceRules | undefined>>();

  constructor(private readonly client: ApiClient) {}

  /** May the user list `d` in `namespace`? Unknown (review failed) counts as no. */
  async canList(d: ResourceDef, namespace: string): Promise<boolean> {
    const nr = await this.rulesFor(namespace);
    if (nr && rulesAllow(nr.rules, d, 'list')) return true;
    if (nr && !nr.incomplete) return false;
    return this.accessReview(d, namespace);
  }

  private rulesFor(namespace: string): Promise<NamespaceRules | undefined> {
    let p = this.rules.get(namespace);
    if (!p) {
      p = this.client
        .createReview('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          spec: { namespace },
        })
        .then((res) => {
          const status = isObj(res) && isObj(res.status) ? res.status : {};
          const rules = (Array.isArray(status.resourceRules) ? status.resourceRules.filter(isObj) : []).map((r) => ({
            verbs: strings(r.verbs),
            apiGroups: strings(r.apiGroups),
            resources: strings(r.resources),
            resourceNames: strings(r.resourceNames),
          }));
          return { rules, incomplete: status.incomplete === true };
        })
        .catch(() => undefined);
      this.rules.set(namespace, p);
    }
    return p;
  }

  private async accessReview(d: ResourceDef, namespace: string): Promise<boolean> {
    try {
      const res = await this.client.createReview('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { namespace, verb: 'list', group: d.group, resource: d.plural } },
      });
      return isObj(res) && isObj(res.status) && res.status.allowed === true;
    } catch {
      return false;
    }
  }
}

/** Run `fn` over `xs` with at most `n` in flight. */
export async function mapLimit<T, R>(xs: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(xs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, worker));
  return out;
}
