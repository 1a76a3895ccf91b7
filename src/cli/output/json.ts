// The JSON contract of `kexplore check -o json`. Other tools parse it: fields are only ever
// added, never renamed or removed.
import type { ClusterSnapshot } from '../../model/types.js';
import type { Report } from '../../checks/types.js';

export const JSON_SCHEMA_VERSION = 1;

export function toJson(s: ClusterSnapshot, r: Report, extra: { probes?: unknown[] } = {}): string {
  const consequences = new Map(r.rootCauses.map((c) => [c.root, c.consequences]));
  const out = {
    apiVersion: `kexplore/v${JSON_SCHEMA_VERSION}`,
    findings: r.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      object: f.object,
      message: f.message,
      hint: f.hint,
      key: f.key,
      ...(f.fields ? { fields: f.fields } : {}),
      ...(f.related ? { related: f.related } : {}),
      ...(f.hosts ? { hosts: f.hosts } : {}),
      ...(f.causedBy ? { causes: [f.causedBy] } : {}),
      ...(consequences.get(f.key)?.length ? { consequences: consequences.get(f.key) } : {}),
    })),
    rootCauses: r.rootCauses,
    paths: r.paths,
    skipped: r.skipped,
    visibility: s.visibility,
    source: { ...s.source, takenAt: s.takenAt, ...(s.namespace ? { namespace: s.namespace } : {}) },
    summary: r.summary,
    ...(extra.probes ? { probes: extra.probes } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
