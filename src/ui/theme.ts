// Every colour choice in the UI goes through here, so NO_COLOR (https://no-color.org) is
// honoured in one place. Ink's chalk does not read NO_COLOR itself (only FORCE_COLOR and
// --no-color), so components never pass a literal colour name to <Text>.
import type { Severity } from '../checks/types.js';

export type Tone = 'error' | 'warning' | 'info' | 'ok' | 'muted' | 'accent' | 'heading' | 'demo';

const COLOURS: Record<Tone, string> = {
  error: 'red',
  warning: 'yellow',
  info: 'blue', // never red for info
  ok: 'green',
  muted: 'gray',
  accent: 'cyan',
  heading: 'magenta',
  demo: 'yellow',
};

/** NO_COLOR set to any non-empty value disables colour. */
export function coloursEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.NO_COLOR;
  return v === undefined || v === '';
}

/** Colour for a tone, or undefined when colours are off (or no tone). */
export function colour(tone: Tone | undefined): string | undefined {
  if (tone === undefined || !coloursEnabled()) return undefined;
  return COLOURS[tone];
}

/** Ink <Text> props for a tone: colour, plus dim for muted text (dim is also an SGR code, so it is dropped under NO_COLOR). */
export function toneProps(tone: Tone | undefined): { color?: string; dimColor?: boolean } {
  const c = colour(tone);
  if (c === undefined) return {};
  return tone === 'muted' ? { dimColor: true } : { color: c };
}

export function severityTone(s: Severity): Tone {
  switch (s) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
      return 'info';
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** Symbols carry the meaning without colour (NO_COLOR, colour-blind users). */
export function severitySymbol(s: Severity): string {
  switch (s) {
    case 'error':
      return '✗';
    case 'warning':
      return '⚠';
    case 'info':
      return 'ℹ';
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** The cursor mark; group folding uses ▸ (folded) and ▾ (open), so the cursor needs its own glyph. */
export const CURSOR = '❯';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}
