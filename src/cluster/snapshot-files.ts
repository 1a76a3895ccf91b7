// Offline input: what `kubectl get … -o json|yaml` prints, manifests, or a `kexplore snapshot`
// file, turned into one ClusterSnapshot. Every failure is a one-line UserError naming the file.
//
// Visibility: a kind is `visible` when the input shows it was listed — an object of that kind,
// or a typed empty list (`kind: ServiceList, items: []`). A kind missing from the input is
// `absent` (unknown), never "none exist". Caveat: `kubectl get services -o json` with no
// results prints a bare `{"kind":"List","items":[]}` that does not say which kind was asked
// for, so such an empty result cannot make its kind visible; the kind stays `absent`.
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kindOf, slim } from '../model/slim.js';
import { emptyVisibility, snapshotFrom } from '../model/snapshot.js';
import { referencedParameters } from '../model/ingress-class.js';
import { KINDS, refKey, refOf, type AnyObject, type ClusterSnapshot, type IngressClass, type Kind, type KindVisibility, type ParameterLookup, type SnapshotSource } from '../model/types.js';
import { shapeProblem } from '../model/shape.js';
import { UserError } from './source-types.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
const EXPECTED = 'expected kubectl get … -o json or -o yaml output, manifests, or a kexplore snapshot';

export interface LoadOptions {
  namespace?: string;
}

export interface LoadResult {
  snapshot: ClusterSnapshot;
  /** objects of kinds kexplore does not model, by kind (ConfigMap: 3, …) */
  ignored: Record<string, number>;
}

/** Header a `kexplore snapshot` file carries in its List metadata (see snapshot-export.ts). */
interface ExportHeader {
  takenAt?: string;
  namespace?: string;
  source?: Json;
  visibility?: Partial<Record<Kind, KindVisibility>>;
  parameterLookups?: ParameterLookup[];
}

interface FileContent {
  objects: AnyObject[];
  seen: Set<Kind>;
  /** objects kexplore does not model, as parametersKey() identities (IngressClass parameters) */
  others: Set<string>;
  /** "group|Kind" of every kind in the file, modelled or not */
  kinds: Set<string>;
  header?: ExportHeader;
}

// ------------------------------------------------------------------ files

/** Files to read, in order: each path as given, directories expanded to their sorted *.json/*.yaml/*.yml. */
async function expand(paths: string[]): Promise<{ files: string[]; newest: number }> {
  const files: string[] = [];
  let newest = 0;
  const seen = new Set<string>();
  const add = (f: string, mtime: number): void => {
    // Same file given twice (a directory and a file in it): read once, keep the name as given.
    if (seen.has(resolve(f))) return;
    seen.add(resolve(f));
    files.push(f);
    newest = Math.max(newest, mtime);
  };
  for (const p of paths) {
    const st = await stat(p).catch((err: unknown) => {
      throw new UserError(`cannot read ${p}: ${reason(err)}`, 'pass files written by kubectl get … -o json or kexplore snapshot', { cause: err });
    });
    if (!st.isDirectory()) {
      add(p, st.mtimeMs);
      continue;
    }
    const names = (await readdir(p).catch((err: unknown) => {
      throw new UserError(`cannot read directory ${p}: ${reason(err)}`, 'check its permissions, or pass the dump files themselves', { cause: err });
    }))
      .filter((n) => EXTENSIONS.has(extname(n).toLowerCase()))
      .sort();
    const inDir: string[] = [];
    for (const n of names) {
      const f = join(p, n);
      const fst = await stat(f).catch(() => undefined);
      if (fst?.isFile()) {
        inDir.push(f);
        add(f, fst.mtimeMs);
      }
    }
    if (inDir.length === 0) throw new UserError(`directory ${p} contains no .json, .yaml or .yml files`, 'point at the files written by kubectl get … -o json');
  }
  return { files, newest };
}

const oneLine = (v: unknown): string => (typeof v === 'string' ? v.split('\n')[0] ?? '' : 'unknown error');

function reason(err: unknown): string {
  if (isObj(err) && err.code === 'ENOENT') return 'no such file or directory';
  if (isObj(err) && err.code === 'EACCES') return 'permission denied';
  if (isObj(err) && err.code === 'EISDIR') return 'is a directory';
  return err instanceof Error ? err.message.split('\n')[0] ?? 'error' : String(err);
}

// ---------------------------------------------------------------- parsing

/** Where a JSON text stops being valid: a tiny validator, run only after JSON.parse failed. */
class JsonSyntax extends Error {
  constructor(readonly pos: number, message: string) {
    super(message);
  }
}

function skipWs(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\n' || t[i] === '\r' || t[i] === '\t')) i++;
  return i;
}

function describe(t: string, i: number): string {
  return i >= t.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(t[i])}`;
}

/** Index just past the JSON value starting at i; throws JsonSyntax at the first bad character. */
function scanValue(t: string, i: number): number {
  i = skipWs(t, i);
  const c = t[i];
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    i = skipWs(t, i + 1);
    if (t[i] === close) return i + 1;
    for (;;) {
      if (c === '{') {
        if (t[i] !== '"') throw new JsonSyntax(i, `${describe(t, i)}, expected a property name`);
        i = skipWs(t, scanValue(t, i));
        if (t[i] !== ':') throw new JsonSyntax(i, `${describe(t, i)}, expected ':'`);
        i++;
      }
      i = skipWs(t, scanValue(t, i));
      if (t[i] === close) return i + 1;
      if (t[i] !== ',') throw new JsonSyntax(i, `${describe(t, i)}, expected ',' or '${close}'`);
      i = skipWs(t, i + 1);
    }
  }
  if (c === '"') {
    for (let j = i + 1; j < t.length; j++) {
      const d = t[j];
      if (d === '\\') j++;
      else if (d === '"') return j + 1;
      else if (d === '\n') break;
    }
    throw new JsonSyntax(i, 'unterminated string');
  }
  const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(t.slice(i, i + 64));
  if (!m) throw new JsonSyntax(i, describe(t, i));
  return i + m[0].length;
}

function lineCol(t: string, pos: number): string {
  const before = t.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/** One JSON value, or a stream of several (kubectl get -o json with several -f, `jq -c`). */
function parseJson(text: string, file: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    // fall through: a stream, or an error to locate
  }
  const out: unknown[] = [];
  let i = skipWs(text, 0);
  try {
    while (i < text.length) {
      const end = scanValue(text, i);
      out.push(JSON.parse(text.slice(i, end)));
      i = skipWs(text, end);
    }
  } catch (err) {
    if (err instanceof JsonSyntax) throw new UserError(`invalid JSON in ${file} at ${lineCol(text, err.pos)}: ${err.message}`, 'check the file is complete kubectl get … -o json output');
    throw new UserError(`invalid JSON in ${file}: ${reason(err)}`);
  }
  return out;
}

/** Multi-document YAML; the first error with the line and column the parser reports. */
function parseYaml(text: string, file: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    const e = doc.errors[0];
    if (e) {
      const pos = e.linePos?.[0];
      const what = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new UserError(`invalid YAML in ${file}${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${what}`, 'check the file is complete kubectl get … -o yaml output or a manifest');
    }
    try {
      const v: unknown = doc.toJS();
      if (v !== null && v !== undefined) out.push(v);
    } catch (err) {
      throw new UserError(`invalid YAML in ${file}: ${reason(err)}`);
    }
  }
  return out;
}

function parseText(text: string, file: string): unknown[] {
  const t = text.replace(/^\uFEFF/, '');
  const first = t.trimStart()[0];
  // kubectl's JSON always starts with '{'; anything else (including .yml holding JSON) goes to YAML.
  return first === '{' || first === '[' || extname(file).toLowerCase() === '.json' ? parseJson(t, file) : parseYaml(t, file);
}

// ------------------------------------------------------------- projection

const looksK8s = (v: Json): boolean => typeof v.kind === 'string' && (typeof v.apiVersion === 'string' || isObj(v.metadata));

function readHeader(list: Json): ExportHeader | undefined {
  const k = isObj(list.metadata) ? list.metadata.kexplore : undefined;
  if (!isObj(k)) return undefined;
  const h: ExportHeader = {};
  if (typeof k.takenAt === 'string' && !Number.isNaN(Date.parse(k.takenAt))) h.takenAt = k.takenAt;
  if (typeof k.namespace === 'string') h.namespace = k.namespace;
  if (isObj(k.source)) h.source = k.source;
  if (Array.isArray(k.parameterLookups))
    h.parameterLookups = k.parameterLookups.filter((l): l is ParameterLookup => isObj(l) && typeof l.key === 'string' && (l.state === 'found' || l.state === 'missing' || l.state === 'unknown'));
  if (isObj(k.visibility)) {
    h.visibility = {};
    for (const [kind, v] of Object.entries(k.visibility)) {
      const known = kindOf(kind);
      if (known && isObj(v) && typeof v.state === 'string') h.visibility[known] = v as unknown as KindVisibility;
    }
  }
  return h;
}

/** Fields a kexplore export carries that slim() does not read back by itself. */
function restoreReduced(raw: Json, o: AnyObject): void {
  if (o.kind === 'Ingress' && typeof raw.sourceApiVersion === 'string') o.sourceApiVersion = raw.sourceApiVersion;
  if (o.kind === 'Secret' && raw.data === undefined)
    for (const k of ['hasTlsCrt', 'hasTlsKey', 'hasCaCrt', 'keyMatchesCert'] as const) {
      const v = raw[k];
      if (typeof v === 'boolean') o[k] = v;
    }
}

function collect(docs: unknown[], file: string, ignored: Record<string, number>): FileContent {
  const out: FileContent = { objects: [], seen: new Set(), others: new Set(), kinds: new Set() };
  let k8s = false;
  const visit = (v: unknown, kindHint?: string, apiVersionHint?: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, kindHint, apiVersionHint);
      return;
    }
    if (!isObj(v)) return;
    const kind = typeof v.kind === 'string' ? v.kind : kindHint;
    if (Array.isArray(v.items) && kind !== undefined && /List$/.test(kind)) {
      k8s = true;
      const header = readHeader(v);
      if (header) out.header = header;
      // Items of a typed list (ServiceList from the API) may lack kind and apiVersion.
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      const known = itemKind === undefined ? undefined : kindOf(itemKind);
      if (known) out.seen.add(known);
      const api = typeof v.apiVersion === 'string' && itemKind !== undefined ? v.apiVersion : undefined;
      if (itemKind !== undefined && api !== undefined) out.kinds.add(`${groupOf(api)}|${itemKind}`);
      for (const item of v.items) visit(item, itemKind, api);
      return;
    }
    if (kind === undefined || !(looksK8s(v) || kindHint !== undefined)) return;
    // `kubectl get --raw` and friends write API errors as a Status object.
    if (kind === 'Status' && v.status === 'Failure')
      throw new UserError(`file ${file} holds an API error, not objects: ${oneLine(v.message)}`, 'dump the objects again with kubectl get … -o json');
    k8s = true;
    const raw = v.apiVersion === undefined && apiVersionHint !== undefined ? { ...v, apiVersion: apiVersionHint } : v;
    const group = groupOf(typeof raw.apiVersion === 'string' ? raw.apiVersion : '');
    out.kinds.add(`${group}|${kind}`);
    const o = slim(raw, kind);
    if (!o) {
      ignored[kind] = (ignored[kind] ?? 0) + 1;
      const m = isObj(raw.metadata) ? raw.metadata : {};
      if (typeof m.name === 'string') out.others.add(`${group}|${kind}|${typeof m.namespace === 'string' ? m.namespace : ''}|${m.name}`);
      return;
    }
    const bad = shapeProblem(o);
    if (bad) {
      const where = `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
      throw new UserError(`file ${file}: ${oneLine(where)}: ${oneLine(bad)}, which a Kubernetes API server would have refused`, 'fix the object, or dump it again with kubectl get … -o json');
    }
    restoreReduced(raw, o);
    out.seen.add(o.kind as Kind);
    out.objects.push(o);
  };
  for (const d of docs) visit(d);
  if (!k8s) throw new UserError(`file ${file} contains no Kubernetes objects (${EXPECTED})`, 'e.g. kubectl get services,endpointslices,pods,ingresses -A -o json > dump.json');
  return out;
}

async function readOne(file: string, ignored: Record<string, number>): Promise<FileContent> {
  const text = await readFile(file, 'utf8').catch((err: unknown) => {
    throw new UserError(`cannot read ${file}: ${reason(err)}`, 'check the file\'s permissions (it must be readable by this user)', { cause: err });
  });
  if (text.trim() === '') throw new UserError(`file ${file} is empty (${EXPECTED})`);
  return collect(parseText(text, file), file, ignored);
}

// ------------------------------------------------------------ assembling

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/** IngressClass parameters judged from the dump: present, absent among objects of its kind, or unknown. */
function lookupParameters(objects: AnyObject[], contents: FileContent[], fromHeader: ParameterLookup[]): ParameterLookup[] {
  const known = new Map(fromHeader.map((l) => [l.key, l]));
  const refs = referencedParameters(objects.filter((o): o is IngressClass => o.kind === 'IngressClass'));
  const out: ParameterLookup[] = [];
  for (const [key, p] of refs) {
    const exported = known.get(key);
    const group = p.apiGroup ?? '';
    if (contents.some((c) => c.others.has(key))) out.push({ key, state: 'found' });
    else if (exported) out.push(exported);
    else if (contents.some((c) => c.kinds.has(`${group}|${p.kind}`))) out.push({ key, state: 'missing', reason: `the dump holds other ${p.kind} objects, not this one` });
    else out.push({ key, state: 'unknown', reason: `the dump holds no ${p.kind} objects` });
  }
  return out;
}

const CLUSTER_SCOPED = new Set<Kind>(['Namespace', 'Node', 'IngressClass', 'GatewayClass']);
// Controllers and shared gateways live in their own namespaces: keep them when scoping.
const KEPT_ACROSS_NAMESPACES = new Set<Kind>(['Pod', 'Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Gateway']);

/** Keep one namespace's objects (plus cluster-scoped kinds and controllers); namespaced kinds become partial. */
export function scopeTo(ns: string, objects: AnyObject[], vis: Record<Kind, KindVisibility>): AnyObject[] {
  for (const k of KINDS)
    if (!CLUSTER_SCOPED.has(k) && !KEPT_ACROSS_NAMESPACES.has(k) && vis[k].state === 'visible') vis[k] = { state: 'partial', namespaces: [ns] };
  return objects.filter((o) => {
    const k = o.kind as Kind;
    return CLUSTER_SCOPED.has(k) || KEPT_ACROSS_NAMESPACES.has(k) || o.metadata.namespace === ns;
  });
}

function sourceFrom(files: string[], header: ExportHeader | undefined): SnapshotSource {
  const src: SnapshotSource = { type: 'snapshot', files };
  // Keep where an exported snapshot came from (never the user name).
  for (const k of ['context', 'cluster', 'server', 'serverVersion'] as const) {
    const v = header?.source?.[k];
    if (typeof v === 'string') src[k] = v;
  }
  return src;
}

/** Read files/directories and say what was ignored. */
export async function loadSnapshotFilesWithReport(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  if (paths.length === 0) throw new UserError('no snapshot files given', 'pass files written by kubectl get … -o json or kexplore snapshot');
  const { files, newest } = await expand(paths);
  const ignored: Record<string, number> = {};
  const contents: FileContent[] = [];
  for (const f of files) contents.push(await readOne(f, ignored));

  // Later files win when the same object appears twice (overlapping dumps).
  const byRef = new Map<string, AnyObject>();
  for (const c of contents) for (const o of c.objects) byRef.set(refKey(refOf(o)), o);
  let objects = [...byRef.values()];

  const headers = contents.flatMap((c) => (c.header ? [c.header] : []));
  const header = headers.reduce<ExportHeader | undefined>((a, h) => (a?.takenAt && h.takenAt && a.takenAt > h.takenAt ? a : h), undefined);
  const vis = emptyVisibility();
  for (const h of headers) Object.assign(vis, h.visibility ?? {});
  for (const c of contents) for (const k of c.seen) if (vis[k].state === 'absent') vis[k] = { state: 'visible' };

  const namespace = opts.namespace ?? header?.namespace;
  if (opts.namespace !== undefined) objects = scopeTo(opts.namespace, objects, vis);
  const takenAt = header?.takenAt ?? new Date(newest || Date.now()).toISOString();
  const parameterLookups = lookupParameters(objects, contents, headers.flatMap((h) => h.parameterLookups ?? []));
  const snapshot = snapshotFrom(objects, sourceFrom(files, header), takenAt, { visibility: vis, parameterLookups, ...(namespace !== undefined ? { namespace } : {}) });
  return { snapshot, ignored };
}

/** Load `kubectl get … -o json|yaml` dumps, manifests or kexplore snapshots into one snapshot. */
export async function loadSnapshotFiles(paths: string[], opts: LoadOptions = {}): Promise<ClusterSnapshot> {
  return (await loadSnapshotFilesWithReport(paths, opts)).snapshot;
}
