import { providerNames, type ProviderId } from '../../shared/model.js';
import { faultClause } from '../providers/transient-fault.js';
import { byHandHint, tokensOf } from './confirm-hints.js';

// What a rotation run says to the person, step by step (as report-text.ts does for reports). Each
// sentence says what happened and what to do; none holds a secret.

/** Ways a run ends before its end. */
export const endText = {
  anotherLapse:
    'Another Lapse (the window or a command) is carrying this rotation on right now; try again once it is done.',
  tokenGone: 'The token is gone from the vault.',
  finished: 'Rotated; the old value is confirmed dead.',
  /** A verification message holds 500 characters; the whole account is in the run's answer and the audit log. */
  reauthorizeShort: (reason: string) =>
    `${reason} What Lapse did about the lost value, and what is still live, is in this token's history.`,
  paused: (id: string, pendingMasked: string | null, guided: boolean, why: string) =>
    `Rotation paused${pendingMasked ? ` with the new value ${pendingMasked} kept in the keychain` : ''}: ${why} Resume it (lapse rotate ${id.slice(0, 8)})${guided ? `, or discard the new value (lapse rotate ${id.slice(0, 8)} --discard)` : ''}.`,
};

/** intent → pending-stored: the one provider call of an in-place rotation. */
export const issueText = {
  refreshKeptAccessLost:
    'The refresh happened, but Lapse stopped before it kept the new access token. It kept the new refresh token, so rotating again gets a fresh access token; the current one works until it expires.',
  nothingToRotate: 'The keychain has no value for this token, so there is nothing to rotate.',
  noLongerOffered: (provider: ProviderId, kind: string) =>
    `${providerNames[provider]} no longer rotates this token this way (${kind}); nothing changed.`,
  neverStored: 'The new value was never stored; nothing changed. Start the rotation again.',
  answerNeverKept: "The rotation call's answer was never kept.",
  noUsableAnswer: (fault: string) => `The rotation call got no usable answer (${faultClause(fault)}).`,
  rateLimited: (fault: string) => `Nothing was rotated: ${faultClause(fault)}.`,
  nothingRotated: (why: string) => `${why} Nothing was rotated.`,
  cannotTellYet: (why: string) =>
    `${why} Lapse could not yet tell whether the rotation happened; it checks again when you rotate this token again or when Lapse next starts.`,
  oldStillWorks: (why: string) => `${why} The old token still works, so nothing was rotated; try again.`,
};

/** pending-stored → verified: the new value works, for the same account. */
export const verifyText = {
  guidedGone: 'The new value is gone from the keychain; nothing changed.',
  rotatedGone: 'The rotated value is gone from the keychain. Authorize again.',
  notVerifiedYet: (fault: string) =>
    `The new value could not be verified yet (${faultClause(fault)}); Lapse tries again when you rotate this token again or when it next starts.`,
  rotatedRejected: (message: string) =>
    `The provider rejects the rotated value (${faultClause(message)}). Authorize again.`,
  newDoesNotWork: (message: string) => `The new token does not work: ${message}`,
  rotatedOtherAccount: (found: string, expected: string) => `The rotated value belongs to ${found}, not ${expected}.`,
  newOtherAccount: (found: string, expected: string) =>
    `The new token belongs to ${found}, not ${expected}: it is not a replacement for this one. Nothing changed.`,
  newLacksScopes: (missing: string[]) =>
    `The new token lacks ${missing.join(', ')}, which this token's purpose needs. Nothing changed.`,
};

/** verified → promoted. */
export const promoteText = {
  promoted: (kind: string, masked: string, hasPrevious: boolean) =>
    `Rotated (${kind}): the new value ${masked} is current${hasPrevious ? '; the old one is to be revoked' : ''}.`,
};

/** promoted → old-revoked: the replaced value revoked and confirmed dead. */
export const retireText = {
  cannotVerify: (provider: ProviderId, id: string, link: string | null) =>
    `The new value is current. Lapse cannot verify ${tokensOf(provider)}, so the old one is still live as far as it knows: revoke it by hand${link ? ` at ${link}` : " in the provider's settings"}, then ${byHandHint(id)}.`,
  leftToExpire: 'The new value is current; the old one is left to expire.',
  expiredAt: (at: string) => `it expired at ${at}`,
  byHand: (link: string | null) =>
    `by hand${link ? ` at ${link}` : " in the provider's settings"}. Lapse marks it revoked once a verify shows it dead.`,
  refusedAudit: (refused: string) => `Revocation of the value this token replaced refused by the provider: ${refused}`,
  refused: (refused: string, byHand: string) =>
    `The new value is current, but the old token is still live: ${faultClause(refused)}, so revoke it ${byHand}`,
  couldNotCheck: (fault: string) => `may still be live: it could not be checked (${faultClause(fault)})`,
  stillAccepted: 'is still live: its provider still accepts it',
  tryAgainAtStart: 'Lapse will try again next time it starts.',
  revokeByHand: (byHand: string) => `Revoke it ${byHand}`,
  stillLive: (live: string, next: string) => `The new value is current, but the old token ${live}. ${next}`,
  confirmedDead: (evidence: string) => `The value this token replaced is confirmed dead (${faultClause(evidence)}).`,
};
