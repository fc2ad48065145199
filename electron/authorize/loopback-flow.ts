import type { AuthorizationStart } from '../../shared/contract/authorize-calls.js';
import { authorizationUrl, exchangeCode } from '../providers/oauth/authorization-code.js';
import {
  startLoopbackListener,
  type LoopbackAnswer,
  type LoopbackListener,
} from '../providers/oauth/loopback-listener.js';
import { newState, pkcePair } from '../providers/oauth/pkce.js';
import { failedAuthorization, settledFlow } from './authorization-outcomes.js';
import type { FlowStart } from './flow-start.js';
import { holdPage } from './pages-in-flight.js';

/** How long a browser authorization waits for the person (the issuer's own pages usually time out sooner). */
const loopbackWaitMs = 10 * 60_000;

/** What the browser brought back to the loopback listener, unless the wait ran out or the flow was cancelled first. */
async function browserAnswer(
  listener: LoopbackListener,
  signal: AbortSignal,
): Promise<LoopbackAnswer | 'timeout' | 'cancelled'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout' | 'cancelled'>((resolveWait) => {
    timer = setTimeout(() => resolveWait('timeout'), loopbackWaitMs);
    timer.unref();
    signal.addEventListener('abort', () => resolveWait('cancelled'));
  });
  try {
    return await Promise.race([listener.answer, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The authorization code grant with PKCE (RFC 7636) in the person's browser, answered to a loopback listener (RFC 8252). */
export async function startLoopbackFlow(start: FlowStart): Promise<AuthorizationStart> {
  const { http, metadata, client, now } = start;
  const controller = new AbortController();
  const state = newState();
  const pkce = pkcePair();
  const listener = await startLoopbackListener(state);
  let url: string;
  try {
    url = authorizationUrl(metadata, {
      clientId: client.clientId,
      redirectUri: listener.redirectUri,
      scopes: start.requested,
      state,
      challenge: pkce.challenge,
    });
  } catch (error) {
    listener.close();
    throw error;
  }
  const deadline = now() + loopbackWaitMs;
  const release = holdPage(url);
  const run = settledFlow(async () => {
    try {
      const answer = await browserAnswer(listener, controller.signal);
      if (answer === 'timeout')
        return failedAuthorization(
          'Nobody approved the request in the browser within 10 minutes; start the authorization again.',
        );
      if (answer === 'cancelled') return failedAuthorization('The authorization was cancelled.');
      if (answer.kind === 'error')
        return failedAuthorization(
          `The issuer did not grant it (${answer.error}); nothing was issued. Start again if that was not meant.`,
        );
      const code = { code: answer.code, redirectUri: listener.redirectUri, verifier: pkce.verifier };
      return start.complete(await exchangeCode(http, metadata, client, code));
    } finally {
      listener.close();
      release();
    }
  });
  const flowId = start.flows.add(run, () => controller.abort(), deadline);
  return {
    flowId,
    method: 'loopback' as const,
    authorizationUrl: url,
    verificationUri: null,
    verificationUriComplete: null,
    userCode: null,
    expiresAt: new Date(deadline).toISOString(),
    scopes: start.asked,
    tokenId: start.tokenId,
  };
}
