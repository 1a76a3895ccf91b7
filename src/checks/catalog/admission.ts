// controller.admission-webhook-down (§5), lb.k3s-svclb-blocked (§8) and
// svc.targetport-name-invalid (§2, manifests: the API rejects such names on live clusters).
import { endpointsOf, epReady, endpointsVisible } from '../../model/endpoints.js';
import { indexes, nsName } from '../../model/index.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';

const webhookDown: Check = {
  ids: ['controller.admission-webhook-down'],
  needs: ['ValidatingWebhookConfiguration', 'Service'],
  needsOneOf: ['EndpointSlice', 'Endpoints'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const ix = indexes(s);
    for (const cfg of s.validatingWebhooks)
      for (const w of cfg.webhooks ?? []) {
        const coversIngress = (w.rules ?? []).some((r) => (r.apiGroups ?? []).some((g) => g === 'networking.k8s.io' || g === '*') && (r.resources ?? []).some((x) => x === 'ingresses' || x === '*'));
        const ref = w.clientConfig?.service;
        if (!coversIngress || (w.failurePolicy ?? 'Fail') !== 'Fail' || !ref || !endpointsVisible(s, ref.namespace)) continue;
        const svc = ix.serviceByName.get(nsName(ref.namespace, ref.name));
        const ready = svc ? (endpointsOf(s, svc) ?? []).filter((e) => epReady(e.endpoint)).length : 0;
        if (ready === 0)
          out.push(finding('controller.admission-webhook-down', 'error', cfg, `Creating or updating Ingresses fails ('failed calling webhook ${w.name}'): its Service ${ref.namespace}/${ref.name} ${svc ? 'has no ready endpoints' : 'does not exist'}.`, 'restore the controller pods; if the controller was uninstalled, delete its leftover ValidatingWebhookConfiguration', { fields: ['webhooks[].clientConfig.service'], discriminator: w.name, ...(svc ? { related: [svc] } : {}) }));
      }
    return out;
  },
};

const svclb: Check = {
  ids: ['lb.k3s-svclb-blocked'],
  needs: ['Pod', 'Service'],
  run(rc) {
    const out: Finding[] = [];
    const blocked = new Map<string, string>();
    for (const p of rc.s.pods) {
      const svc = p.metadata.labels?.['svccontroller.k3s.cattle.io/svcname'];
      if (!svc || p.status?.phase !== 'Pending') continue;
      const sched = (p.status.conditions ?? []).find((c) => c.type === 'PodScheduled');
      if (sched?.status === 'False' && /didn't have free ports/.test(sched.message ?? '')) blocked.set(`${p.metadata.labels?.['svccontroller.k3s.cattle.io/svcnamespace'] ?? ''}/${svc}`, p.metadata.name);
    }
    for (const svc of rc.s.services) {
      const pod = blocked.get(`${svc.metadata.namespace ?? ''}/${svc.metadata.name}`) ?? blocked.get(`/${svc.metadata.name}`);
      if (svc.spec.type === 'LoadBalancer' && pod)
        out.push(finding('lb.k3s-svclb-blocked', 'error', svc, `k3s ServiceLB cannot place Service ${nn(svc)}: pod ${pod} is Pending because another pod already uses host port ${(svc.spec.ports ?? []).map((p) => p.port).join('/')} on the nodes.`, 'free the host port (e.g. the bundled Traefik) or disable ServiceLB and use another load balancer', { fields: ['spec.ports'] }));
    }
    return out;
  },
};

const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;

const portNames: Check = {
  ids: ['svc.targetport-name-invalid'],
  needs: ['Service'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of rc.s.services)
      for (const [i, p] of (svc.spec.ports ?? []).entries()) {
        const tp = p.targetPort;
        const bad = typeof tp === 'string' ? !/^\d+$/.test(tp) && !IANA_SVC_NAME.test(tp) : tp !== undefined && (tp < 1 || tp > 65535);
        if (bad)
          out.push(finding('svc.targetport-name-invalid', 'info', svc, `targetPort '${String(tp)}' of Service ${nn(svc)} is not a valid port name (≤15 lowercase letters, digits and '-', at least one letter) or number (1–65535); the API server will reject the manifest.`, "rename it (e.g. 'http-web') or use a number", { fields: [`spec.ports[${i}].targetPort`], discriminator: String(i) }));
      }
    return out;
  },
};

export const admissionChecks: Check[] = [webhookDown, svclb, portNames];
