// Entry-point checks that combine several kinds: Gateway listener certificates (§9),
// controller-specific backend Service types (§4) and host-port conflicts (§10b).
import { X509Certificate } from 'node:crypto';
import { sanCovers } from '../../model/hostnames.js';
import { dnsSans } from '../../model/x509.js';
import { flagValue, INGRESS_NGINX, isGkeClassName } from '../../model/controllers.js';
import { indexes, nsName } from '../../model/index.js';
import { LEGACY_CLASS_ANNOTATION } from '../../model/ingress-class.js';
import { isVisible } from '../../model/snapshot.js';
import type { Pod } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { CERT_SKEW_MS } from './support/certs.js';

const GROUP = 'gateway.networking.k8s.io';

const listenerCerts: Check = {
  ids: ['gw.listener-cert-invalid'],
  needs: ['Gateway', 'Secret'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const ix = indexes(s);
    const now = Date.parse(rc.ctx.now);
    for (const gw of s.gateways) {
      const gns = gw.metadata.namespace ?? '';
      for (const [li, l] of gw.spec.listeners.entries()) {
        for (const [ci, ref] of (l.tls?.certificateRefs ?? []).entries()) {
          if ((ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '') continue;
          const ns = ref.namespace ?? gns;
          const field = `spec.listeners[${li}].tls.certificateRefs[${ci}]`;
          const disc = `${l.name}|${ns}/${ref.name}`;
          if (ns !== gns && s.visibility.ReferenceGrant.state === 'visible') {
            const granted = s.referenceGrants.some((g) => g.metadata.namespace === ns && g.spec.from.some((f) => f.group === GROUP && f.kind === 'Gateway' && f.namespace === gns) && g.spec.to.some((t) => (t.group ?? '') === '' && t.kind === 'Secret' && (t.name === undefined || t.name === ref.name)));
            if (!granted) {
              out.push(finding('gw.listener-cert-invalid', 'error', gw, `Listener '${l.name}' of Gateway ${nn(gw)} references Secret ${ns}/${ref.name} in another namespace without a ReferenceGrant.`, `create the Secret in ${gns}, or add a ReferenceGrant in ${ns} from Gateway in ${gns} to Secret`, { fields: [field], discriminator: disc }));
              continue;
            }
          }
          if (!isVisible(s, 'Secret', ns)) continue;
          const sec = ix.secretByName.get(nsName(ns, ref.name));
          if (!sec) {
            out.push(finding('gw.listener-cert-invalid', 'error', gw, `Listener '${l.name}' of Gateway ${nn(gw)} uses Secret ${ns}/${ref.name}, which does not exist.`, 'create the kubernetes.io/tls Secret or fix certificateRefs', { fields: [field], discriminator: disc }));
            continue;
          }
          const pem = (sec.tlsCrt ?? '').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)?.[0];
          let cert: X509Certificate | undefined;
          try {
            cert = pem ? new X509Certificate(pem) : undefined;
          } catch {
            cert = undefined;
          }
          if (!cert || sec.keyMatchesCert === false || !sec.hasTlsKey) {
            out.push(finding('gw.listener-cert-invalid', 'error', gw, `Secret ${ns}/${ref.name} of listener '${l.name}' holds no usable certificate and key.`, 'rebuild the Secret with kubectl create secret tls', { fields: [field], discriminator: disc }));
            continue;
          }
          // as tls.cert-not-yet-valid: clients reject it too
          if (now + CERT_SKEW_MS < Date.parse(cert.validFrom))
            out.push(finding('gw.listener-cert-invalid', 'error', gw, `The certificate in ${ns}/${ref.name} for listener '${l.name}' is not valid before ${new Date(cert.validFrom).toISOString()} (clock skew or premature rotation).`, 'check issuer and node clocks, or wait until NotBefore before rolling it out', { fields: [field], discriminator: `${disc}|not-yet-valid` }));
          if (now > Date.parse(cert.validTo))
            out.push(finding('gw.listener-cert-invalid', 'error', gw, `The certificate in ${ns}/${ref.name} for listener '${l.name}' expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}.`, 'renew the certificate', { fields: [field], discriminator: `${disc}|expired` }));
          const sans = dnsSans(cert);
          // X.509 semantics (RFC 6125): a wildcard SAN covers one label, so a wildcard listener
          // (*.a.example.com) needs that same wildcard SAN — *.example.com does not cover x.a.example.com
          if (l.hostname && !sans.some((san) => sanCovers(san, l.hostname ?? '')))
            out.push(finding('gw.listener-cert-invalid', 'error', gw, `Certificate ${ns}/${ref.name} covers [${sans.join(', ')}] but listener '${l.name}' serves ${l.hostname}.`, 'reissue the certificate with the right SANs', { fields: [`spec.listeners[${li}].hostname`], discriminator: `${disc}|host` }));
        }
      }
    }
    return out;
  },
};

const serviceType: Check = {
  ids: ['ing.backend-service-type-unsupported'],
  needs: ['Ingress', 'Service'],
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    const ix = indexes(s);
    for (const iv of g.ingresses) {
      const ing = iv.ingress;
      const ann = ing.metadata.annotations ?? {};
      const legacy = ann[LEGACY_CLASS_ANNOTATION];
      // GKE's built-in controller answers to gce/gce-internal as annotation or class name
      const gke = [legacy, ing.spec.ingressClassName].some(isGkeClassName);
      const alb = iv.controller === 'ingress.k8s.aws/alb' || legacy === 'alb';
      // ingress-nginx controller.go: --disable-svc-external-name drops ExternalName backends
      const nginxNoExternalName = iv.controller === INGRESS_NGINX && iv.controllerPods.some((r) => {
        const p = ix.podByName.get(nsName(r.namespace, r.name));
        return p !== undefined && flagValue(p, 'disable-svc-external-name') === 'true';
      });
      if (!gke && !alb && !nginxNoExternalName) continue;
      for (const r of iv.routes) {
        const svc = r.backend.service ? ix.serviceByName.get(nsName(r.backend.service.namespace, r.backend.service.name)) : undefined;
        if (!svc) continue;
        const t = svc.spec.type ?? 'ClusterIP';
        let why: string | undefined;
        if (nginxNoExternalName) {
          if (t === 'ExternalName') why = 'the ingress-nginx controller runs with --disable-svc-external-name, so it ignores ExternalName backends';
        } else if (gke) {
          const neg = svc.metadata.annotations?.['cloud.google.com/neg'] ?? '';
          const negStatus = svc.metadata.annotations?.['cloud.google.com/neg-status'];
          if (t === 'ExternalName') why = 'GKE Ingress does not support ExternalName backends';
          else if (t === 'ClusterIP' && !/"ingress"\s*:\s*true/.test(neg) && !negStatus) why = 'GKE Ingress needs NodePort or LoadBalancer, or container-native load balancing (cloud.google.com/neg: {"ingress": true})';
        } else {
          const targetType = svc.metadata.annotations?.['alb.ingress.kubernetes.io/target-type'] ?? ann['alb.ingress.kubernetes.io/target-type'] ?? 'instance';
          if (targetType === 'instance' && t === 'ClusterIP') why = 'the AWS Load Balancer Controller in instance mode needs NodePort or LoadBalancer (or target-type: ip)';
        }
        if (why)
          out.push(finding('ing.backend-service-type-unsupported', 'error', ing, `Ingress ${nn(ing)} routes ${r.host || '*'}${r.path} to ${t} Service ${nn(svc)}: ${why}.`, nginxNoExternalName ? 'point the Ingress at a Service with pods, or drop --disable-svc-external-name from the controller' : 'change the Service type, or switch to IP targets / NEGs', { fields: ['spec.type'], related: [svc], discriminator: `${svc.metadata.name}|${r.host}|${r.path}` }));
      }
    }
    return out;
  },
};

const hostPorts: Check = {
  ids: ['conflict.hostport'],
  needs: ['Pod'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const claims = (p: Pod): { port: number; protocol: string; ip: string }[] =>
      p.spec.containers.flatMap((c) => (c.ports ?? []).flatMap((cp) => (cp.hostPort ? [{ port: cp.hostPort, protocol: cp.protocol ?? 'TCP', ip: cp.hostIP ?? '' }] : p.spec.hostNetwork ? [{ port: cp.containerPort, protocol: cp.protocol ?? 'TCP', ip: '' }] : [])));
    // kube-scheduler NodePorts: an unset / wildcard hostIP overlaps every address, else only the same one
    const anyIP = (ip: string): boolean => ip === '' || ip === '0.0.0.0' || ip === '::';
    const overlaps = (a: string, b: string): boolean => anyIP(a) || anyIP(b) || a === b;
    for (const p of s.pods) {
      if (p.status?.phase !== 'Pending') continue;
      const sched = (p.status.conditions ?? []).find((c) => c.type === 'PodScheduled');
      if (sched?.status !== 'False' || !/didn't have free ports/.test(sched.message ?? '')) continue;
      const wanted = claims(p);
      const holders = s.pods.filter((q) => q !== p && q.spec.nodeName && q.status?.phase === 'Running' && claims(q).some((c) => wanted.some((w) => w.port === c.port && w.protocol === c.protocol && overlaps(w.ip, c.ip))));
      const ports = wanted.map((w) => `${w.port}/${w.protocol}`).join(', ');
      out.push(finding('conflict.hostport', 'error', p, `Pod ${nn(p)} is Pending: host port ${ports} is already bound on the eligible nodes${holders.length ? ` by ${holders.slice(0, 3).map(nn).join(', ')}` : ''}.`, 'change the hostPort, remove the duplicate controller, or use a Service instead of hostPort', { fields: ['spec.containers[].ports[].hostPort'], related: holders.slice(0, 5) }));
    }
    return out;
  },
};

export const moreEntrypointChecks: Check[] = [listenerCerts, serviceType, hostPorts];
