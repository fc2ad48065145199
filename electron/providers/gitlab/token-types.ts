import type { TokenType } from '../provider.js';

/**
 * GitLab's kinds of token, told apart by prefix (gitlabhq `doc/security/tokens/index.md`, "Token
 * prefixes"). Only a personal access token (`glpat-`: also project, group and impersonation tokens)
 * is read from `PRIVATE-TOKEN` (`lib/gitlab/auth/auth_finders.rb` `find_personal_access_token`), and
 * only it answers `/personal_access_tokens/self` (`lib/api/personal_access_tokens/self_information.rb`
 * answers 400 to every other kind). The others authenticate only on the routes made for them, so
 * every answer the token API gives them is `cannot-tell`: a deploy token gets 401 there while live.
 */
export type GitlabKind = 'pat' | 'unprefixed' | 'other';

export interface GitlabTokenType extends TokenType {
  kind: GitlabKind;
}

interface Prefixed {
  prefix: string;
  name: string;
  /** Where a person revokes or resets it (GitLab's own settings page names). */
  byHand: string;
}

const others: Prefixed[] = [
  {
    prefix: 'gldt-',
    name: 'deploy token',
    byHand: "Open the project's (or group's) Settings › Repository › Deploy tokens and revoke it",
  },
  {
    prefix: 'glrt-',
    name: 'runner authentication token',
    byHand:
      "Open the runner in its project's, group's or the instance's Settings › CI/CD › Runners and delete it, or reset its token",
  },
  {
    prefix: 'glcbt-',
    name: 'CI/CD job token',
    byHand: 'A CI/CD job token works only while its job runs: cancel the job in its pipeline to end it sooner',
  },
  {
    prefix: 'glptt-',
    name: 'pipeline trigger token',
    byHand: "Open the project's Settings › CI/CD › Pipeline trigger tokens and revoke it",
  },
  { prefix: 'glft-', name: 'feed token', byHand: 'Open User settings › Access tokens and reset the feed token' },
  {
    prefix: 'glimt-',
    name: 'incoming email token',
    byHand: 'Open User settings › Access tokens and reset the incoming email token',
  },
  {
    prefix: 'glagent-',
    name: 'agent for Kubernetes token',
    byHand:
      "Open the project's Operate › Kubernetes clusters, choose the agent, and revoke the token under Access tokens",
  },
  { prefix: 'glsoat-', name: 'SCIM token', byHand: "Open the group's Settings › SAML SSO and reset the SCIM token" },
  {
    prefix: 'glffct-',
    name: 'feature flags client token',
    byHand: "Open the project's Deploy › Feature flags › Configure and reset the instance ID",
  },
  {
    prefix: 'gloas-',
    name: 'OAuth application secret',
    byHand:
      'Open the OAuth application under User settings › Applications (or the group or instance Applications) and renew its secret',
  },
  {
    prefix: 'GR1348941',
    name: 'legacy runner registration token',
    byHand: "Open the project's Settings › CI/CD › Runners and reset the registration token",
  },
];

/**
 * A token's prefix, also after an instance's own prefix (a self-managed GitLab may prefix every
 * token, e.g. `mycorp-glpat-…`; gitlab-org/gitlab#388379).
 */
const hasPrefix = (secret: string, prefix: string) =>
  secret.startsWith(prefix) ||
  (prefix.endsWith('-') && new RegExp(`^[A-Za-z0-9_]{1,20}-${prefix.replace(/[-]/g, '\\-')}`).test(secret));

/** The kind of a GitLab token, by its value. */
export function gitlabTokenType(secret: string): GitlabTokenType {
  if (hasPrefix(secret, 'glpat-'))
    return { kind: 'pat', name: 'personal access token', verifiable: true, revocable: true };
  const other = others.find((o) => hasPrefix(secret, o.prefix));
  if (other) return { kind: 'other', name: other.name, verifiable: false, revocable: false, byHand: other.byHand };
  // Before GitLab 14.5 personal access tokens had no prefix; OAuth access tokens never have one,
  // and deploy tokens before 16.7 neither. GitLab reads all of these from `Authorization: Bearer`.
  return { kind: 'unprefixed', name: 'token without a type prefix', verifiable: true, revocable: true };
}

/** Why Lapse cannot ask GitLab about a token of another kind: one sentence for the person. */
export function otherKindSentence(type: GitlabTokenType): string {
  return `GitLab answers for a ${type.name} only on the routes it is made for, so its token API can show it neither live nor dead; Lapse does not check it. ${type.byHand ?? ''}`.trim();
}
