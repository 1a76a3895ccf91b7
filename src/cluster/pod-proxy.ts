// The API server's pod proxy for probe.backend-via-apiserver (§11.5): one GET, never a write.
// The API server authenticates us and drops our Authorization header before it dials the pod,
// so the app never sees our credentials (§11.1).
import type { PodProxy, ProxyReply } from '../probe/types.js';
import { ApiClient } from './api-client.js';
import { loadKubeConfig } from './kubeconfig.js';
import type { SourceOptions } from './source-types.js';

/** Enough for a Kubernetes Status object; an app's page is not read further. */
const MAX_BODY = 8 * 1024;

export function podProxyPath(namespace: string, pod: string, port: number, path: string): string {
  const rest = path.startsWith('/') ? path : `/${path}`;
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}:${port}/proxy${rest}`;
}

export function podProxyOver(client: ApiClient): PodProxy {
  return {
    async get(namespace, pod, port, path, timeoutMs): Promise<ProxyReply> {
      try {
        return await client.peek(podProxyPath(namespace, pod, port, path), { maxBytes: MAX_BODY, timeoutMs });
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        const message = (e instanceof Error ? e.message : String(err)).split('\n')[0] ?? '';
        return { failure: e.code === 'ETIMEDOUT' ? 'timeout' : 'network', message };
      }
    },
  };
}

/** A pod proxy on the kubeconfig context the snapshot came from; close() drops its connections. */
export function openPodProxy(opts: Pick<SourceOptions, 'kubeconfig' | 'context' | 'timeoutMs'>): PodProxy & { close(): void } {
  const loaded = loadKubeConfig({ ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}), ...(opts.context ? { context: opts.context } : {}) });
  const client = new ApiClient(loaded.kc, loaded.server, opts.timeoutMs);
  return { ...podProxyOver(client), close: () => client.destroy() };
}
