// What the viewer may not read: when Services are forbidden nothing could be checked, and
// the Services and Problems views say so (why, and what to do) instead of looking clean.
import { sanitize } from '../../model/sanitize.js';
import type { ClusterSnapshot, Kind } from '../../model/types.js';
import type { TextRow } from '../types.js';
import { seg, textRow } from './common.js';

/** Services are forbidden: no Service was read, so no check ran on anything. */
export function servicesForbidden(s: ClusterSnapshot): boolean {
  return s.visibility.Service.state === 'forbidden';
}

/** The message rows shown in place of an empty Services table / "every check passed". */
export function nothingVisibleRows(s: ClusterSnapshot): TextRow[] {
  const why = s.visibility.Service.message;
  return [
    { ...textRow('blind:what', 0, [seg('? Nothing could be checked: you may not read Services here (forbidden).', 'warning', true)]), wrap: 2 },
    { ...textRow('blind:why', 0, [seg('why: ', 'muted'), seg(why ? sanitize(why) : 'the API server refused to list Services for this user')]), wrap: 5 },
    { ...textRow('blind:do', 0, [seg('what to do: ', 'muted'), seg(':ns NAME', 'accent', true), seg(' for a namespace you may read, or '), seg('c', 'accent', true), seg(' to use another context')]), wrap: 12 },
  ];
}

/** "HTTPRoutes: not visible (forbidden)" when a kind could not be read, else undefined. */
export function kindNotVisible(s: ClusterSnapshot, kind: Kind, label: string): TextRow | undefined {
  const v = s.visibility[kind];
  if (v.state !== 'forbidden' && v.state !== 'failed') return undefined;
  const reason = v.state === 'forbidden' ? 'forbidden' : 'could not be read';
  return { ...textRow(`blind:${kind}`, 0, [seg(`? ${label}: not visible (${reason})`, 'warning'), ...(v.message ? [seg(`  ${sanitize(v.message)}`, 'muted')] : [])]), wrap: 2 };
}
