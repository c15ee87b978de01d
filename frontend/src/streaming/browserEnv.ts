// The StreamingService's environment in the browser: real sockets, timers and clock, and a
// single-use token from POST /api/ws-token for each socket (the cookie would do on the same origin,
// but the token is explicit and also works where cookies don't reach the socket).

import { api, ApiError } from '../api/client';
import { TokenError, type SocketLike, type StreamingEnv } from './StreamingService';

export function browserEnv(): StreamingEnv {
  return {
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    fetchToken: async () => {
      try {
        return (await api.wsToken()).token;
      } catch (error) {
        if (error instanceof ApiError) {
          if (error.status === 404) {
            return null; // a server without the token endpoint: the cookie is the credential
          }
          throw new TokenError(error.message, error.status);
        }
        throw error;
      }
    },
    now: () => Date.now(),
    random: () => Math.random(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    location: window.location,
  };
}
