// Small shared builders for text rows. Every cluster string is sanitised here or before.
import type { Finding } from '../../checks/types.js';
import type { BackendState, BackendTarget, BackendView } from '../../model/graph-types.js';
import { sanitize } from '../../model/sanitize.js';
import type { ObjectRef } from '../../model/types.js';
import { refKey } from '../../model/types.js';
import { severitySymbol, severityTone, type Tone } from '../theme.js';
import type { Segment, TextRow } from '../types.js';

export function seg(text: string, tone?: Tone, bold?: boolean): Segment {
  return { text, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) };
}

export function textRow(id: string, depth: number, segments: Segment[], target?: string): TextRow {
  return { kind: 'text', id, depth, segments, ...(target !== undefined ? { target } : {}) };
}

/** "Kind ns/name" (sanitised). */
export function refText(r: ObjectRef): string {
  return `${sanitize(r.kind)} ${r.namespace !== undefined ? `${sanitize(r.namespace)}/` : ''}${sanitize(r.name)}`;
}

export function nsName(r: ObjectRef): string {
  return `${r.namespace !== undefined ? `${sanitize(r.namespace)}/` : ''}${sanitize(r.name)}`;
}

export const OK = '✓';
export const BAD = '✗';
export const UNKNOWN = '?';

export function backendStateText(s: BackendState): { text: string; tone: Tone } {
  switch (s) {
    case 'ok':
      return { text: `${OK} ok`, tone: 'ok' };
    case 'no-endpoints':
      return { text: `${BAD} no ready endpoints`, tone: 'error' };
    case 'service-missing':
      return { text: `${BAD} service not found`, tone: 'error' };
    case 'port-missing':
      return { text: `${BAD} port not on service`, tone: 'error' };
    case 'external-name':
      return { text: 'ExternalName (DNS alias)', tone: 'info' };
    case 'resource':
      return { text: 'resource backend', tone: 'muted' };
    case 'unknown':
      return { text: `${UNKNOWN} unknown (not visible)`, tone: 'warning' };
    default: {
      const never: never = s;
      return never;
    }
  }
}

export function backendPortText(b: BackendView): string {
  if (b.port?.name !== undefined) return sanitize(b.port.name);
  if (b.port?.number !== undefined) return String(b.port.number);
  return '?';
}

/** "web:http" plus the matched Service port "(80→http)"; `status` replaces the backend's own state (e.g. the path verdict). */
export function backendSegments(b: BackendView, status?: Segment[]): Segment[] {
  const st = backendStateText(b.state);
  const sp = b.servicePort ? ` (${b.servicePort.port}→${sanitize(String(b.servicePort.targetPort ?? b.servicePort.port))})` : '';
  const ns = b.service?.namespace ?? b.namespace;
  return [
    seg('→ '),
    seg(`${sanitize(ns)}/${sanitize(b.serviceName)}:${backendPortText(b)}`, 'accent'),
    seg(sp, 'muted'),
    ...(b.weight !== undefined ? [seg(` weight ${b.weight}`, 'muted')] : []),
    seg('  '),
    ...(status ?? [seg(st.text, st.tone)]),
    ...(b.note ? [seg(`  ${sanitize(b.note)}`, 'muted')] : []),
  ];
}

export function targetSegments(t: BackendTarget): Segment[] {
  const mark = t.ready ? seg(OK, 'ok') : seg(BAD, 'error');
  const reason = t.ready ? (t.terminating ? 'terminating' : '') : sanitize(t.notReadyReason ?? (t.terminating ? 'terminating' : 'not ready'));
  // "node node-c NotReady" already names the node: say it once
  const node = t.nodeName && !reason.includes(`node ${sanitize(t.nodeName)}`) ? sanitize(t.nodeName) : undefined;
  return [
    mark,
    seg(` ${sanitize(t.address)}${t.port !== undefined ? `:${t.port}` : ''}`),
    ...(t.pod ? [seg(`  pod ${sanitize(t.pod.name)}`)] : []),
    ...(node ? [seg(`  node ${node}`, 'muted')] : []),
    ...(reason ? [seg(`  ${reason}`, t.ready ? 'warning' : 'error')] : []),
  ];
}

export function findingSegments(f: Finding): Segment[] {
  const tone = severityTone(f.severity);
  return [seg(`${severitySymbol(f.severity)} `, tone), seg(sanitize(f.id), tone, true), seg(`  ${refText(f.object)}`, 'accent'), seg(`  ${sanitize(f.message)}`)];
}

export function keyOf(r: ObjectRef | undefined): string | undefined {
  return r ? refKey(r) : undefined;
}
