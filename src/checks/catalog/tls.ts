// TLS checks (diagnostics.md §6): the Secrets Ingress TLS entries reference, and the
// certificate inside them (validity, SANs vs hosts with X.509 wildcard rules, key match).
import { X509Certificate } from 'node:crypto';
import { ingressHostMatches, sanCovers } from '../../model/hostnames.js';
import { indexes, nsName } from '../../model/index.js';
import { isVisible } from '../../model/snapshot.js';
import type { Ingress, Secret } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';

const DAY = 24 * 3600 * 1000;

interface ParsedCert {
  leaf: X509Certificate;
  chainLength: number;
  sans: string[];
}

function parse(sec: Secret): ParsedCert | undefined {
  const blocks = (sec.tlsCrt ?? '').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const first = blocks[0];
  if (!first) return undefined;
  try {
    const leaf = new X509Certificate(first);
    const sans = (leaf.subjectAltName ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.startsWith('DNS:'))
      .map((x) => x.slice(4));
    return { leaf, chainLength: blocks.length, sans };
  } catch {
    return undefined;
  }
}

/** Was this Secret lookup forbidden (RBAC), as opposed to missing? */
function unreadable(rc: RunContext, ns: string, name: string): boolean {
  const v = rc.s.visibility.Secret;
  if (v.state === 'forbidden') return true;
  if (v.state === 'partial') return !(v.namespaces ?? []).includes(ns) || (v.message ?? '').includes(`${ns}/${name}`);
  return false;
}

function ingressTls(rc: RunContext, ing: Ingress, out: Finding[]): void {
  const ns = ing.metadata.namespace ?? '';
  const ix = indexes(rc.s);
  const now = Date.parse(rc.ctx.now);
  const ruleHosts = (ing.spec.rules ?? []).map((r) => r.host).filter((h): h is string => !!h);
  const tls = ing.spec.tls ?? [];
  for (const [i, t] of tls.entries()) {
    const field = `spec.tls[${i}].secretName`;
    if (!t.secretName) {
      out.push(finding('tls.no-secret-name', 'info', ing, `Hosts ${(t.hosts ?? []).join(', ') || '(all)'} of Ingress ${nn(ing)} use the controller's default certificate (no secretName).`, 'add secretName, or knowingly rely on the default certificate', { fields: [field], discriminator: String(i) }));
      continue;
    }
    const disc = t.secretName;
    const related = [{ kind: 'Secret', namespace: ns, name: t.secretName }];
    if (rc.s.visibility.Secret.state === 'absent' || rc.s.visibility.Secret.state === 'not-installed') continue;
    if (unreadable(rc, ns, t.secretName)) {
      out.push(finding('tls.secret-unreadable', 'info', ing, `kexplore may not read Secret '${t.secretName}' (RBAC), so certificate checks for Ingress ${nn(ing)} were skipped.`, 'grant get on that secret, or run kexplore check --probe to read the served certificate', { fields: [field], discriminator: disc, related }));
      continue;
    }
    const sec = ix.secretByName.get(nsName(ns, t.secretName));
    if (!sec) {
      if (!isVisible(rc.s, 'Secret', ns)) continue;
      const cm = Object.keys(ing.metadata.annotations ?? {}).some((k) => k.startsWith('cert-manager.io/'));
      out.push(finding('tls.secret-missing', cm ? 'warning' : 'error', ing, `Ingress ${nn(ing)} uses TLS secret '${t.secretName}', which does not exist${cm ? ' yet (cert-manager is asked to issue it)' : ''}; the controller serves its default (usually self-signed) certificate.`, cm ? `check the Certificate: kubectl get certificate -n ${ns}` : `create the kubernetes.io/tls Secret (kubectl create secret tls ${t.secretName} -n ${ns} --cert=… --key=…)`, { fields: [field], discriminator: disc, related }));
      continue;
    }
    if (!sec.hasTlsCrt || !sec.hasTlsKey) {
      out.push(finding('tls.secret-missing-keys', 'error', ing, `Secret '${t.secretName}' of Ingress ${nn(ing)} has no ${!sec.hasTlsCrt ? 'tls.crt' : 'tls.key'}${sec.hasCaCrt && !sec.hasTlsCrt ? ' (it is a CA/client-auth secret)' : ''}; it cannot terminate TLS.`, `recreate it with kubectl create secret tls ${t.secretName} --cert=… --key=…`, { fields: [field], discriminator: disc, related }));
      continue;
    }
    if (sec.type !== undefined && sec.type !== 'kubernetes.io/tls')
      out.push(finding('tls.secret-wrong-type', 'warning', ing, `Secret '${t.secretName}' is type ${sec.type}; some controllers and Gateway implementations only accept kubernetes.io/tls.`, `recreate it with kubectl create secret tls ${t.secretName} --cert=… --key=…`, { fields: [field], discriminator: disc, related }));
    const cert = parse(sec);
    if (!cert || sec.keyMatchesCert === false) {
      out.push(finding('tls.cert-invalid', 'error', ing, cert ? `The certificate in '${t.secretName}' does not match its private key.` : `tls.crt in '${t.secretName}' holds no parsable PEM certificate.`, 'rebuild the Secret from the matching PEM certificate and key (leaf first)', { fields: [field], discriminator: disc, related }));
      continue;
    }
    const notAfter = Date.parse(cert.leaf.validTo);
    const notBefore = Date.parse(cert.leaf.validFrom);
    const hostsLabel = (t.hosts ?? []).join(', ') || t.secretName;
    if (now > notAfter)
      out.push(finding('tls.cert-expired', 'error', ing, `The certificate for ${hostsLabel} in '${t.secretName}' expired on ${new Date(notAfter).toISOString().slice(0, 10)}.`, 'renew the certificate (if cert-manager manages it, check the Certificate status)', { fields: [field], discriminator: disc, related }));
    else if (notAfter - now < 10 * DAY)
      out.push(finding('tls.cert-expiring', 'warning', ing, `The certificate for ${hostsLabel} in '${t.secretName}' expires in ${Math.max(0, Math.floor((notAfter - now) / DAY))} days.`, 'renew now and verify automatic renewal', { fields: [field], discriminator: disc, related }));
    if (now + 5 * 60_000 < notBefore)
      out.push(finding('tls.cert-not-yet-valid', 'error', ing, `The certificate in '${t.secretName}' is not valid before ${new Date(notBefore).toISOString()}.`, 'check issuer and node clocks, or wait until NotBefore before rolling it out', { fields: [field], discriminator: disc, related }));
    // CN is ignored: browsers and Go clients use SANs only.
    const uncovered = (t.hosts ?? []).filter((h) => !cert.sans.some((san) => sanCovers(san, h)));
    if (uncovered.length > 0)
      out.push(finding('tls.host-not-covered', 'error', ing, `Certificate '${t.secretName}' covers [${cert.sans.join(', ') || 'no DNS SAN'}] but Ingress ${nn(ing)} serves ${uncovered.join(', ')} with it; browsers will reject it.`, 'reissue the certificate with the right SANs, or split the hosts into separate TLS entries', { fields: [`spec.tls[${i}].hosts`], discriminator: disc, related }));
    if (cert.chainLength === 1 && cert.leaf.issuer !== cert.leaf.subject)
      out.push(finding('tls.chain-incomplete', 'warning', ing, `'${t.secretName}' contains only the leaf certificate (issued by ${cert.leaf.issuer.split('\n').find((l) => l.startsWith('CN=')) ?? 'a CA'}); clients without the intermediate will fail.`, 'append the intermediate certificates to tls.crt (leaf first)', { fields: [field], discriminator: disc, related }));
    else if (cert.leaf.issuer === cert.leaf.subject)
      out.push(finding('tls.self-signed', 'info', ing, `'${t.secretName}' holds a self-signed certificate; clients must trust it explicitly.`, 'use a certificate from a trusted CA for public hosts', { fields: [field], discriminator: disc, related }));
  }
  if (tls.length > 0)
    for (const h of ruleHosts)
      if (!tls.some((t) => (t.hosts ?? []).some((th) => th === h || ingressHostMatches(th, h))))
        out.push(finding('tls.rule-host-without-tls', 'warning', ing, `${h} is routed by Ingress ${nn(ing)} but not listed under spec.tls; HTTPS for it gets the default certificate.`, 'add the host to spec.tls[].hosts with a Secret whose SANs cover it', { fields: ['spec.tls'], discriminator: h }));
  for (const t of tls)
    for (const h of t.hosts ?? [])
      if (!ruleHosts.some((rh) => rh === h || ingressHostMatches(h, rh)))
        out.push(finding('tls.tls-host-unrouted', 'info', ing, `TLS host ${h} is not routed by any rule of Ingress ${nn(ing)}.`, 'add a rule for the host, or drop it from spec.tls[].hosts', { fields: ['spec.tls'], discriminator: `unrouted|${h}` }));
}

const ingressTlsCheck: Check = {
  ids: ['tls.secret-missing', 'tls.secret-unreadable', 'tls.no-secret-name', 'tls.secret-wrong-type', 'tls.secret-missing-keys', 'tls.cert-invalid', 'tls.cert-expired', 'tls.cert-expiring', 'tls.cert-not-yet-valid', 'tls.host-not-covered', 'tls.rule-host-without-tls', 'tls.tls-host-unrouted', 'tls.chain-incomplete', 'tls.self-signed'],
  needs: ['Ingress'],
  run(rc) {
    const out: Finding[] = [];
    for (const ing of rc.s.ingresses) ingressTls(rc, ing, out);
    return out;
  },
};

export const tlsChecks: Check[] = [ingressTlsCheck];
