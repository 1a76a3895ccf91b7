// Services view: the column heading and one line per row. Cells were precomputed per
// snapshot; here they are only fitted to the widths (O(visible rows)).
import { Text } from 'ink';
import type { ReactElement } from 'react';
import type { ColumnLayout } from '../rows/columns.js';
import { GAP } from '../rows/columns.js';
import { GROUP_TITLES, cellText, type ServiceCol, type ServiceListRow } from '../rows/services.js';
import { CURSOR, toneProps, type Tone } from '../theme.js';
import { fit, fitRight } from '../text.js';

const SEP = ' '.repeat(GAP);

export function ServicesHeading({ layout }: { layout: readonly ColumnLayout<ServiceCol>[] }): ReactElement {
  return (
    <Text bold wrap="truncate-end" {...toneProps('heading')}>
      {'  '}
      {layout.map((c) => (c.align === 'right' ? fitRight(c.title, c.width) : fit(c.title, c.width))).join(SEP)}
    </Text>
  );
}

export function ServiceLine({ row, layout, selected }: { row: ServiceListRow; layout: readonly ColumnLayout<ServiceCol>[]; selected: boolean }): ReactElement {
  if (row.kind === 'group') {
    return (
      <Text wrap="truncate-end" inverse={selected} bold>
        {selected ? `${CURSOR} ` : '  '}
        <Text {...toneProps('heading')}>{`${row.collapsed ? '▸' : '▾'} ${GROUP_TITLES[row.group]}`}</Text>
        <Text {...toneProps('muted')}>{` (${row.count})`}</Text>
        {row.worst ? <Text {...toneProps(row.worst.tone)}>{`  ${row.worst.symbol} ${row.worst.services}`}</Text> : null}
      </Text>
    );
  }
  const d = row.data;
  const tones: Partial<Record<ServiceCol, Tone | undefined>> = { ready: d.readyTone, finding: d.findingTone };
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? `${CURSOR} ` : '  '}
      {layout.map((c, i) => {
        const cell = cellText(d, c.id, c.width);
        const text = (c.align === 'right' ? fitRight(cell, c.width) : fit(cell, c.width)) + (i < layout.length - 1 ? SEP : '');
        const tone = tones[c.id];
        return tone ? (
          <Text key={c.id} {...toneProps(tone)}>
            {text}
          </Text>
        ) : (
          <Text key={c.id} bold={c.id === 'name'}>
            {text}
          </Text>
        );
      })}
    </Text>
  );
}
