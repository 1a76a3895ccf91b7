// Loopback-only listeners and test certificates for the probe tests. Nothing here, and nothing
// the tests build, points at an address other than 127.0.0.1 or ::1.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node } from '../checks/build.js';

export type Raw = Record<string, unknown>;

export function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

export function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections();
  });
}

/** A port nothing listens on (bound, then released): connecting is refused. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  const p = await listen(s);
  await close(s);
  return p;
}

/** A Ready node whose only address is loopback, so its node ports are our test listeners. */
export function loopNode(name: string, ready = true, type = 'InternalIP', address = '127.0.0.1'): Raw {
  return { ...node(name, ready), status: { addresses: [{ type, address }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } };
}

export interface TestCert {
  cert: string;
  key: string;
}

const certDir = mkdtempSync(join(tmpdir(), 'kexplore-probe-'));
let certN = 0;

/** A self-signed certificate made by openssl now, valid from now for `days`. */
export function makeCert(cn: string, sans: string[], days = 30): TestCert {
  const n = certN++;
  const crt = join(certDir, `${n}.crt`);
  const key = join(certDir, `${n}.key`);
  const san = sans.length > 0 ? ['-addext', `subjectAltName=${sans.map((s) => `DNS:${s}`).join(',')}`] : [];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', String(days), '-subj', `/O=kexplore tests/CN=${cn}`, ...san, '-keyout', key, '-out', crt], { stdio: 'ignore' });
  return { cert: readFileSync(crt, 'utf8'), key: readFileSync(key, 'utf8') };
}

/**
 * A loopback port whose accept queue is full (listen backlog 0, filled, never accepted): Linux
 * drops further SYNs, so a connect neither succeeds nor is refused — it times out. Needs python3
 * (Node always accepts); undefined when it is not available.
 */
export async function blackholePort(): Promise<{ port: number; stop: () => void } | undefined> {
  const py = [
    'import socket,sys',
    's=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(0)',
    'p=s.getsockname()[1]; fill=[]',
    'for i in range(3):',
    '  c=socket.socket(); c.setblocking(False)',
    '  try: c.connect(("127.0.0.1",p))',
    '  except BlockingIOError: pass',
    '  fill.append(c)',
    'import time; time.sleep(0.3)',
    'print(p, flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  return new Promise((resolve) => {
    const child = spawn('python3', ['-c', py], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.once('error', () => resolve(undefined));
    child.stdout.once('data', (d: Buffer) => {
      const port = Number(d.toString().trim());
      resolve(Number.isInteger(port) && port > 0 ? { port, stop: () => child.kill() } : undefined);
    });
    child.once('exit', () => resolve(undefined));
  });
}
