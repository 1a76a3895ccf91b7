// Turn a failed first contact with the API server into one line a person can act on.
import { AuthSetupError, isApiError } from './api-client.js';
import { UserError } from './source-types.js';

const TLS_CODES = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_\w+|ERR_TLS_\w+|ERR_SSL_\w+|EPROTO)$/;

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() ?? '';

/** A UserError for connection/authentication failures; undefined for anything else. */
export function connectionError(err: unknown, server: string, context: string): UserError | undefined {
  const ctx = `context "${context}"`;
  if (err instanceof AuthSetupError) {
    if (err.via === 'oidc') {
      const from = err.issuer ? ` from ${err.issuer}` : '';
      return new UserError(`cannot refresh the OIDC token${from} (${ctx}): ${err.message}`, 'log in again (e.g. kubectl oidc-login) or fix the auth-provider idp-issuer-url in the kubeconfig', { cause: err });
    }
    if (err.via === 'exec') {
      return new UserError(`the exec credential plugin of ${ctx} failed: ${err.message}`, 'check that the plugin is on PATH and that you are logged in (run it by hand to see its output)', { cause: err });
    }
    return new UserError(`cannot prepare credentials for ${server} (${ctx}): ${err.message}`, 'check the user entry of the kubeconfig (certificate and key files, token file)', { cause: err });
  }
  if (isApiError(err, 401)) {
    return new UserError(`${server} rejected the credentials of ${ctx} (401 Unauthorized)`, 'log in again or refresh the token, or choose another --context', { cause: err });
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const host = hostOf(server);
  if (code === 'ECONNREFUSED') return new UserError(`cannot connect to ${server}: connection refused`, `is the cluster running and is ${ctx} the right one?`, { cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UserError(`cannot resolve ${host} (API server of ${ctx})`, 'check the network or VPN, and the server address in the kubeconfig', { cause: err });
  if (['ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) {
    return new UserError(`no answer from ${server} (${code})`, `check the network or VPN, or pass --request-timeout; ${ctx}`, { cause: err });
  }
  if (TLS_CODES.test(code)) {
    return new UserError(`TLS verification of ${server} failed: ${firstLine(err)}`, `check certificate-authority / tls-server-name of the cluster in ${ctx}`, { cause: err });
  }
  return undefined;
}

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}
