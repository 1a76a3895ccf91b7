// The body of a screen: the Services table, or a titled list of rows (tree, problems,
// detail, help, pickers), and the context picker shown over the error screen.
import { Box, Text } from 'ink';
import { useMemo, type ReactElement } from 'react';
import { resolveCursor } from '../cursor.js';
import { layoutColumns } from '../rows/columns.js';
import { SERVICE_COLUMNS, SERVICE_SHRINK, measureServices, type ServiceListRow } from '../rows/services.js';
import { VIEW_TITLES, cursorOf, type Screen, type UiState } from '../state.js';
import { toneProps } from '../theme.js';
import type { RowMeta, ViewRow } from '../types.js';
import { DataTable } from './data-table.js';
import { ListView } from './list-view.js';
import { RowLine } from './segments.js';
import { ServicesHeading, ServiceLine } from './services-table.js';

export function ContextOverlay({ state, rows, width, height, viewport }: { state: UiState; rows: readonly RowMeta[]; width: number; height: number; viewport: number }): ReactElement {
  const { index, top } = resolveCursor(rows, cursorOf(state), viewport);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ScreenBody screen={{ kind: 'picker', picker: 'context' }} rows={rows} index={index} top={top} viewport={viewport} width={width} filter="" scoped={false} />
    </Box>
  );
}

export interface BodyProps {
  screen: Screen;
  rows: readonly RowMeta[];
  index: number;
  top: number;
  viewport: number;
  width: number;
  filter: string;
  scoped: boolean;
  /** Services are forbidden: the Services view shows a message instead of its table */
  blind?: boolean;
  /** the detail's object can be probed with p */
  canProbe?: boolean;
}

function renderViewRow(row: RowMeta, selected: boolean, width: number): ReactElement {
  const r = row as ViewRow;
  // indented like the lines of its section (cursor mark + one level)
  if (r.kind === 'table')
    return (
      <Box marginLeft={4}>
        <DataTable columns={r.columns} data={r.data} width={width - 4} />
      </Box>
    );
  return <RowLine segments={r.segments} depth={r.depth} selected={selected} />;
}

/** What an empty list view says (an empty view keeps its header, title and footer). */
function emptyText(screen: Screen, filter: string, scoped: boolean): string | undefined {
  if (screen.kind !== 'list' || screen.view !== 'routes') return undefined;
  if (filter !== '') return `no Ingress or Route matches the filter /${filter} (Esc clears it)`;
  return scoped ? 'no Ingresses or Routes in this namespace' : 'no Ingresses or Routes in this cluster';
}

export function ScreenBody({ screen, rows, index, top, viewport, width, filter, scoped, blind = false, canProbe = false }: BodyProps): ReactElement {
  const services = screen.kind === 'list' && screen.view === 'services' && !blind;
  // widths come from the rows shown (after scope and filter); with one namespace in scope the NAMESPACE column says nothing
  const measures = useMemo(() => (services ? measureServices(rows as readonly ServiceListRow[]) : {}), [services, rows]);
  const layout = useMemo(() => layoutColumns(SERVICE_COLUMNS, measures, width - 2, SERVICE_SHRINK, scoped ? ['namespace'] : []), [measures, width, scoped]);
  const filterNote = filter !== '' ? `  filter /${filter}` : '';
  if (services) {
    return (
      <Box flexDirection="column">
        <ServicesHeading layout={layout} />
        <ListView rows={rows as readonly ServiceListRow[]} index={index} top={top} height={viewport} width={width} empty="no services" render={(row, selected) => <ServiceLine row={row} layout={layout} selected={selected} />} />
      </Box>
    );
  }
  const title =
    screen.kind === 'list'
      ? `${VIEW_TITLES[screen.view]}${filterNote}`
      : screen.kind === 'detail'
        ? screen.mode === 'yaml'
          ? 'YAML (y: overview)'
          : `Detail (y: YAML${canProbe ? ', p: probe' : ''})`
        : screen.kind === 'help'
          ? 'Keys — ↑↓ scroll, Esc or q back'
          : screen.picker === 'namespace'
            ? `Namespace (Enter select, Esc back)${filterNote}`
            : `Context (Enter switch, Esc back)${filterNote}`;
  return (
    <Box flexDirection="column">
      <Box flexShrink={0}>
        <Text bold wrap="truncate-end" {...toneProps('heading')}>
          {title}
        </Text>
      </Box>
      <ListView rows={rows} index={index} top={top} height={viewport} width={width} {...(emptyText(screen, filter, scoped) ? { empty: emptyText(screen, filter, scoped) } : {})} render={renderViewRow} />
    </Box>
  );
}
