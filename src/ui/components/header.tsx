// Two header lines: where the data comes from, and where the user is.
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import type { SnapshotSource } from '../../model/types.js';
import { sanitize } from '../../model/sanitize.js';
import { toneProps, type Tone } from '../theme.js';
import type { ViewId } from '../types.js';
import { VIEWS, VIEW_TITLES } from '../state.js';
import { textWidth } from '../text.js';

export function timeOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? sanitize(iso) : d.toLocaleTimeString('en-GB', { hour12: false });
}

export function sourceLabel(src: SnapshotSource): { text: string; tone: Tone; strong?: boolean } {
  switch (src.type) {
    case 'demo':
      return { text: ' DEMO — built-in example, not a real cluster ', tone: 'demo', strong: true };
    case 'snapshot': {
      const files = src.files ?? [];
      const first = files[0] ? sanitize(files[0].split('/').pop() ?? files[0]) : '';
      return { text: `snapshot file ${first}${files.length > 1 ? ` +${files.length - 1}` : ''}`.trim(), tone: 'info' };
    }
    case 'live':
      switch (src.state) {
        case 'connecting':
          return { text: 'connecting…', tone: 'warning' };
        case 'reconnecting':
          return { text: 'reconnecting…', tone: 'warning' };
        case 'stale':
          return { text: `stale since ${src.staleSince ? timeOf(src.staleSince) : '?'}`, tone: 'error' };
        case 'live':
        case undefined:
          return { text: '● live', tone: 'ok' };
        default: {
          const never: never = src.state;
          return never;
        }
      }
    default: {
      const never: never = src.type;
      return never;
    }
  }
}

export interface HeaderProps {
  source: SnapshotSource;
  scope: string | undefined;
  counts: { error: number; warning: number; info: number };
  /** shown instead of the counts when they would mislead (nothing visible, still connecting) */
  countsNote?: string;
  view: ViewId;
  detail: boolean;
  crumbs: readonly string[];
  width: number;
}

/** Breadcrumbs that fit `room` cells: cut from the left ("… › "), the current location kept whole. */
export function fitCrumbs(crumbs: readonly string[], room: number): string {
  const sep = ' › ';
  const all = crumbs.join(sep);
  if (textWidth(all) <= room) return all;
  for (let i = 1; i < crumbs.length; i++) {
    const cut = `…${sep}${crumbs.slice(i).join(sep)}`;
    if (textWidth(cut) <= room) return cut;
  }
  return crumbs[crumbs.length - 1] ?? '';
}

function countsText(counts: HeaderProps['counts'], short: boolean): [string, string, string] {
  if (short) return [`✗ ${counts.error}`, `⚠ ${counts.warning}`, `ℹ ${counts.info}`];
  return [`✗ ${counts.error} error${counts.error === 1 ? '' : 's'}`, `⚠ ${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `ℹ ${counts.info} info`];
}

export function Header({ source, scope, counts, countsNote, view, detail, crumbs, width }: HeaderProps): ReactElement {
  const src = sourceLabel(source);
  const demo = source.type === 'demo';
  const ctx = sanitize(source.context ?? '-');
  const version = sanitize(source.serverVersion ?? '?');
  const ns = scope !== undefined ? sanitize(scope) : 'all';
  // the long forms (DEMO banner, "3 errors") only when the whole line fits; else the short ones, never cut mid-word
  const lineWidth = (badgeText: string, short: boolean): number =>
    textWidth(`kexplore ${demo ? badgeText : ''} ctx ${ctx} k8s ${version} ns ${ns}  ${demo ? '' : `${badgeText}  `}${countsNote ?? countsText(counts, short).join(' ')}`);
  const longBadge = !demo || (width >= 120 && lineWidth(src.text, false) <= width);
  const badgeText = longBadge ? src.text : ' DEMO ';
  const narrow = width < 100 || lineWidth(badgeText, false) > width;
  const [errors, warnings, infos] = countsText(counts, narrow);
  const badge = (
    <Text {...toneProps(src.tone)} bold={src.strong ?? false} inverse={src.strong ?? false}>
      {badgeText}
    </Text>
  );
  const tabs = VIEWS.map((v, i) => ` ${i + 1} ${VIEW_TITLES[v]} `).join('') + ' 4 Detail ' + '  ';
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold {...toneProps('accent')}>
          kexplore
        </Text>
        <Text> </Text>
        {demo ? badge : null}
        <Text {...toneProps('muted')}> ctx </Text>
        <Text bold>{ctx}</Text>
        <Text {...toneProps('muted')}> k8s </Text>
        <Text>{version}</Text>
        <Text {...toneProps('muted')}> ns </Text>
        <Text bold>{ns}</Text>
        <Text>  </Text>
        {demo ? null : badge}
        {demo ? null : <Text>  </Text>}
        {countsNote !== undefined ? (
          <Text {...toneProps('warning')}>{countsNote}</Text>
        ) : (
          <>
            <Text {...toneProps(counts.error > 0 ? 'error' : 'muted')}>{errors}</Text>
            <Text> </Text>
            <Text {...toneProps(counts.warning > 0 ? 'warning' : 'muted')}>{warnings}</Text>
            <Text> </Text>
            <Text {...toneProps(counts.info > 0 ? 'info' : 'muted')}>{infos}</Text>
          </>
        )}
      </Text>
      <Text wrap="truncate-end">
        {VIEWS.map((v, i) => (
          <Text key={v} inverse={v === view && !detail} bold={v === view}>
            {` ${i + 1} ${VIEW_TITLES[v]} `}
          </Text>
        ))}
        <Text inverse={detail} bold={detail}>
          {' 4 Detail '}
        </Text>
        <Text {...toneProps('muted')}>{'  '}</Text>
        <Text {...toneProps('accent')}>{fitCrumbs(crumbs, width - textWidth(tabs))}</Text>
      </Text>
    </Box>
  );
}
