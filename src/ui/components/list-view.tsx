// A virtualised list: only the rows inside the scroll window are rendered (the window is
// derived from the cursor like @inkjs/ui's select: visibleFrom/visibleTo), so a 10,000-row
// list costs the same per frame as a 20-row one.
import { Box, Text } from 'ink';
import type { ReactElement, ReactNode } from 'react';
import { visibleRange } from '../cursor.js';
import { toneProps } from '../theme.js';
import type { RowMeta } from '../types.js';

export interface ListViewProps<R extends RowMeta> {
  rows: readonly R[];
  index: number;
  top: number;
  height: number;
  width: number;
  empty?: string;
  render: (row: R, selected: boolean, width: number) => ReactNode;
}

export function ListView<R extends RowMeta>({ rows, index, top, height, width, empty, render }: ListViewProps<R>): ReactElement {
  if (rows.length === 0) {
    return (
      <Box height={height} width={width} overflow="hidden" flexShrink={0}>
        <Text wrap="wrap" {...toneProps('muted')}>
          {empty ?? '(nothing to show)'}
        </Text>
      </Box>
    );
  }
  const { from, to } = visibleRange(rows, top, height);
  const visible = rows.slice(from, to);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {visible.map((row, i) => (
        <Box key={row.id} height={Math.max(1, row.height ?? 1)} width={width} overflow="hidden" flexShrink={0}>
          {render(row, from + i === index, width)}
        </Box>
      ))}
    </Box>
  );
}
