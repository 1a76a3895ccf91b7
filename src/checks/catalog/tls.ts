// TLS checks (diagnostics.md §6) for Ingress TLS entries: the Secret each names, and the
// certificate inside it (validity at ctx.now, SANs vs hosts under X.509 wildcard rules, key
// match, chain). Findings sit on the Ingress and name the Secret (Appendix D.6).
import { ingressHostMatches, sanCovers } from '../../model/hostnames.js';
import { commonName, coverageText } from '../../model/x509.js';
import { INGRESS_NGINX, ingressController } from '../../model/controllers.js';
import { effectiveClass } from '../../model/ingress-class.js';
import type { ClusterSnapshot, Ingress, ObjectRef } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';
import { CERT_SKEW_MS, issuedByTrustedRoot, isTrustedRoot, parseTlsCrt, selfSigned, type ParsedCert } from './support/certs.js';
import { lookupSecret } from './support/secrets.js';

const DAY = 24 * 3600 * 1000;
/** ingress-nginx warns 240 h before expiry (controller.go). */
export const EXPIRY_WARNING_MS = 10 * DAY;

const secretRef = (ing: Ingress, name: string): ObjectRef => ({ kind: 'Secret', namespace: ing.metadata.namespace ?? '', name });
const isNginx = (s: ClusterSnapshot, ing: Ingress): boolean => ingressController(effectiveClass(s, ing)) === INGRESS_NGINX;
const certManaged = (ing: Ingress): boolean => Object.keys(ing.metadata.annotations ?? {}).some((k) => k.startsWith('cert-manager.io/'));

/** The certificate of a readable Secret, for SAN lookups; undefined when unknown. */
function certOf(s: ClusterSnapshot, ing: Ingress, name: string): ParsedCert | undefined {
  const l = lookupSecret(s, ing.metadata.namespace ?? '', name);
  if (l.state !== 'found') return undefined;
  const p = parseTlsCrt(l.secret.tlsCrt);
  return p.ok ? p.cert : undefined;
}

/** Entry-level checks: need only the Ingress (and say "unreadable" where Secrets are hidden). */
const entries: Check = {
  ids: ['tls.no-secret-name', 'tls.secret-unreadable', 'tls.rule-host-without-tls', 'tls.tls-host-unrouted'],
  needs: ['Ingress'],
  run(rc) {
    const out: Finding[] = [];
    for (const ing of rc.s.ingresses) entryChecks(rc, ing, out);
    return out;
  },
};

function entryChecks(rc: RunContext, ing: Ingress, out: Finding[]): void {
  const ns = ing.metadata.namespace ?? '';
  const tls = ing.spec.tls ?? [];
  tls.forEach((t, i) => {
    const field = `spec.tls[${i}].secretName`;
    if (!t.secretName) {
      out.push(finding('tls.no-secret-name', 'info', ing, `Hosts ${(t.hosts ?? []).join(', ') || '(all)'} of Ingress ${nn(ing)} use the controller's default certificate (spec.tls[${i}] has no secretName).`, "add secretName, or knowingly rely on the controller's default certificate (ingress-nginx --default-ssl-certificate)", { fields: [field], discriminator: String(i) }));
      return;
    }
    const l = lookupSecret(rc.s, ns, t.secretName);
    if (l.state === 'unreadable')
      out.push(finding('tls.secret-unreadable', 'info', ing, `kexplore may not read Secret ${ns}/${t.secretName} (${l.why}), so the certificate checks for Ingress ${nn(ing)} were skipped.`, `grant get on secrets/${t.secretName} in ${ns} (a Role with resourceNames suffices), or run kexplore check --probe to read the served certificate`, { fields: [field], discriminator: t.secretName, related: [secretRef(ing, t.secretName)] }));
  });
  if (tls.length === 0) return;
  const ruleHosts = (ing.spec.rules ?? []).map((r) => r.host ?? '');
  const listed = (h: string): boolean => tls.some((t) => (t.hosts ?? []).some((th) => th.toLowerCase() === h.toLowerCase() || ingressHostMatches(th, h)));
  const nginx = isNginx(rc.s, ing);
  for (const h of new Set(ruleHosts.filter((x) => x !== ''))) {
    if (listed(h)) continue;
    // ingress-nginx also picks a TLS secret of the same Ingress whose SAN covers the host
    if (nginx) {
      const named = tls.flatMap((t) => (t.secretName ? [t.secretName] : []));
      const certs = named.map((n) => certOf(rc.s, ing, n));
      if (certs.some((c) => c?.dnsSans.some((san) => sanCovers(san, h)))) continue;
      // a certificate we cannot read might cover it; a Secret known to be missing covers nothing
      if (named.some((n, k) => certs[k] === undefined && lookupSecret(rc.s, ing.metadata.namespace ?? '', n).state !== 'missing')) continue;
    }
    out.push(finding('tls.rule-host-without-tls', 'warning', ing, `${h} is routed by Ingress ${nn(ing)} but not listed under spec.tls; HTTPS for it gets the controller's default certificate.`, 'add the host to spec.tls[].hosts with a Secret whose SANs cover it', { fields: ['spec.tls'], discriminator: h, hosts: [h] }));
  }
  // a rule without host (or the default backend) answers every host
  if (ruleHosts.includes('') || ing.spec.defaultBackend) return;
  const routed = (h: string): boolean => ruleHosts.some((rh) => rh.toLowerCase() === h.toLowerCase() || ingressHostMatches(rh, h) || ingressHostMatches(h, rh));
  tls.forEach((t, i) => {
    for (const h of t.hosts ?? [])
      if (!routed(h))
        out.push(finding('tls.tls-host-unrouted', 'info', ing, `TLS host ${h} of Ingress ${nn(ing)} is routed by no rule${h.startsWith('*.') ? '' : ruleHosts.some((rh) => rh === `*.${h}`) ? ` (the wildcard *.${h} does not cover the apex)` : ''}.`, 'add a rule for the host, or drop it from spec.tls[].hosts', { fields: [`spec.tls[${i}].hosts`], discriminator: `unrouted|${h}`, hosts: [h] }));
  });
}

/** Secret- and certificate-level checks: need the Secrets (skipped, not guessed, without them). */
const secrets: Check = {
  ids: ['tls.secret-missing', 'tls.secret-wrong-type', 'tls.secret-missing-keys', 'tls.cert-invalid', 'tls.cert-expired', 'tls.cert-expiring', 'tls.cert-not-yet-valid', 'tls.host-not-covered', 'tls.chain-incomplete', 'tls.self-signed'],
  needs: ['Ingress', 'Secret'],
  run(rc) {
    const out: Finding[] = [];
    for (const ing of rc.s.ingresses) (ing.spec.tls ?? []).forEach((t, i) => t.secretName && secretChecks(rc, ing, i, t.secretName, t.hosts ?? [], out));
    return out;
  },
};

function secretChecks(rc: RunContext, ing: Ingress, i: number, name: string, hosts: string[], out: Finding[]): void {
  const ns = ing.metadata.namespace ?? '';
  const field = `spec.tls[${i}].secretName`;
  const base = { fields: [field], discriminator: name, related: [secretRef(ing, name)] };
  const l = lookupSecret(rc.s, ns, name);
  if (l.state === 'missing') {
    // cert-manager creates the Secret asynchronously: a Certificate not Ready yet (or, when
    // Certificates are not read, a young annotated Ingress) means "being issued"
    const cm = rc.s.certificates.find((c) => c.metadata.namespace === ns && c.spec.secretName === name);
    const ready = cm?.status?.conditions?.find((c) => c.type === 'Ready');
    // "being issued" only while it can still succeed: a Failed issuance, or one stuck past the
    // grace period, leaves the default certificate in place — an error
    const issuing = cm ? ready?.status !== 'True' && ready?.reason !== 'Failed' && !rc.pastGrace(cm) : certManaged(ing) && !rc.pastGrace(ing);
    const why = cm && issuing ? ` yet (cert-manager Certificate ${cm.metadata.name} is being issued${ready?.reason ? `: ${ready.reason}` : ''})` : cm && ready?.status !== 'True' ? ` (cert-manager Certificate ${cm.metadata.name} is not Ready${ready?.reason ? `: ${ready.reason}` : ''}${ready?.message ? ` — ${ready.message}` : ''})` : issuing ? ' yet (cert-manager is issuing it)' : '';
    const hint = cm || certManaged(ing) ? `check the Certificate: kubectl describe certificate -n ${ns} ${cm?.metadata.name ?? name}` : `create it: kubectl create secret tls ${name} -n ${ns} --cert=tls.crt --key=tls.key (Secrets in other namespaces cannot be used)`;
    out.push(finding('tls.secret-missing', issuing ? 'warning' : 'error', ing, `Ingress ${nn(ing)} uses TLS secret '${name}', which does not exist in ${ns}${why}; the controller serves its default (usually self-signed) certificate.`, hint, { ...base, related: [...base.related, ...(cm ? [cm] : [])] }));
    return;
  }
  if (l.state !== 'found') return;
  const sec = l.secret;
  if (!sec.hasTlsCrt || !sec.hasTlsKey) {
    const what = !sec.hasTlsCrt && !sec.hasTlsKey ? 'neither tls.crt nor tls.key' : !sec.hasTlsCrt ? 'no tls.crt' : 'no tls.key';
    out.push(finding('tls.secret-missing-keys', 'error', ing, `Secret '${name}' of Ingress ${nn(ing)} has ${what}${sec.hasCaCrt && !sec.hasTlsCrt ? ' (only ca.crt: this is a CA/client-auth secret)' : ''}; it cannot terminate TLS.`, `recreate it: kubectl create secret tls ${name} -n ${ns} --cert=… --key=…`, base));
    return;
  }
  if (sec.type !== undefined && sec.type !== 'kubernetes.io/tls')
    out.push(finding('tls.secret-wrong-type', 'warning', ing, `Secret '${name}' is type ${sec.type}; ingress-nginx only reads its keys, but other controllers and Gateway implementations require kubernetes.io/tls.`, `recreate it: kubectl create secret tls ${name} -n ${ns} --cert=… --key=…`, base));
  const parsed = parseTlsCrt(sec.tlsCrt);
  if (!parsed.ok || sec.keyMatchesCert === false) {
    out.push(finding('tls.cert-invalid', 'error', ing, parsed.ok ? `The certificate in '${name}' does not match its private key (tls.key).` : `tls.crt in '${name}' is not a usable certificate: ${parsed.why}.`, 'rebuild the Secret from the matching PEM certificate and key (leaf first, then intermediates)', base));
    return;
  }
  const c = parsed.cert;
  const now = Date.parse(rc.ctx.now);
  const label = hosts.join(', ') || c.dnsSans[0] || name;
  const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
  if (now > c.notAfter) out.push(finding('tls.cert-expired', 'error', ing, `The certificate for ${label} in '${name}' expired on ${day(c.notAfter)}.`, 'renew the certificate (if cert-manager manages it, check the Certificate status)', base));
  else if (c.notAfter - now < EXPIRY_WARNING_MS) out.push(finding('tls.cert-expiring', 'warning', ing, `The certificate for ${label} in '${name}' expires in ${Math.floor((c.notAfter - now) / DAY)} days (${day(c.notAfter)}).`, 'renew now and verify automatic renewal', base));
  if (now + CERT_SKEW_MS < c.notBefore) out.push(finding('tls.cert-not-yet-valid', 'error', ing, `The certificate in '${name}' is not valid before ${new Date(c.notBefore).toISOString()} (clock skew or premature rotation).`, 'check issuer and node clocks, or wait until NotBefore before rolling it out', base));
  // RFC 6125: only DNS SANs count; a CN-only certificate covers nothing for browsers and Go clients
  const uncovered = hosts.filter((h) => !c.dnsSans.some((san) => sanCovers(san, h)));
  if (uncovered.length > 0) {
    const covers = coverageText(c.dnsSans, c.cn);
    out.push(finding('tls.host-not-covered', 'error', ing, `Certificate '${name}' ${covers} but Ingress ${nn(ing)} serves ${uncovered.join(', ')} with it; browsers will reject it.`, 'reissue the certificate with SANs for these hosts (a wildcard covers one label only), or split the hosts into separate TLS entries', { ...base, fields: [`spec.tls[${i}].hosts`], discriminator: `${name}|${i}`, hosts: uncovered }));
  }
  chainChecks(ing, name, c, base, out);
}

function chainChecks(ing: Ingress, name: string, c: ParsedCert, base: { fields: string[]; discriminator: string; related: ObjectRef[] }, out: Finding[]): void {
  if (selfSigned(c.leaf)) {
    out.push(finding('tls.self-signed', 'info', ing, `'${name}' holds a self-signed certificate; clients must trust it explicitly.`, 'use a certificate from a trusted CA for public hosts', base));
    return;
  }
  const top = c.chain[c.chain.length - 1];
  if (!top) {
    if (!issuedByTrustedRoot(c.leaf))
      out.push(finding('tls.chain-incomplete', 'warning', ing, `'${name}' contains only the leaf certificate (issued by ${commonName(c.leaf.issuer) ?? 'a CA'}); clients without the intermediate will fail.`, 'append the intermediate certificates to tls.crt (leaf first, then intermediates)', base));
    return;
  }
  if (selfSigned(top) && !isTrustedRoot(top))
    out.push(finding('tls.self-signed', 'info', ing, `'${name}' is signed by a private CA (${commonName(top.subject) ?? 'unknown'}); clients must trust that CA explicitly.`, 'use a certificate from a publicly trusted CA for public hosts', base));
}

export const tlsChecks: Check[] = [entries, secrets];
