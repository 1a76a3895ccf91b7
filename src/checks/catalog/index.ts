// Every check of the catalog, in diagnostics.md section order.
import type { Check } from '../check.js';
import { admissionChecks } from './admission.js';
import { certManagerChecks } from './certmanager.js';
import { kubeProxyChecks } from './kubeproxy.js';
import { conflictChecks } from './conflict.js';
import { endpointChecks } from './endpoints.js';
import { gatewayChecks } from './gateway.js';
import { ingressChecks } from './ingress.js';
import { ingressClassChecks } from './ingressclass.js';
import { loadBalancerChecks } from './loadbalancer.js';
import { moreEntrypointChecks } from './more-entrypoints.js';
import { moreIngressChecks } from './more-ingress.js';
import { moreServiceChecks } from './more-services.js';
import { netpolChecks } from './netpol.js';
import { nodePortChecks } from './nodeport.js';
import { serviceChecks } from './service.js';
import { tlsChecks } from './tls.js';

export const CATALOG: Check[] = [
  ...serviceChecks,
  ...endpointChecks,
  ...ingressChecks,
  ...ingressClassChecks,
  ...tlsChecks,
  ...nodePortChecks,
  ...loadBalancerChecks,
  ...gatewayChecks,
  ...netpolChecks,
  ...conflictChecks,
  ...moreServiceChecks,
  ...moreIngressChecks,
  ...moreEntrypointChecks,
  ...admissionChecks,
  ...certManagerChecks,
  ...kubeProxyChecks,
];
