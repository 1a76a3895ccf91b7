// Errors are screens, not crashes: what failed, what to do, and the keys that do it.
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { sanitize } from '../../model/sanitize.js';
import { colour, toneProps, type Tone } from '../theme.js';

export interface ErrorAction {
  key: string;
  label: string;
}

export interface ErrorScreenProps {
  title?: string;
  message: string;
  hint?: string;
  actions: readonly ErrorAction[];
  width: number;
  height: number;
  /** the `:` line while it is typed */
  input?: string;
  /** the answer to the last key or command (an unknown command, a context that cannot be opened) */
  flash?: { text: string; tone: Tone };
}

export function ErrorScreen({ title, message, hint, actions, width, height, input, flash }: ErrorScreenProps): ReactElement {
  const border = colour('error');
  // a short terminal drops the blank lines first; whatever still does not fit is cut at the bottom,
  // never squeezed out of the title or the reason
  const spacer = height >= 16 ? <Text> </Text> : null;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box flexDirection="column" flexShrink={0} borderStyle="round" {...(border ? { borderColor: border } : {})} paddingX={1} width={width}>
        <Text bold {...toneProps('error')}>
          {title ?? 'kexplore cannot show the cluster'}
        </Text>
        {spacer}
        <Text wrap="wrap">{sanitize(message)}</Text>
        {hint ? (
          <Text wrap="wrap" {...toneProps('info')}>
            {`What to do: ${sanitize(hint)}`}
          </Text>
        ) : null}
        {spacer}
        {actions.map((a) => (
          <Text key={a.key}>
            <Text bold {...toneProps('accent')}>
              {a.key.padEnd(6)}
            </Text>
            {a.label}
          </Text>
        ))}
      </Box>
      {input !== undefined ? (
        <Text>{`:${input}█`}</Text>
      ) : flash ? (
        <Text wrap="wrap" {...toneProps(flash.tone)}>
          {sanitize(flash.text)}
        </Text>
      ) : null}
    </Box>
  );
}
