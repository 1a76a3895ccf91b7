// tls.certmanager-not-ready (§6): a cert-manager Certificate behind a referenced TLS Secret that
// is not Ready, or whose notAfter is past or close. Gives expiry data without Secret access.
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';

const DAY = 86_400_000;

const certManager: Check = {
  ids: ['tls.certmanager-not-ready'],
  needs: ['Certificate', 'Ingress'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const now = Date.parse(rc.ctx.now);
    for (const ing of s.ingresses) {
      const ns = ing.metadata.namespace ?? '';
      for (const [i, t] of (ing.spec.tls ?? []).entries()) {
        if (!t.secretName) continue;
        const cert = s.certificates.find((c) => c.metadata.namespace === ns && c.spec.secretName === t.secretName);
        if (!cert) continue;
        const ready = (cert.status?.conditions ?? []).find((c) => c.type === 'Ready');
        const field = `spec.tls[${i}].secretName`;
        const hint = `kubectl describe certificate,certificaterequest,order,challenge -n ${ns} to find the failing step`;
        if (ready?.status !== 'True') {
          if (!rc.pastGrace(cert)) continue;
          out.push(finding('tls.certmanager-not-ready', 'warning', ing, `cert-manager has not issued '${t.secretName}' for Ingress ${nn(ing)} yet (Certificate ${cert.metadata.name}: ${ready ? `${ready.reason ?? ready.status}${ready.message ? ` — ${ready.message}` : ''}` : 'no Ready condition'}).`, hint, { fields: [field], related: [cert, { kind: 'Secret', namespace: ns, name: t.secretName }], discriminator: t.secretName }));
          continue;
        }
        const notAfter = Date.parse(cert.status?.notAfter ?? '');
        if (!Number.isNaN(notAfter) && notAfter - now < 10 * DAY)
          out.push(finding('tls.certmanager-not-ready', 'warning', ing, `Certificate ${cert.metadata.name} behind '${t.secretName}' ${notAfter < now ? 'expired' : 'expires'} on ${new Date(notAfter).toISOString().slice(0, 10)} and cert-manager has not renewed it.`, hint, { fields: [field], related: [cert, { kind: 'Secret', namespace: ns, name: t.secretName }], discriminator: t.secretName }));
      }
    }
    return out;
  },
};

export const certManagerChecks: Check[] = [certManager];
