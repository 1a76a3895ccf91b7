// One row of text: an optional cursor mark, indentation and toned segments, truncated to the width.
import { Text } from 'ink';
import type { ReactElement } from 'react';
import { CURSOR, toneProps } from '../theme.js';
import type { Segment } from '../types.js';

export function Segments({ segments }: { segments: readonly Segment[] }): ReactElement {
  return (
    <>
      {segments.map((s, i) => (
        <Text key={i} {...toneProps(s.tone)} bold={s.bold ?? false}>
          {s.text}
        </Text>
      ))}
    </>
  );
}

export function RowLine({ segments, depth, selected }: { segments: readonly Segment[]; depth: number; selected: boolean }): ReactElement {
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? `${CURSOR} ` : '  '}
      {'  '.repeat(depth)}
      <Segments segments={segments} />
    </Text>
  );
}
