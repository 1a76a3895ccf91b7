#!/usr/bin/env node
// Launcher: kexplore needs Node >= 22 (Ink 8, client-node 2). On an older node it re-runs
// itself with the Node 24 binary shipped by the `node` npm dependency.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
// React's development build is several times slower; tests set their own NODE_ENV.
process.env.NODE_ENV ??= 'production';
if (major >= 22) {
  try {
    await import('../dist/src/cli/main.js');
  } catch (err) {
    // A broken or missing build: one line, the stack only with --debug.
    process.stderr.write(`kexplore: cannot start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} (run npm run build; --debug for details)\n`);
    if (process.argv.includes('--debug') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(2);
  }
} else {
  const here = dirname(fileURLToPath(import.meta.url));
  let nodeBin;
  try {
    nodeBin = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
  } catch {
    nodeBin = join(here, '..', 'node_modules', 'node', 'bin', 'node');
  }
  if (!existsSync(nodeBin)) {
    process.stderr.write(`kexplore: needs Node.js >= 22 (this is ${process.versions.node}); install it, or reinstall kexplore so its bundled Node 24 is fetched\n`);
    process.exit(2);
  }
  const child = spawn(nodeBin, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
}
