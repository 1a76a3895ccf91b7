import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseWith } from '../../src/ui/analysis.js';
import { detailRows } from '../../src/ui/rows/detail.js';
import type { ViewRow } from '../../src/ui/types.js';
import { routeAnalyse, routeObjects } from './route-fixtures.js';
import { snapshotOf } from './fixtures.js';
import type { Secret } from '../../src/model/types.js';

const text = (r: ViewRow): string => (r.kind === 'text' ? r.segments.map((s) => s.text).join('') : '');

// A self-signed certificate for www.example.com valid from 2026-11-25, after the fixture's snapshot
// time (2026-05-01): public material only, as the snapshot keeps it.
const CERT = `-----BEGIN CERTIFICATE-----
MIIBpTCCAUugAwIBAgIUFGvQByt0oJxbl/t2z+awwbmam6wwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPd3d3LmV4YW1wbGUuY29tMB4XDTI2MTEyNTA5NTcwNloXDTM2
MTEyMjA5NTcwNlowGjEYMBYGA1UEAwwPd3d3LmV4YW1wbGUuY29tMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAE/GTS1m72NI0DRBvZ/tq5D5CyQyB8l5I+QafCnl2W
VYplw1oFwSw80e1DhR4FoyhJemUEXehD1D0FST+wazfr0aNvMG0wHQYDVR0OBBYE
FJawG2QyH+nDdvVRgNzCOIsMdItzMB8GA1UdIwQYMBaAFJawG2QyH+nDdvVRgNzC
OIsMdItzMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIPd3d3LmV4YW1wbGUu
Y29tMAoGCCqGSM49BAMCA0gAMEUCIQCPwpELArrWWw/yMr8QeJWc2dUtyPjJ/ZDe
CQGNU+HL/QIgNKxiowzUotzVPaI3U0k1f3V8V6pWCHov1bLac7vpOiQ=
-----END CERTIFICATE-----`;

test('detail of a Secret: type, which keys are present (never their content), the certificate, who uses it, findings naming it', () => {
  const objects = routeObjects().map((o) => (o.kind === 'Secret' ? ({ ...o, tlsCrt: CERT, keyMatchesCert: true } as Secret) : o));
  const a = analyseWith(routeAnalyse, snapshotOf(objects), 0);
  const lines = detailRows(a, 'Secret/shop/www-tls', 'overview').map(text);
  const all = lines.join('\n');
  assert.match(all, /Secret shop\/www-tls +kubernetes\.io\/tls/);
  assert.match(all, /tls\.crt present +tls\.key present/);
  assert.match(all, /key matches the certificate ✓ yes/);
  assert.match(all, /Certificate \(tls\.crt\)/);
  assert.match(all, /subject CN=www\.example\.com/);
  assert.match(all, /SANs www\.example\.com/);
  assert.match(all, /valid 2026-11-25 → 2036-11-22 +✗ not yet valid/, 'validity is judged at the snapshot time');
  assert.match(all, /Used by \(1\)/);
  assert.match(all, /Ingress shop\/www +hosts shop\.example\.com/);
  assert.match(all, /Related findings \(1\)/);
  assert.match(all, /✗ tls\.host-not-covered +Ingress shop\/www/);
  assert.ok(!all.includes('BEGIN'), 'no PEM in the detail');
});
