import type { ReactNode } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { shortDate } from '../tokens/dates.js';
import { ScopeComparison } from './ScopeComparison.js';
import { couldNotVerify, expirySourceWords, jwtCheckWords } from './wording.js';
import { FactList, type Fact } from '../../lib/FactList.js';

function lastAnswer(token: TokenView): ReactNode {
  const v = token.verification;
  if (!v || v.outcome === 'valid') return null;
  const text = v.outcome === 'rejected' ? v.message : couldNotVerify(v);
  return (
    <span className={`verify-answer tone-text-${v.outcome === 'rejected' ? 'critical' : 'warning'}`}>
      {text} <span className="muted">({shortDate(v.at)})</span>
    </span>
  );
}

function signature(token: TokenView, checksSignature: boolean): ReactNode {
  const check = token.verification?.jwtCheck;
  if (check) return jwtCheckWords[check];
  return checksSignature ? <span className="muted">not checked yet: Verify checks it</span> : null;
}

interface ProviderFactsProps {
  token: TokenView;
  /** Its provider checks the token's own signature (the service says so). */
  checksSignature: boolean;
  /** Leave out the last answer: the Verify just pressed is saying it above. */
  answerShown: boolean;
}

/** What the provider says about a token: account, scopes, where its expiry came from, use, the last answer. */
export function ProviderFacts({ token, checksSignature, answerShown }: ProviderFactsProps) {
  const answer = answerShown ? null : lastAnswer(token);
  const signed = signature(token, checksSignature);
  const notes = token.verification?.notes ?? [];
  const facts: Fact[] = [
    ['Account', token.account ?? <span className="muted">not verified yet</span>],
    ['Scopes', <ScopeComparison key="scopes" token={token} />],
    [
      'Expiry',
      <>
        {token.expiresAt ? shortDate(token.expiresAt) : token.expiryUnknown ? 'unknown' : 'never'}{' '}
        <span className="muted">({expirySourceWords(token)})</span>
      </>,
    ],
    ['Last used', token.lastUsedAt ? shortDate(token.lastUsedAt) : <span className="muted">not reported</span>],
    ['Last verified', token.lastVerifiedAt ? shortDate(token.lastVerifiedAt) : <span className="muted">never</span>],
    ...(answer ? [['Last answer', answer] as Fact] : []),
    ...(signed ? [['Signature', signed] as Fact] : []),
    ...(notes.length > 0 ? [['Notes', <VerificationNotes key="notes" notes={notes} />] as Fact] : []),
  ];
  return <FactList facts={facts} className="facts provider-facts" />;
}

/** Remarks of the last answer with no field of their own, e.g. that a fine-grained PAT has no scope list. */
function VerificationNotes({ notes }: { notes: readonly string[] }) {
  return (
    <ul className="verify-notes" aria-label="Verification notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
