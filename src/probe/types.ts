// What a probe dials and what it saw (diagnostics.md §11). Plain data: the CLI prints it as JSON.
import type { ObjectRef } from '../model/types.js';

export type ProbeKind = 'nodeport-tcp' | 'ingress-http' | 'tls-served-cert' | 'healthcheck-nodeport' | 'backend-via-apiserver' | 'unprobeable';

/**
 * What Kubernetes state predicts for a node port (§11.2 expectation table): `open` (ready
 * endpoints, and local ones under eTP Local), `refused` (no usable endpoint: kube-proxy REJECTs),
 * `dropped` (eTP Local node without a local endpoint: kube-proxy DROPs, the dial times out),
 * `unknown` (endpoints not visible).
 */
export type Expectation = 'open' | 'refused' | 'dropped' | 'unknown';

interface Base {
  /** the Service or Ingress this probe speaks for */
  object: ObjectRef;
  /** IP (v4 or v6, without brackets) or hostname */
  host: string;
  port: number;
}

export interface NodePortTarget extends Base {
  kind: 'nodeport-tcp';
  node: string;
  /** index in spec.ports, for the finding's field */
  portIndex: number;
  expect: Expectation;
}

export interface HealthCheckTarget extends Base {
  kind: 'healthcheck-nodeport';
  node: string;
  /** ready endpoints on this node according to EndpointSlices; undefined when not visible */
  localEndpoints?: number;
}

/** How the address of an Ingress was found (§11.3: status first, then the controller's Service). */
export type IngressVia = 'ingress-status' | 'controller-lb' | 'controller-nodeport';

export interface IngressHttpTarget extends Base {
  kind: 'ingress-http';
  scheme: 'http' | 'https';
  /** Host header and SNI; undefined for rules without host */
  serverName?: string;
  path: string;
  via: IngressVia;
  node?: string;
}

export interface TlsTarget extends Base {
  kind: 'tls-served-cert';
  serverName: string;
  /** the rule host as written ("*.foo.com"), for RFC 6125 coverage */
  ruleHost: string;
  via: IngressVia;
  secretName?: string;
  /** SHA-256 of the Secret's leaf certificate when readable, to compare with what is served */
  secretFingerprint256?: string;
}

/** A UDP/SCTP node port: listed so the user learns it was not verified, never dialled. */
export interface UnprobeableTarget extends Base {
  kind: 'unprobeable';
  protocol: string;
  servicePort: number;
  portIndex: number;
}

/**
 * §11.5: one ready pod behind a Service port, asked through the API server's pod proxy whether
 * anything listens on the targetPort. `host` is the pod IP (the API server dials it, not us),
 * `port` the resolved targetPort from the EndpointSlice.
 */
export interface BackendTarget extends Base {
  kind: 'backend-via-apiserver';
  pod: string;
  servicePort: number;
  portName?: string;
  /** index in spec.ports, for the finding's field */
  portIndex: number;
}

export type ProbeTarget = NodePortTarget | HealthCheckTarget | IngressHttpTarget | TlsTarget | BackendTarget | UnprobeableTarget;

/** open = connected (and, for HTTP/TLS, answered); not-probed = never dialled (UDP/SCTP). */
export type Outcome = 'open' | 'refused' | 'timeout' | 'unreachable' | 'error' | 'not-probed';

/** Where a failure happened: no connection, no handshake, or no HTTP answer. */
export type Phase = 'connect' | 'tls' | 'http';

/** §11.3 meaning of an HTTP answer from an ingress controller. */
export type HttpVerdict = 'reachable' | 'no-rule-matched' | 'no-endpoints' | 'backend-error' | 'ssl-redirect' | 'redirect' | 'other';

export interface ServedCert {
  subject: string;
  cn?: string;
  dnsSans: string[];
  /** ISO */
  notBefore: string;
  notAfter: string;
  fingerprint256: string;
  /** CN is ingress-nginx's default 'Kubernetes Ingress Controller Fake Certificate' */
  fake: boolean;
  /** RFC 6125 coverage of the rule host (DNS SANs only, single-label wildcards) */
  coversHost: boolean;
}

export interface HttpAnswer {
  status: number;
  verdict: HttpVerdict;
  /** Location header of a redirect (cut to 200 characters) */
  location?: string;
  /** the body carries ingress-nginx's "default backend - 404" marker (the body itself is not kept) */
  defaultBackend?: boolean;
}

export interface HealthAnswer {
  status: number;
  /** localEndpoints of the kube-proxy health-check JSON; undefined when the answer is not that JSON */
  localEndpoints?: number;
  /** service named in the JSON ("ns/name") */
  service?: string;
}

/**
 * What the API server's pod proxy said (§11.5): the app answered (any HTTP status), the API
 * server's dial was refused, the user may not use pods/proxy, or the API server failed otherwise.
 */
export type ProxyVerdict = 'listening' | 'refused' | 'forbidden' | 'error';

export interface ProxyAnswer {
  verdict: ProxyVerdict;
  /** HTTP status (the app's for `listening`, the API server's otherwise) */
  status?: number;
  /** the API server's Status message (cut to 200 characters; sanitise before printing) */
  message?: string;
  /** for an app answer of 4xx/5xx: the start of its body, so the user can tell the app from a proxy in between */
  body?: string;
}

/** Either an HTTP answer relayed by the API server (any status), or no answer at all. */
export type ProxyReply = { status: number; body: string } | { failure: 'timeout' | 'network'; message: string };

/** GET through `/api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy{path}`; never rejects. */
export interface PodProxy {
  get(namespace: string, pod: string, port: number, path: string, timeoutMs: number): Promise<ProxyReply>;
}

export interface ProbeResult {
  target: ProbeTarget;
  outcome: Outcome;
  phase?: Phase;
  http?: HttpAnswer;
  cert?: ServedCert;
  health?: HealthAnswer;
  proxy?: ProxyAnswer;
  /** error code or message of a failure */
  detail?: string;
  /** when the probe ran (ISO): certificate validity is judged at this time */
  at: string;
  ms: number;
}

export interface ProbeOptions {
  /** TCP connect timeout (default 2000) */
  connectTimeoutMs?: number;
  /** TLS handshake and HTTP answer timeout (default 5000) */
  ioTimeoutMs?: number;
  /** concurrent dials, 1–8 (default 8) */
  concurrency?: number;
  /** evaluation time for certificate validity (ISO, ms or Date; default: the clock) */
  now?: string | number | Date;
  /** the live API server's pod proxy; without it backend-via-apiserver targets are not probed */
  podProxy?: PodProxy;
}
