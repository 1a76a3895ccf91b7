// The bottom line: the `/` or `:` line being typed, a message, or key hints and position.
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { footerHints } from '../keymap.js';
import type { InputLine } from '../state.js';
import { toneProps, type Tone } from '../theme.js';
import { textWidth } from '../text.js';

export interface FooterProps {
  input?: InputLine;
  flash?: { text: string; tone: Tone };
  filter: string;
  position: string;
  width: number;
  /** footer hints (keymap labels) that do not apply here, e.g. `p` in the DEMO */
  omit?: readonly string[];
  /** hints whose key does something else here: in the YAML, y goes back to the overview */
  relabel?: Readonly<Record<string, string>>;
}

export function Footer({ input, flash, filter, position, width, omit = [], relabel = {} }: FooterProps): ReactElement {
  if (input) {
    return (
      <Text wrap="truncate-start">
        <Text bold {...toneProps('accent')}>
          {input.kind === 'filter' ? '/' : ':'}
        </Text>
        {input.text}
        <Text inverse> </Text>
        <Text {...toneProps('muted')}>{input.kind === 'filter' ? '  Enter keep · Esc clear' : '  Enter run · Esc cancel'}</Text>
      </Text>
    );
  }
  if (flash) {
    // two lines at most (the view gives one up for it), so a message is read whole
    return (
      <Box height={textWidth(flash.text) > width ? 2 : 1} width={width} overflow="hidden">
        <Text wrap="wrap" {...toneProps(flash.tone)}>
          {flash.text}
        </Text>
      </Box>
    );
  }
  const filterNote = filter !== '' ? `  /${filter}` : '';
  const hints = footerHints(Math.max(0, width - textWidth(position) - textWidth(filterNote) - 2), omit, relabel);
  return (
    <Text wrap="truncate-end">
      <Text bold>{position}</Text>
      {filterNote !== '' ? <Text {...toneProps('accent')}>{filterNote}</Text> : null}
      <Text {...toneProps('muted')}>{`  ${hints}`}</Text>
    </Text>
  );
}
