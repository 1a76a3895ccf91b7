// One keypress path: Ink's (input, key) → a Command, from a keymap that is data. The `?`
// help screen is generated from the same table, so it cannot drift from the behaviour.
import type { Key } from 'ink';
import type { ViewId } from './types.js';

export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export type Command =
  | { type: 'move'; by: Move }
  | { type: 'enter' }
  | { type: 'back' }
  | { type: 'nextView' }
  | { type: 'view'; view: ViewId }
  | { type: 'detail' }
  | { type: 'toggleGroup' }
  | { type: 'filter' }
  | { type: 'commandLine' }
  | { type: 'help' }
  | { type: 'probe' }
  | { type: 'yaml' }
  | { type: 'refresh' }
  | { type: 'quit'; now?: boolean }
  | { type: 'pickNamespace' }
  | { type: 'pickContext' }
  | { type: 'setNamespace'; namespace: string | undefined }
  | { type: 'switchContext'; context: string }
  | { type: 'openDemo' }
  | { type: 'retry' }
  | { type: 'inputChar'; text: string }
  | { type: 'inputBackspace' }
  | { type: 'inputSubmit' }
  | { type: 'inputCancel' }
  | { type: 'invalid'; message: string };

/** normal: lists and detail; input: `/` filter or `:` line; error: the error screen. */
export type Mode = 'normal' | 'input' | 'error';

type NamedKey = 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

export interface KeySpec {
  input?: string;
  key?: NamedKey;
  ctrl?: boolean;
}

export type Section = 'Navigation' | 'Views' | 'Actions' | 'Filter and command line' | 'Error screen';

export interface Binding {
  keys: readonly KeySpec[];
  /** how the keys are written in the help screen */
  label: string;
  description: string;
  command: Command;
  section: Section;
  modes: readonly Mode[];
}

const N: readonly Mode[] = ['normal'];
const NI: readonly Mode[] = ['normal', 'input'];
const ALL: readonly Mode[] = ['normal', 'input', 'error'];
const E: readonly Mode[] = ['error'];

export const KEYMAP: readonly Binding[] = [
  { section: 'Navigation', label: '↑ k', description: 'move up', keys: [{ key: 'upArrow' }, { input: 'k' }], command: { type: 'move', by: 'up' }, modes: NI },
  { section: 'Navigation', label: '↓ j', description: 'move down', keys: [{ key: 'downArrow' }, { input: 'j' }], command: { type: 'move', by: 'down' }, modes: NI },
  { section: 'Navigation', label: 'PgUp ctrl-u', description: 'page up', keys: [{ key: 'pageUp' }, { input: 'u', ctrl: true }], command: { type: 'move', by: 'pageUp' }, modes: NI },
  { section: 'Navigation', label: 'PgDn ctrl-d', description: 'page down', keys: [{ key: 'pageDown' }, { input: 'd', ctrl: true }], command: { type: 'move', by: 'pageDown' }, modes: NI },
  { section: 'Navigation', label: 'g Home', description: 'go to the top', keys: [{ input: 'g' }, { key: 'home' }], command: { type: 'move', by: 'top' }, modes: N },
  { section: 'Navigation', label: 'G End', description: 'go to the bottom', keys: [{ input: 'G' }, { key: 'end' }], command: { type: 'move', by: 'bottom' }, modes: N },
  { section: 'Navigation', label: 'Enter', description: 'drill in (open the detail; on a group heading: fold it)', keys: [{ key: 'return' }], command: { type: 'enter' }, modes: N },
  { section: 'Navigation', label: 'space', description: 'fold / unfold the service group', keys: [{ input: ' ' }], command: { type: 'toggleGroup' }, modes: N },
  { section: 'Navigation', label: 'Esc', description: 'back (history shown as breadcrumbs)', keys: [{ key: 'escape' }], command: { type: 'back' }, modes: N },
  { section: 'Views', label: 'Tab', description: 'next view', keys: [{ key: 'tab' }], command: { type: 'nextView' }, modes: N },
  { section: 'Views', label: '1', description: 'Services by type', keys: [{ input: '1' }], command: { type: 'view', view: 'services' }, modes: N },
  { section: 'Views', label: '2', description: 'Ingresses and Routes', keys: [{ input: '2' }], command: { type: 'view', view: 'routes' }, modes: N },
  { section: 'Views', label: '3', description: 'Problems', keys: [{ input: '3' }], command: { type: 'view', view: 'problems' }, modes: N },
  { section: 'Views', label: '4', description: 'detail of the selection', keys: [{ input: '4' }], command: { type: 'detail' }, modes: N },
  { section: 'Views', label: 'n', description: 'namespace picker', keys: [{ input: 'n' }], command: { type: 'pickNamespace' }, modes: N },
  { section: 'Views', label: 'c', description: 'context picker', keys: [{ input: 'c' }], command: { type: 'pickContext' }, modes: ['normal', 'error'] },
  { section: 'Views', label: '?', description: 'this help', keys: [{ input: '?' }], command: { type: 'help' }, modes: N },
  { section: 'Actions', label: '/', description: 'live filter (name, namespace, host, labels)', keys: [{ input: '/' }], command: { type: 'filter' }, modes: N },
  { section: 'Actions', label: ':', description: 'command line (the commands are listed below)', keys: [{ input: ':' }], command: { type: 'commandLine' }, modes: ['normal', 'error'] },
  { section: 'Actions', label: 'y', description: 'YAML of the selection', keys: [{ input: 'y' }], command: { type: 'yaml' }, modes: N },
  { section: 'Actions', label: 'p', description: 'probe the selected Service or Ingress (opens network connections; needs a real cluster)', keys: [{ input: 'p' }], command: { type: 'probe' }, modes: N },
  { section: 'Actions', label: 'r', description: 'refresh (re-list everything)', keys: [{ input: 'r' }], command: { type: 'refresh' }, modes: N },
  { section: 'Actions', label: 'q', description: 'quit (in the help: close it)', keys: [{ input: 'q' }], command: { type: 'quit' }, modes: ALL },
  { section: 'Actions', label: 'ctrl-c', description: 'quit from anywhere, also while typing', keys: [{ input: 'c', ctrl: true }], command: { type: 'quit', now: true }, modes: ALL },
  { section: 'Filter and command line', label: 'Enter', description: 'apply (filter stays) / run the command', keys: [{ key: 'return' }], command: { type: 'inputSubmit' }, modes: ['input'] },
  { section: 'Filter and command line', label: 'Esc', description: 'cancel (clears the filter)', keys: [{ key: 'escape' }], command: { type: 'inputCancel' }, modes: ['input'] },
  { section: 'Filter and command line', label: 'Backspace', description: 'delete a character', keys: [{ key: 'backspace' }, { key: 'delete' }], command: { type: 'inputBackspace' }, modes: ['input'] },
  { section: 'Error screen', label: 'r', description: 'retry', keys: [{ input: 'r' }], command: { type: 'retry' }, modes: E },
  { section: 'Error screen', label: 'd', description: 'open the built-in DEMO cluster', keys: [{ input: 'd' }], command: { type: 'openDemo' }, modes: E },
];

function matches(spec: KeySpec, input: string, key: Key, mode: Mode): boolean {
  if (spec.key !== undefined) return key[spec.key] && (spec.ctrl === undefined || key.ctrl === spec.ctrl);
  if (spec.input === undefined) return false;
  const ctrl = spec.ctrl ?? false;
  // while typing, printable keys are text: only ctrl-chords and named keys act
  if (mode === 'input' && !ctrl) return false;
  return input === spec.input && key.ctrl === ctrl && !key.meta;
}

/** The single keypress path. */
export function keyToCommand(input: string, key: Key, mode: Mode): Command | undefined {
  for (const b of KEYMAP) {
    if (!b.modes.includes(mode)) continue;
    if (b.keys.some((k) => matches(k, input, key, mode))) return b.command;
  }
  if (mode === 'input' && input !== '' && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab) {
    // printable text, also a paste: drop control characters
    // eslint-disable-next-line no-control-regex
    const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
    if (text !== '') return { type: 'inputChar', text };
  }
  return undefined;
}

/**
 * The `:` commands: one table, from which the parser, the help screen and the "unknown
 * command" message all come (so they cannot drift apart). The first name is the one shown.
 */
interface CommandSpec {
  names: readonly string[];
  /** how the help writes it */
  usage: string;
  description: string;
  parse(arg: string): Command;
}

const view = (v: ViewId): ((arg: string) => Command) => () => ({ type: 'view', view: v });

export const COMMANDS: readonly CommandSpec[] = [
  { names: ['svc', 'service', 'services'], usage: ':svc', description: 'Services by type', parse: view('services') },
  { names: ['ing', 'ingress', 'ingresses', 'route', 'routes', 'httproute', 'httproutes', 'grpcroute', 'grpcroutes'], usage: ':ing', description: 'Ingresses and Routes (also :routes, :httproute, :grpcroute)', parse: view('routes') },
  { names: ['problems', 'problem', 'pb', 'findings'], usage: ':problems', description: 'Problems (also :pb)', parse: view('problems') },
  {
    names: ['ns', 'namespace', 'namespaces'],
    usage: ':ns NAME  :ns all',
    description: 'show one namespace / all of them (:ns alone opens the picker)',
    parse: (arg) => (arg === '' ? { type: 'pickNamespace' } : arg === 'all' || arg === '-A' || arg === '*' || arg === '0' ? { type: 'setNamespace', namespace: undefined } : { type: 'setNamespace', namespace: arg }),
  },
  { names: ['ctx', 'context', 'contexts'], usage: ':ctx NAME', description: 'switch to another kubeconfig context (:ctx alone opens the picker)', parse: (arg) => (arg === '' ? { type: 'pickContext' } : { type: 'switchContext', context: arg }) },
  { names: ['demo'], usage: ':demo', description: 'open the built-in DEMO cluster', parse: () => ({ type: 'openDemo' }) },
  { names: ['refresh'], usage: ':refresh', description: 'list everything again', parse: () => ({ type: 'refresh' }) },
  { names: ['help', '?'], usage: ':help', description: 'this help', parse: () => ({ type: 'help' }) },
  { names: ['q', 'q!', 'quit', 'exit'], usage: ':q', description: 'quit', parse: () => ({ type: 'quit' }) },
];

export function parseCommandLine(text: string): Command {
  const [verb = '', ...args] = text.trim().replace(/^:/, '').split(/\s+/);
  if (verb === '') return { type: 'inputCancel' };
  const spec = COMMANDS.find((c) => c.names.includes(verb.toLowerCase()));
  if (spec) return spec.parse(args.join(' '));
  return { type: 'invalid', message: `unknown command ":${verb}" — try ${COMMANDS.map((c) => `:${c.names[0] ?? ''}`).join(' ')}` };
}

/** The `:` commands for the help screen, from the same table as the parser. */
export const COMMAND_HELP: readonly { command: string; description: string }[] = COMMANDS.map((c) => ({ command: c.usage, description: c.description }));

/** Help sections, generated from KEYMAP. */
export function helpSections(): { section: Section; bindings: Binding[] }[] {
  const order: Section[] = ['Navigation', 'Views', 'Actions', 'Filter and command line', 'Error screen'];
  return order.map((section) => ({ section, bindings: KEYMAP.filter((b) => b.section === section) }));
}

/**
 * Footer hints, from the same table: short words, in the order they are dropped last-first
 * as the terminal narrows (`?` help and `q` quit are always kept), shown in reading order.
 */
export const FOOTER_HINTS: readonly { label: string; key: string; text: string }[] = [
  { label: '?', key: '?', text: 'help' },
  { label: 'q', key: 'q', text: 'quit' },
  { label: 'Enter', key: 'Enter', text: 'open' },
  { label: 'Esc', key: 'Esc', text: 'back' },
  { label: '/', key: '/', text: 'filter' },
  { label: 'Tab', key: 'Tab', text: 'view' },
  { label: ':', key: ':', text: 'command' },
  { label: 'p', key: 'p', text: 'probe' },
  { label: 'y', key: 'y', text: 'YAML' },
];

const ALWAYS = 2;
const DISPLAY_ORDER = ['Enter', 'Esc', '/', ':', 'Tab', 'p', 'y', '?', 'q'];

/** The hints that fit in `width` cells ("?" and "q" always), separated by two spaces. */
export function footerHints(width = Infinity, omit: readonly string[] = [], relabel: Readonly<Record<string, string>> = {}): string {
  const bound = FOOTER_HINTS.filter((h) => KEYMAP.some((b) => b.label === h.label) && !omit.includes(h.label));
  const chosen: typeof bound = [];
  let used = 0;
  for (const [i, h] of bound.entries()) {
    const w = h.key.length + 1 + h.text.length + (chosen.length > 0 ? 2 : 0);
    if (i >= ALWAYS && used + w > width) continue;
    chosen.push(h);
    used += w;
  }
  chosen.sort((a, b) => DISPLAY_ORDER.indexOf(a.label) - DISPLAY_ORDER.indexOf(b.label));
  return chosen.map((h) => `${h.key} ${relabel[h.label] ?? h.text}`).join('  ');
}

const NAMED: readonly NamedKey[] = ['upArrow', 'downArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'];

/**
 * Ink hands a chunk of several plain characters over as one event (it cannot tell fast
 * typing from a paste). Split it into key presses — "jj\r" is two moves and Enter — but
 * keep runs of text together while typing (a paste into the filter).
 */
export function splitKeys(input: string, key: Key, typing: boolean): { input: string; key: Key }[] {
  // Esc followed quickly by a key arrives as one "meta+key"; nothing here binds meta, so it is Esc, then the key
  if (key.meta && !key.escape && [...input].length === 1 && !NAMED.some((n) => key[n])) {
    return [
      { input: '', key: { ...key, meta: false, escape: true } },
      { input, key: { ...key, meta: false } },
    ];
  }
  if ([...input].length <= 1 || NAMED.some((n) => key[n]) || key.ctrl || key.meta) return [{ input, key }];
  const plain: Key = { ...key, return: false, tab: false, escape: false };
  const out: { input: string; key: Key }[] = [];
  let run = '';
  const flush = (): void => {
    if (run !== '') out.push({ input: run, key: plain });
    run = '';
  };
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') {
      flush();
      out.push({ input: '', key: { ...plain, return: true } });
    } else if (ch === '\t') {
      flush();
      out.push({ input: '', key: { ...plain, tab: true } });
    } else if (typing) run += ch;
    else out.push({ input: ch, key: plain });
  }
  flush();
  return out;
}
