// H4: the effective class of an Ingress, as the API and controllers resolve it.
import type { ClassSource } from './graph-types.js';
import type { ClusterSnapshot, Ingress, IngressClass, IngressClassParameters } from './types.js';

export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export interface EffectiveClass {
  name?: string;
  source: ClassSource;
  /** the IngressClass object, when the name resolves to one */
  ingressClass?: IngressClass;
}

export function effectiveClass(s: ClusterSnapshot, ing: Ingress): EffectiveClass {
  const field = ing.spec.ingressClassName;
  if (field !== undefined && field !== '') {
    const ic = s.ingressClasses.find((c) => c.metadata.name === field);
    return ic ? { name: field, source: 'field', ingressClass: ic } : { name: field, source: 'field' };
  }
  const ann = ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (ann !== undefined && ann !== '') {
    const ic = s.ingressClasses.find((c) => c.metadata.name === ann);
    return ic ? { name: ann, source: 'annotation', ingressClass: ic } : { name: ann, source: 'annotation' };
  }
  return { source: 'none' };
}

/** Default IngressClasses (annotation exactly "true"), newest first as admission picks them (≥1.25). */
export function defaultClasses(s: ClusterSnapshot): IngressClass[] {
  return s.ingressClasses
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

/** Identity of an IngressClass parameters object: "group|Kind|namespace|name" (core group is ''). */
export function parametersKey(p: IngressClassParameters): string {
  const ns = p.scope === 'Namespace' ? p.namespace ?? '' : '';
  return `${p.apiGroup ?? ''}|${p.kind}|${ns}|${p.name}`;
}

/** The distinct parameters objects the classes reference, by parametersKey(). */
export function referencedParameters(classes: readonly IngressClass[]): Map<string, IngressClassParameters> {
  const out = new Map<string, IngressClassParameters>();
  for (const c of classes) if (c.spec.parameters) out.set(parametersKey(c.spec.parameters), c.spec.parameters);
  return out;
}
