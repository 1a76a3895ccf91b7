// Turn a `tmux capture-pane -p -e` dump (ANSI SGR colours) into an SVG terminal picture.
// Used by scripts/screenshots.sh; colours and box-drawing characters survive.
import { readFileSync, writeFileSync } from 'node:fs';

const PALETTE = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#dcdfe4', '#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#8cc8ff', '#e0a3ff', '#7fdbe6', '#ffffff'];
const FG = '#dcdfe4';
const BG = '#1e1e1e';

interface Style { fg?: string; bg?: string; bold: boolean; dim: boolean; inverse: boolean; underline: boolean }

function color256(n: number): string {
  if (n < 16) return PALETTE[n] ?? FG;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const c = (x: number): number => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${c(Math.floor(i / 36))},${c(Math.floor(i / 6) % 6)},${c(i % 6)})`;
}

function applySgr(st: Style, params: number[]): Style {
  const s = { ...st };
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? 0;
    if (p === 0) Object.assign(s, { fg: undefined, bg: undefined, bold: false, dim: false, inverse: false, underline: false });
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 22) { s.bold = false; s.dim = false; }
    else if (p === 24) s.underline = false;
    else if (p === 27) s.inverse = false;
    else if (p >= 30 && p <= 37) s.fg = PALETTE[p - 30];
    else if (p >= 90 && p <= 97) s.fg = PALETTE[p - 90 + 8];
    else if (p === 39) s.fg = undefined;
    else if (p >= 40 && p <= 47) s.bg = PALETTE[p - 40];
    else if (p >= 100 && p <= 107) s.bg = PALETTE[p - 100 + 8];
    else if (p === 49) s.bg = undefined;
    else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      const c = color256(params[i + 2] ?? 7);
      if (p === 38) s.fg = c; else s.bg = c;
      i += 2;
    } else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      const c = `rgb(${params[i + 2] ?? 0},${params[i + 3] ?? 0},${params[i + 4] ?? 0})`;
      if (p === 38) s.fg = c; else s.bg = c;
      i += 4;
    }
  }
  return s;
}

const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ansiToSvg(text: string, cols: number, rows: number, title: string): string {
  const cw = 8.4;
  const lh = 17;
  const pad = 12;
  const top = 28;
  const out: string[] = [];
  const lines = text.replace(/\n$/, '').split('\n').slice(0, rows);
  let st: Style = { bold: false, dim: false, inverse: false, underline: false };
  lines.forEach((line, row) => {
    let col = 0;
    let run = '';
    let runStart = 0;
    let runStyle = st;
    const flush = (): void => {
      if (run === '') return;
      let fg = runStyle.fg ?? FG;
      let bg = runStyle.bg;
      if (runStyle.inverse) { const f = fg; fg = bg ?? BG; bg = f; }
      const x = pad + runStart * cw;
      const y = top + row * lh;
      if (bg) out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${(run.length * cw).toFixed(1)}" height="${lh}" fill="${bg}"/>`);
      if (run.trim() !== '')
        out.push(`<text x="${x.toFixed(1)}" y="${y + 13}" fill="${fg}"${runStyle.bold ? ' font-weight="bold"' : ''}${runStyle.dim ? ' opacity="0.6"' : ''}${runStyle.underline ? ' text-decoration="underline"' : ''} textLength="${(run.length * cw).toFixed(1)}" lengthAdjust="spacingAndGlyphs">${esc(run)}</text>`);
      run = '';
    };
    for (let i = 0; i < line.length; ) {
      if (line[i] === '\u001b' && line[i + 1] === '[') {
        const m = /^\u001b\[([0-9;]*)([A-Za-z])/.exec(line.slice(i));
        if (m) {
          if (m[2] === 'm') {
            flush();
            st = applySgr(st, (m[1] ?? '').split(';').filter((x) => x !== '').map(Number));
            if ((m[1] ?? '') === '') st = applySgr(st, [0]);
            runStyle = st;
            runStart = col;
          }
          i += m[0].length;
          continue;
        }
      }
      const ch = String.fromCodePoint(line.codePointAt(i) ?? 32);
      if (run === '') { runStart = col; runStyle = st; }
      run += ch;
      col += 1;
      i += ch.length;
    }
    flush();
  });
  const w = Math.ceil(pad * 2 + cols * cw);
  const h = top + rows * lh + pad;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="DejaVu Sans Mono, monospace" font-size="14" xml:space="preserve">
<rect width="100%" height="100%" rx="8" fill="${BG}"/>
<circle cx="18" cy="14" r="5" fill="#ff5f56"/><circle cx="34" cy="14" r="5" fill="#ffbd2e"/><circle cx="50" cy="14" r="5" fill="#27c93f"/>
<text x="${w / 2}" y="18" fill="#8b8f98" text-anchor="middle" font-size="12">${esc(title)}</text>
${out.join('\n')}
</svg>
`;
}

const [input, output, cols, rows, title] = process.argv.slice(2);
if (input && output) writeFileSync(output, ansiToSvg(readFileSync(input, 'utf8'), Number(cols ?? 120), Number(rows ?? 40), title ?? 'kexplore'));
