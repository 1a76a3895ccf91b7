// §11.5 → finding: only a refused dial says something for sure (nothing listens on the
// targetPort). Forbidden, timeouts and other API server errors leave it unknown: no finding.
import { finding, nn } from '../checks/check.js';
import type { Finding } from '../checks/types.js';
import { formatBackendResult, portLabel } from './backend-format.js';
import type { ProbeResult } from './types.js';

export function backendFindings(results: ProbeResult[]): Finding[] {
  return results.flatMap((r) => {
    const t = r.target;
    if (t.kind !== 'backend-via-apiserver' || r.outcome !== 'refused') return [];
    return [
      finding('probe.backend-via-apiserver', 'error', t.object, formatBackendResult(r, t), `fix spec.ports[${t.portIndex}].targetPort of Service ${nn(t.object)} (${portLabel(t)}), or the port the application listens on (${t.port} now)`, {
        fields: [`spec.ports[${t.portIndex}].targetPort`],
        related: [{ kind: 'Pod', namespace: t.object.namespace ?? '', name: t.pod }],
        discriminator: t.portName ?? String(t.servicePort),
      }),
    ];
  });
}
