// TLS checks (diagnostics.md §6) on certificates made with openssl at test time. Every
// evaluation time is derived from the certificate, never from the clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certTime, deployment, ids, ingress, ingressClass, makeCert, makeChain, nginxInstall, node, ofKind, RECENT, rule, run, service, snap, tlsSecret, withSlices, type Pem, type Raw } from './fixtures/build.js';

const DAY = 86_400_000;
const app = (): Raw[] => {
  const d = deployment('shop', 'web', { app: 'web' });
  return [node('node-a'), ...d, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(d, 'Pod'))];
};
const base = (): Raw[] => [...app(), ...nginxInstall()];
const tlsIng = (hosts: string[], secretName: string | undefined, o: { cls?: string; ruleHosts?: string[]; annotations?: Record<string, string>; created?: string } = {}): Raw =>
  ingress('shop', 'web', { ingressClassName: o.cls ?? 'nginx', tls: [{ hosts, ...(secretName ? { secretName } : {}) }], rules: (o.ruleHosts ?? hosts).map((h) => rule(h, [['/', 'web', 80]])) }, { address: '203.0.113.10', ...(o.annotations ? { annotations: o.annotations } : {}), ...(o.created ? { created: o.created } : {}) });
const secret = (name: string, p: Pem, chain: Pem[] = []): Raw => tlsSecret('shop', name, [p.crt, ...chain.map((c) => c.crt)].join(''), p.key);
/** Run at a time inside the certificate's validity, so only the finding under test can fire. */
const at = (objs: Raw[], p: Pem, offset = DAY): ReturnType<typeof run> => run(snap(objs), certTime(p.crt, 'validFrom', offset));

const shop = makeChain(['shop.example.com', 'www.example.com']);
const wild = makeCert('*.example.com', ['DNS:*.example.com']);

describe('tls.host-not-covered (RFC 6125 via sanCovers)', () => {
  it('fires when the SANs do not cover a TLS host, on the hosts field of the Ingress', () => {
    const objs = [...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com', 'api.example.com'], 'shop-tls')];
    const [f] = ids(at(objs, shop.leaf), 'tls.host-not-covered');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Ingress', namespace: 'shop', name: 'web' });
    assert.deepEqual(f?.fields, ['spec.tls[0].hosts']);
    assert.deepEqual(f?.related, [{ kind: 'Secret', namespace: 'shop', name: 'shop-tls' }]);
    assert.match(f?.message ?? '', /covers \[shop\.example\.com, www\.example\.com\] but Ingress shop\/web serves api\.example\.com/);
    assert.deepEqual(f?.hosts, ['api.example.com'], 'the finding names the hosts it concerns');
    // the path of each host judges its own certificate: the covered host stays ok
    const r = at(objs, shop.leaf);
    const tlsHop = (host: string): { verdict: string; field?: string } | undefined => r.paths.find((p) => p.entry === `https://${host}/`)?.hops.find((h) => h.label === 'TLS secret shop-tls');
    assert.equal(tlsHop('shop.example.com')?.verdict, 'ok');
    assert.equal(tlsHop('api.example.com')?.verdict, 'broken');
    assert.equal(tlsHop('api.example.com')?.field, 'spec.tls[0].hosts');
  });
  it('a wildcard SAN covers exactly one label: not the apex, not two labels', () => {
    const objs = (h: string): Raw[] => [...base(), secret('wild-tls', wild), tlsIng([h], 'wild-tls')];
    assert.equal(ids(at(objs('shop.example.com'), wild), 'tls.host-not-covered').length, 0);
    assert.equal(ids(at(objs('a.shop.example.com'), wild), 'tls.host-not-covered').length, 1);
    assert.equal(ids(at(objs('example.com'), wild), 'tls.host-not-covered').length, 1);
  });
  it('an Ingress wildcard host needs the wildcard SAN itself', () => {
    const objs = (p: Pem): Raw[] => [...base(), secret('t', p), tlsIng(['*.example.com'], 't')];
    assert.equal(ids(at(objs(wild), wild), 'tls.host-not-covered').length, 0);
    assert.equal(ids(at(objs(shop.leaf), shop.leaf), 'tls.host-not-covered').length, 1);
  });
  it('differs from ingress-nginx: a CN-only certificate covers nothing (browsers and Go ignore CN)', () => {
    const cnOnly = makeCert('shop.example.com', []);
    const [f] = ids(at([...base(), secret('cn-tls', cnOnly), tlsIng(['shop.example.com'], 'cn-tls')], cnOnly), 'tls.host-not-covered');
    assert.match(f?.message ?? '', /no DNS SAN \(CN=shop\.example\.com only/);
  });
  it('the CN is ignored when SANs are present', () => {
    const p = makeCert('shop.example.com', ['DNS:www.example.com']);
    assert.equal(ids(at([...base(), secret('t', p), tlsIng(['shop.example.com'], 't')], p), 'tls.host-not-covered').length, 1);
  });
  it('matching is case-insensitive and ignores a trailing dot', () => {
    assert.equal(ids(at([...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['Shop.Example.com'], 'shop-tls')], shop.leaf), 'tls.host-not-covered').length, 0);
  });
});

describe('Secret presence and readability', () => {
  it('tls.secret-missing: error on the Ingress, naming the Secret and its namespace', () => {
    const [f] = ids(run(snap([...base(), tlsIng(['shop.example.com'], 'gone-tls')])), 'tls.secret-missing');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.tls[0].secretName']);
    assert.deepEqual(f?.related, [{ kind: 'Secret', namespace: 'shop', name: 'gone-tls' }]);
  });
  it('cert-manager is still issuing for a young Ingress: warning, pointing at the Certificate', () => {
    const r = run(snap([...base(), tlsIng(['shop.example.com'], 'shop-tls', { annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' }, created: RECENT })]));
    const [f] = ids(r, 'tls.secret-missing');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.hint ?? '', /kubectl describe certificate -n shop shop-tls/);
  });
  it('a cert-manager Certificate not Ready yet: being issued (warning), related to the Certificate', () => {
    const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop', namespace: 'shop', creationTimestamp: RECENT }, spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'] }, status: { conditions: [{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' }] } };
    const [f] = ids(run(snap([...base(), cert, tlsIng(['shop.example.com'], 'shop-tls')])), 'tls.secret-missing');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Certificate shop is being issued: DoesNotExist/);
    assert.deepEqual(f?.related?.map((x) => x.kind), ['Secret', 'Certificate']);
  });
  it('differs from k8sgpt: a forbidden Secret is unreadable (info), never missing', () => {
    const r = run(snap([...base(), tlsIng(['shop.example.com'], 'shop-tls')], { Secret: { state: 'forbidden', message: 'forbidden: shop/shop-tls' } }));
    assert.equal(ids(r, 'tls.secret-missing').length, 0);
    const [f] = ids(r, 'tls.secret-unreadable');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /shop\/shop-tls \(forbidden by RBAC\)/);
    assert.ok(r.skipped.some((x) => x.id === 'tls.host-not-covered'), 'certificate checks are listed as skipped');
    const hop = r.paths.find((p) => p.entry === 'https://shop.example.com/')?.hops.find((h) => h.label === 'TLS secret shop-tls');
    assert.equal(hop?.verdict, 'unknown', 'an unreadable Secret leaves its TLS hop unknown, not ok');
  });
  it('partial Secret access: the forbidden one is unreadable, a 404 in the same namespace is still missing', () => {
    const two = ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'locked' }, { hosts: ['b.example.com'], secretName: 'gone' }], rules: [rule('a.example.com', [['/', 'web', 80]]), rule('b.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.10' });
    const r = run(snap([...base(), two], { Secret: { state: 'partial', namespaces: [], message: 'forbidden: shop/locked' } }));
    assert.deepEqual(ids(r, 'tls.secret-unreadable').map((f) => f.related?.[0]?.name), ['locked']);
    assert.deepEqual(ids(r, 'tls.secret-missing').map((f) => f.related?.[0]?.name), ['gone']);
  });
  it('Secrets absent from the input (a dump without them): nothing is missing, certificate checks are skipped', () => {
    const r = run(snap([...base(), tlsIng(['shop.example.com'], 'shop-tls')], { Secret: { state: 'absent' } }));
    assert.equal(ids(r, 'tls.secret-missing').length + ids(r, 'tls.secret-unreadable').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'tls.secret-missing' && /not in the input/.test(x.reason)));
  });
  it('tls.no-secret-name: info, the controller default certificate', () => {
    const [f] = ids(run(snap([...base(), tlsIng(['shop.example.com'], undefined)])), 'tls.no-secret-name');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, ['spec.tls[0].secretName']);
  });
});

describe('Secret contents', () => {
  it('tls.secret-wrong-type: an Opaque Secret with the keys is a warning', () => {
    const r = at([...base(), tlsSecret('shop', 'opaque', shop.leaf.crt + shop.intermediate.crt, shop.leaf.key, { type: 'Opaque' }), tlsIng(['shop.example.com'], 'opaque')], shop.leaf);
    assert.equal(ids(r, 'tls.secret-wrong-type')[0]?.severity, 'warning');
    assert.equal(ids(r, 'tls.cert-invalid').length, 0);
  });
  it('tls.secret-missing-keys: no tls.key; a CA-only secret is named as such', () => {
    const noKey = run(snap([...base(), tlsSecret('shop', 'half', shop.leaf.crt, undefined), tlsIng(['shop.example.com'], 'half')]));
    assert.match(ids(noKey, 'tls.secret-missing-keys')[0]?.message ?? '', /has no tls\.key/);
    const ca = run(snap([...base(), tlsSecret('shop', 'ca', undefined, undefined, { type: 'Opaque', ca: shop.root.crt }), tlsIng(['shop.example.com'], 'ca')]));
    assert.match(ids(ca, 'tls.secret-missing-keys')[0]?.message ?? '', /CA\/client-auth secret/);
  });
  it('tls.cert-invalid: a key from another certificate, or no PEM at all', () => {
    const other = makeCert('other', ['DNS:shop.example.com']);
    const mixed = tlsSecret('shop', 'mixed', shop.leaf.crt, other.key);
    const [f] = ids(at([...base(), mixed, tlsIng(['shop.example.com'], 'mixed')], shop.leaf), 'tls.cert-invalid');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /does not match its private key/);
    const junk = tlsSecret('shop', 'junk', 'not a certificate', other.key);
    assert.match(ids(run(snap([...base(), junk, tlsIng(['shop.example.com'], 'junk')])), 'tls.cert-invalid')[0]?.message ?? '', /no PEM block/);
  });
});

describe('validity at the evaluation time', () => {
  const objs = (): Raw[] => [...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com'], 'shop-tls')];
  const when = (from: 'validFrom' | 'validTo', ms: number): ReturnType<typeof run> => run(snap(objs()), certTime(shop.leaf.crt, from, ms));
  it('tls.cert-expired after notAfter', () => {
    const [f] = ids(when('validTo', DAY), 'tls.cert-expired');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /shop\.example\.com in 'shop-tls' expired on \d{4}-\d\d-\d\d/);
  });
  it('tls.cert-expiring within 10 days (ingress-nginx: 240 h), not at 20 days', () => {
    assert.equal(ids(when('validTo', -5 * DAY), 'tls.cert-expiring')[0]?.severity, 'warning');
    assert.equal(ids(when('validTo', -20 * DAY), 'tls.cert-expiring').length, 0);
    assert.equal(ids(when('validTo', -5 * DAY), 'tls.cert-expired').length, 0);
  });
  it('tls.cert-not-yet-valid beyond 5 minutes of clock skew', () => {
    assert.equal(ids(when('validFrom', -DAY), 'tls.cert-not-yet-valid')[0]?.severity, 'error');
    assert.equal(ids(when('validFrom', -2 * 60_000), 'tls.cert-not-yet-valid').length, 0);
  });
});

describe('chain', () => {
  it('tls.chain-incomplete: only the leaf of a CA-issued certificate', () => {
    const [f] = ids(at([...base(), secret('leaf-only', shop.leaf), tlsIng(['shop.example.com'], 'leaf-only')], shop.leaf), 'tls.chain-incomplete');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /issued by Test Intermediate CA/);
  });
  it('leaf plus intermediate is complete; a bundled private root is tls.self-signed (info)', () => {
    const full = at([...base(), secret('full', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com'], 'full')], shop.leaf);
    assert.equal(ids(full, 'tls.chain-incomplete').length + ids(full, 'tls.self-signed').length, 0);
    const withRoot = at([...base(), secret('root', shop.leaf, [shop.intermediate, shop.root]), tlsIng(['shop.example.com'], 'root')], shop.leaf);
    assert.match(ids(withRoot, 'tls.self-signed')[0]?.message ?? '', /private CA \(Test Root CA\)/);
  });
  it('tls.self-signed for a self-signed leaf, never chain-incomplete', () => {
    const r = at([...base(), secret('wild-tls', wild), tlsIng(['shop.example.com'], 'wild-tls')], wild);
    assert.equal(ids(r, 'tls.self-signed')[0]?.severity, 'info');
    assert.equal(ids(r, 'tls.chain-incomplete').length, 0);
  });
});

describe('hosts of rules vs TLS entries', () => {
  it('tls.rule-host-without-tls: a routed host not under spec.tls (Traefik)', () => {
    const objs = [...app(), ingressClass('traefik', 'traefik.io/ingress-controller'), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com'], 'shop-tls', { cls: 'traefik', ruleHosts: ['shop.example.com', 'www.example.com'] })];
    const [f] = ids(at(objs, shop.leaf), 'tls.rule-host-without-tls');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /^www\.example\.com is routed/);
  });
  it('ingress-nginx picks a secret of the same Ingress whose SAN covers the host: no finding', () => {
    const objs = [...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com'], 'shop-tls', { ruleHosts: ['shop.example.com', 'www.example.com'] })];
    assert.equal(ids(at(objs, shop.leaf), 'tls.rule-host-without-tls').length, 0);
    const uncovered = [...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com'], 'shop-tls', { ruleHosts: ['shop.example.com', 'api.example.com'] })];
    assert.equal(ids(at(uncovered, shop.leaf), 'tls.rule-host-without-tls').length, 1);
  });
  it('a TLS wildcard host lists the rule hosts it matches', () => {
    const objs = [...base(), secret('wild-tls', wild), tlsIng(['*.example.com'], 'wild-tls', { ruleHosts: ['shop.example.com'] })];
    assert.equal(ids(at(objs, wild), 'tls.rule-host-without-tls').length, 0);
  });
  it('tls.tls-host-unrouted: the apex under a wildcard rule, not a host the wildcard rule matches', () => {
    const apex = [...base(), secret('wild-tls', wild), tlsIng(['example.com'], 'wild-tls', { ruleHosts: ['*.example.com'] })];
    const [f] = ids(at(apex, wild), 'tls.tls-host-unrouted');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /wildcard \*\.example\.com does not cover the apex/);
    const one = [...base(), secret('wild-tls', wild), tlsIng(['shop.example.com'], 'wild-tls', { ruleHosts: ['*.example.com'] })];
    assert.equal(ids(at(one, wild), 'tls.tls-host-unrouted').length, 0);
  });
  it('an Ingress with a host-less rule routes every TLS host', () => {
    const catchAll = ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [rule(undefined, [['/', 'web', 80]])] }, { address: '203.0.113.10' });
    assert.equal(ids(at([...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), catchAll], shop.leaf), 'tls.tls-host-unrouted').length, 0);
  });
});

describe('a correct TLS setup', () => {
  it('raises no TLS finding at all', () => {
    const r = at([...base(), secret('shop-tls', shop.leaf, [shop.intermediate]), tlsIng(['shop.example.com', 'www.example.com'], 'shop-tls')], shop.leaf);
    assert.deepEqual(r.findings.filter((f) => f.id.startsWith('tls.')).map((f) => f.id), []);
  });
});
