// In-memory state of a live source: per kind, per list scope (a namespace, or '' for a
// cluster-wide list), objects keyed by namespace/name. Scopes exist because the RBAC fallback
// lists one namespace at a time, and a relist must replace only what that list covered.
import { KINDS, type AnyObject, type Kind } from '../model/types.js';

const keyOf = (o: AnyObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class ObjectStore {
  private readonly byKind = new Map<Kind, Map<string, Map<string, AnyObject>>>();
  /** bumps on every change, so snapshots can be rebuilt lazily */
  version = 0;

  replace(kind: Kind, scope: string, items: readonly AnyObject[]): void {
    const m = new Map<string, AnyObject>();
    for (const o of items) m.set(keyOf(o), o);
    this.scopes(kind).set(scope, m);
    this.version++;
  }

  upsert(kind: Kind, scope: string, o: AnyObject): void {
    const m = this.scope(kind, scope);
    const prev = m.get(keyOf(o));
    // Watch events can replay what a relist already delivered; keep the newer one.
    if (prev && isOlder(o, prev)) return;
    m.set(keyOf(o), o);
    this.version++;
  }

  remove(kind: Kind, scope: string, o: AnyObject): void {
    const m = this.scope(kind, scope);
    const prev = m.get(keyOf(o));
    // A DELETED for an older incarnation (other uid) must not remove the new object.
    if (!prev || (prev.metadata.uid && o.metadata.uid && prev.metadata.uid !== o.metadata.uid)) return;
    m.delete(keyOf(o));
    this.version++;
  }

  clear(kind: Kind): void {
    this.byKind.delete(kind);
    this.version++;
  }

  list(kind: Kind): AnyObject[] {
    const out: AnyObject[] = [];
    for (const m of this.byKind.get(kind)?.values() ?? []) for (const o of m.values()) out.push(o);
    return out;
  }

  /** All objects, kinds in KINDS order. */
  all(): AnyObject[] {
    return KINDS.flatMap((k) => this.list(k));
  }

  private scopes(kind: Kind): Map<string, Map<string, AnyObject>> {
    let s = this.byKind.get(kind);
    if (!s) this.byKind.set(kind, (s = new Map()));
    return s;
  }

  private scope(kind: Kind, scope: string): Map<string, AnyObject> {
    const s = this.scopes(kind);
    let m = s.get(scope);
    if (!m) s.set(scope, (m = new Map()));
    return m;
  }
}

/** resourceVersions are opaque, but etcd's are integers; compare only when both are. */
function isOlder(a: AnyObject, b: AnyObject): boolean {
  const x = a.metadata.resourceVersion;
  const y = b.metadata.resourceVersion;
  if (!x || !y || !/^\d+$/.test(x) || !/^\d+$/.test(y) || a.metadata.uid !== b.metadata.uid) return false;
  return BigInt(x) < BigInt(y);
}
