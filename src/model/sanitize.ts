// Every string that came from the cluster passes through here before it reaches a
// terminal: escape sequences and control characters in names, labels or annotations
// could otherwise move the cursor, recolour the screen or rewrite what the user sees
// (kubectl CVE-2021-25743). Control characters are made visible, not silently dropped.

// C0 controls except none (tab/newline included: single-line fields must not break layout),
// DEL, C1 controls, and bidi/zero-width formatting characters that can disguise text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x1b) return '^[';
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  return `\\u{${code.toString(16)}}`;
}

/** Make one cluster-provided string safe for a single terminal line. */
export function sanitize(s: string | undefined | null): string {
  if (s === undefined || s === null) return '';
  return s.replace(UNSAFE, visible);
}

/** Same, for multi-line text (YAML view): newlines survive, tabs become spaces. */
export function sanitizeMultiline(s: string): string {
  return s
    .split('\n')
    .map((line) => sanitize(line.replace(/\t/g, '  ').replace(/\r$/, '')))
    .join('\n');
}
