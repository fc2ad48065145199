import { isoDay } from '../../shared/countdown.js';
import { scopesPurposeLacks } from '../../shared/lifecycle.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import type { Verification } from '../../shared/verification.js';
import { oneLineText } from '../../shared/terminal-text.js';
import { redact } from '../redact.js';
import type { VerifyOutcome } from './provider.js';

/** What asking the provider gave: its answer, or a fault that says nothing about the token. */
export type ProviderReply =
  { kind: 'answer'; outcome: VerifyOutcome } | { kind: 'fault'; message: string; retryAt: number | null };

export interface RecordedVerification {
  record: TokenRecord;
  outcome: Verification['outcome'];
  message: string;
  learned: string[];
  retryAt: string | null;
  /** For `unreachable`: the fault's reason without retry advice, for a face to phrase with `retryAt`. */
  unreachableReason: string | null;
}

/** Provider text as stored and shown: no piece of a held secret, one terminal-safe line, bounded. */
const bounded = (text: string, max: number) => oneLineText(redact(text), max);

/** "2026-12-01 09:05:00 UTC" */
const clockTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** A fault's reason without its own retry advice: the message adds "retry at …" once. */
const reasonOf = (message: string) =>
  message.replace(/;\s*try again (?:after [^;]*|later)\.?$/i, '').replace(/\.$/, '');

function unreachable(
  current: TokenRecord,
  reply: Extract<ProviderReply, { kind: 'fault' }>,
  at: string,
): RecordedVerification {
  const retryAt = reply.retryAt ? new Date(reply.retryAt).toISOString() : null;
  const unreachableReason = bounded(reasonOf(reply.message), 500);
  const message = bounded(
    `could not verify (${unreachableReason}; ${reply.retryAt ? `retry at ${clockTime(reply.retryAt)}` : 'retry later'})`,
    500,
  );
  const previous = current.verification;
  // An outage does not clear a rejection the provider gave: that verdict stands until it answers again.
  const verification: Verification =
    previous?.outcome === 'rejected'
      ? {
          ...previous,
          notes: [
            ...previous.notes.slice(-9),
            bounded(`A later check on ${isoDay(at)} ${message}; this rejection stands.`, 300),
          ],
        }
      : {
          outcome: 'unreachable',
          at,
          message,
          reason: null,
          dead: false,
          retryAt,
          notes: [],
          jwtCheck: null,
          unreachableReason,
        };
  return {
    record: { ...current, verification },
    outcome: 'unreachable',
    message,
    learned: [],
    retryAt,
    unreachableReason,
  };
}

function rejected(
  current: TokenRecord,
  verdict: Extract<VerifyOutcome, { outcome: 'rejected' }>,
  at: string,
): RecordedVerification {
  const message = bounded(verdict.message, 500);
  const verification: Verification = {
    outcome: 'rejected',
    at,
    message,
    reason: verdict.reason,
    dead: verdict.dead,
    retryAt: null,
    notes: [],
    jwtCheck: null,
  };
  return {
    record: { ...current, lastVerifiedAt: at, verification },
    outcome: 'rejected',
    message,
    learned: [message],
    retryAt: null,
    unreachableReason: null,
  };
}

function validFacts(
  current: TokenRecord,
  answer: Extract<VerifyOutcome, { outcome: 'valid' }>,
  provider: string,
): { facts: string[]; notes: string[] } {
  const facts: string[] = [];
  const notes = [...answer.notes];
  if (answer.account) facts.push(`account ${answer.account}`);
  if (answer.grantedScopes) {
    facts.push(`scopes ${answer.grantedScopes.join(', ') || 'none'}`);
    const missing = scopesPurposeLacks({ scopes: current.scopes, grantedScopes: answer.grantedScopes });
    if (missing.length) {
      // A fact of this check, and a note that stays on the record for the window's facts panel.
      const lacks = `Lacks ${missing.join(', ')}, which its purpose needs.`;
      facts.push(lacks);
      notes.push(lacks);
    }
  }
  if (answer.expiresAt !== undefined)
    facts.push(
      answer.expiresAt ? `expires ${isoDay(answer.expiresAt)} (from ${provider})` : `no expiry (from ${provider})`,
    );
  if (answer.lastUsedAt !== undefined)
    facts.push(
      answer.lastUsedAt ? `last used ${isoDay(answer.lastUsedAt)} (from ${provider})` : `never used (from ${provider})`,
    );
  if (answer.jwtCheck)
    facts.push(
      answer.jwtCheck === 'jwks' ? "signature checked against the issuer's keys" : 'claims read, signature not checked',
    );
  return { facts, notes: notes.map((n) => bounded(n, 300)).slice(0, 10) };
}

function valid(
  current: TokenRecord,
  answer: Extract<VerifyOutcome, { outcome: 'valid' }>,
  at: string,
): RecordedVerification {
  const provider = providerNames[current.provider];
  const account = answer.account ? bounded(answer.account, 200) : null;
  if (current.account && account && current.account !== account) {
    return rejected(
      current,
      {
        outcome: 'rejected',
        reason: 'wrong-account',
        message: `${provider} says it now belongs to ${account}, not ${current.account}.`,
        dead: false,
      },
      at,
    );
  }
  const { facts, notes } = validFacts(current, answer, provider);
  const message = bounded(`${provider} accepts it${facts.length ? `: ${facts.join('; ')}` : ''}.`, 500);
  const record: TokenRecord = {
    ...current,
    account: account ?? current.account,
    // null means the provider does not say; scopes known from elsewhere (a JWT's claims) stay.
    grantedScopes: answer.grantedScopes
      ? answer.grantedScopes.slice(0, 64).map((s) => bounded(s, 100))
      : current.grantedScopes,
    lastVerifiedAt: at,
    verification: {
      outcome: 'valid',
      at,
      message,
      reason: null,
      dead: false,
      retryAt: null,
      notes,
      jwtCheck: answer.jwtCheck ?? null,
    },
  };
  if (answer.expiresAt !== undefined)
    Object.assign(record, { expiresAt: answer.expiresAt, expirySource: answer.jwtCheck ? 'jwt' : 'provider' });
  if (answer.lastUsedAt !== undefined) record.lastUsedAt = answer.lastUsedAt;
  if (answer.providerRef !== undefined) record.providerRef = answer.providerRef;
  return { record, outcome: 'valid', message, learned: facts, retryAt: null, unreachableReason: null };
}

/**
 * The record as a provider's reply leaves it: facts from a valid answer, the verdict of a
 * rejection (a changed account is one), or, for a fault, only the fact that it could not be asked.
 */
export function recordVerification(current: TokenRecord, reply: ProviderReply, atMs: number): RecordedVerification {
  const at = new Date(atMs).toISOString();
  if (reply.kind === 'fault') return unreachable(current, reply, at);
  return reply.outcome.outcome === 'rejected'
    ? rejected(current, reply.outcome, at)
    : valid(current, reply.outcome, at);
}
