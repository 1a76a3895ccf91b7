// Boxed tables (detail: ports, listeners) with @alcalzone/ink-table; heading colour goes
// through the theme helper so NO_COLOR is honoured. Cells are cut to fit the width
// (ink-table sizes columns by String.length, so values must already be safe and short).
import { Table } from '@alcalzone/ink-table';
import { Text } from 'ink';
import type { PropsWithChildren, ReactElement } from 'react';
import { toneProps } from '../theme.js';
import { truncate } from '../text.js';

function Heading({ children }: PropsWithChildren): ReactElement {
  return (
    <Text bold {...toneProps('accent')}>
      {children}
    </Text>
  );
}

function Skeleton({ children }: PropsWithChildren): ReactElement {
  return <Text {...toneProps('muted')}>{children}</Text>;
}

export function DataTable({ columns, data, width }: { columns: readonly string[]; data: readonly Record<string, string>[]; width: number }): ReactElement {
  // borders: 1 + per column (2 padding + 1 separator)
  const cap = Math.max(4, Math.floor((width - 1 - 3 * columns.length) / Math.max(1, columns.length)));
  const rows = data.map((r) => Object.fromEntries(columns.map((c) => [c, truncate(r[c] ?? '', cap)])));
  return <Table data={rows} columns={[...columns]} header={Heading} skeleton={Skeleton} />;
}
