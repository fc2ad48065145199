// Tokens built as their providers document them, and look-alikes that must not count. Every value
// is made at run time, says FAKE (or deadbeef where only hex is allowed) and is never real.
import { crc32 } from 'node:zlib';
import type { ProviderId } from '../../../../shared/model.js';
import {
  randomAlnum,
  randomBase32,
  randomDigits,
  randomHex,
  randomLetters,
  randomWordish,
} from '../../../helpers/fake-tokens.js';
import type { SourceName } from './documented-sources.js';

/** GMP base62, the order the GitHub blog's checksum example uses. */
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62Of(n: number, width: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) out = base62[rest % 62] + out;
  return out.padStart(width, '0');
}

/** The documented 30 + 6 scheme: 30 random base62 characters and the base62 CRC32 of them. */
export const checksummed = (prefix: string, body30 = `FAKE${randomAlnum(26)}`): string =>
  `${prefix}${body30}${base62Of(crc32(body30), 6)}`;

/** The same shape with a checksum that does not match (off by one). */
export const badChecksum = (prefix: string): string => {
  const body = `FAKE${randomAlnum(26)}`;
  return `${prefix}${body}${base62Of((crc32(body) + 1) % 2 ** 32, 6)}`;
};

const cloudflare = (prefix: string) => {
  const body = `FAKE${randomAlnum(36)}`;
  return `${prefix}${body}${crc32(body).toString(16).padStart(8, '0')}`;
};

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const base64 = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64').replace(/=+$/, '');

const sentryOrg = () =>
  `sntrys_${base64({ iat: 1_767_225_600.123456, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'fake-org' })}_${randomAlnum(43)}`;

const jwtHs256 = () =>
  `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: `FAKE-${randomAlnum(8)}`, exp: 1_900_000_000 })}.${randomWordish(43)}`;

/** RFC 7519 §6.1: an Unsecured JWT, `alg: none`, empty signature. */
const jwtNone = () =>
  `${base64url({ alg: 'none' })}.${base64url({ iss: 'FAKE-issuer', exp: 1_900_000_000, admin: true })}.`;

const githubInstallationJwt = () =>
  `ghs_${randomDigits(7)}_${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ iss: 'FAKE', exp: 1_900_000_000, repository_ids: [1, 2, 3, 4, 5, 6, 7, 8] })}.${randomWordish(342)}`;

const openaiHalf = () => `FAKE${randomAlnum(16)}`;

export interface DocumentedToken {
  /** Family for the size-by-kind table. */
  kind: string;
  name: string;
  source: SourceName;
  provider: ProviderId;
  build: () => string;
}

export interface NearMiss {
  kind: string;
  /** Why a careful scanner must not report it. */
  why: string;
  source: SourceName;
  build: () => string;
}

export const documentedTokens: DocumentedToken[] = [
  {
    kind: 'GitHub',
    name: 'classic personal access token',
    source: 'githubChecksum',
    provider: 'github',
    build: () => checksummed('ghp_'),
  },
  {
    kind: 'GitHub',
    name: 'OAuth access token',
    source: 'githubChecksum',
    provider: 'github',
    build: () => checksummed('gho_'),
  },
  {
    kind: 'GitHub',
    name: 'user-to-server token',
    source: 'githubChecksum',
    provider: 'github',
    build: () => checksummed('ghu_'),
  },
  {
    kind: 'GitHub',
    name: 'server-to-server token',
    source: 'githubChecksum',
    provider: 'github',
    build: () => checksummed('ghs_'),
  },
  {
    kind: 'GitHub',
    name: 'refresh token',
    source: 'githubChecksum',
    provider: 'github',
    build: () => checksummed('ghr_'),
  },
  {
    kind: 'GitHub',
    name: 'fine-grained personal access token',
    source: 'github',
    provider: 'github',
    build: () => `github_pat_11FAKE${randomAlnum(16)}_${randomAlnum(59)}`,
  },
  {
    kind: 'GitHub',
    name: 'installation token in the JWT format',
    source: 'githubInstallationJwt',
    provider: 'github',
    build: githubInstallationJwt,
  },
  { kind: 'npm', name: 'access token', source: 'npm', provider: 'npm', build: () => checksummed('npm_') },
  {
    kind: 'GitLab',
    name: 'personal access token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glpat-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'routable personal access token',
    source: 'gitlabRoutable',
    provider: 'gitlab',
    build: () => `glpat-FAKE${randomAlnum(33)}.01.0z1${randomDigits(6)}`,
  },
  {
    kind: 'GitLab',
    name: 'OAuth application secret',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `gloas-FAKE${randomAlnum(60)}`,
  },
  {
    kind: 'GitLab',
    name: 'deploy token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `gldt-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'runner authentication token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glrt-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'runner token made by registration',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glrtr-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'CI/CD job token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glcbt-64_FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'pipeline trigger token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glptt-deadbeef${randomHex(32)}`,
  },
  {
    kind: 'GitLab',
    name: 'feed token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glft-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'incoming mail token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glimt-FAKE${randomWordish(21)}`,
  },
  {
    kind: 'GitLab',
    name: 'agent for Kubernetes token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glagent-FAKE${randomWordish(46)}`,
  },
  {
    kind: 'GitLab',
    name: 'workspace token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glwt-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'SCIM token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glsoat-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'feature flags client token',
    source: 'gitlab',
    provider: 'gitlab',
    build: () => `glffct-FAKE${randomWordish(16)}`,
  },
  {
    kind: 'GitLab',
    name: 'runner registration token',
    source: 'gitlabRunnerRegistration',
    provider: 'gitlab',
    build: () => `GR1348941FAKE${randomWordish(16)}`,
  },
  {
    kind: 'Slack',
    name: 'bot token',
    source: 'slackTokens',
    provider: 'slack',
    build: () => `xoxb-${randomDigits(11)}-${randomDigits(13)}-FAKE${randomAlnum(20)}`,
  },
  {
    kind: 'Slack',
    name: 'user token',
    source: 'slackTokens',
    provider: 'slack',
    build: () => `xoxp-${randomDigits(11)}-${randomDigits(11)}-${randomDigits(13)}-deadbeef${randomHex(24)}`,
  },
  {
    kind: 'Slack',
    name: 'app-level token',
    source: 'slackTokens',
    provider: 'slack',
    build: () => `xapp-1-A0FAKE${randomDigits(5)}-${randomDigits(13)}-deadbeef${randomHex(56)}`,
  },
  {
    kind: 'Slack',
    name: 'rotating bot token',
    source: 'slackTokens',
    provider: 'slack',
    build: () => `xoxe.xoxb-1-FAKE${randomAlnum(60)}`,
  },
  {
    kind: 'Slack',
    name: 'refresh token',
    source: 'slackTokens',
    provider: 'slack',
    build: () => `xoxe-1-FAKE${randomAlnum(80)}`,
  },
  {
    kind: 'Slack',
    name: 'legacy workspace token (xoxs-)',
    source: 'slackTokens',
    provider: 'slack',
    build: () => `xoxs-${randomDigits(10)}-${randomDigits(11)}-${randomDigits(12)}-deadbeef${randomHex(56)}`,
  },
  {
    kind: 'Slack',
    name: 'incoming webhook URL',
    source: 'slackWebhooks',
    provider: 'slack',
    build: () =>
      `https://hooks.slack.com/services/T0FAKE${randomBase32(4)}/B0FAKE${randomBase32(4)}/FAKE${randomAlnum(20)}`,
  },
  {
    kind: 'Stripe',
    name: 'live secret key',
    source: 'stripe',
    provider: 'stripe',
    build: () => `sk_live_51FAKE${randomAlnum(93)}`,
  },
  {
    kind: 'Stripe',
    name: 'test secret key',
    source: 'stripe',
    provider: 'stripe',
    build: () => `sk_test_FAKE${randomAlnum(20)}`,
  },
  {
    kind: 'Stripe',
    name: 'restricted live key',
    source: 'stripe',
    provider: 'stripe',
    build: () => `rk_live_FAKE${randomAlnum(20)}`,
  },
  {
    kind: 'Stripe',
    name: 'secret key sk_prod_',
    source: 'stripe',
    provider: 'stripe',
    build: () => `sk_prod_FAKE${randomAlnum(20)}`,
  },
  {
    kind: 'AWS',
    name: 'access key id (AKIA)',
    source: 'aws',
    provider: 'aws',
    build: () => `AKIAFAKE${randomBase32(12)}`,
  },
  {
    kind: 'AWS',
    name: 'temporary key id (ASIA)',
    source: 'aws',
    provider: 'aws',
    build: () => `ASIAFAKE${randomBase32(12)}`,
  },
  {
    kind: 'AWS',
    name: 'STS service bearer token id (ABIA)',
    source: 'aws',
    provider: 'aws',
    build: () => `ABIAFAKE${randomBase32(12)}`,
  },
  {
    kind: 'AWS',
    name: 'context-specific credential id (ACCA)',
    source: 'aws',
    provider: 'aws',
    build: () => `ACCAFAKE${randomBase32(12)}`,
  },
  {
    kind: 'AWS',
    name: 'legacy key id (A3T…)',
    source: 'awsLegacyKeyId',
    provider: 'aws',
    build: () => `A3TFFAKE${randomBase32(12)}`,
  },
  {
    kind: 'OpenAI',
    name: 'legacy API key',
    source: 'openai',
    provider: 'openai',
    build: () => `sk-${openaiHalf()}T3BlbkFJ${openaiHalf()}`,
  },
  {
    kind: 'OpenAI',
    name: 'project key',
    source: 'openai',
    provider: 'openai',
    build: () => `sk-proj-FAKE${randomWordish(70)}T3BlbkFJ${randomWordish(74)}`,
  },
  {
    kind: 'OpenAI',
    name: 'service account key',
    source: 'openai',
    provider: 'openai',
    build: () => `sk-svcacct-FAKE${randomWordish(54)}T3BlbkFJ${randomWordish(58)}`,
  },
  {
    kind: 'OpenAI',
    name: 'admin key',
    source: 'openai',
    provider: 'openai',
    build: () => `sk-admin-FAKE${randomWordish(54)}T3BlbkFJ${randomWordish(58)}`,
  },
  {
    kind: 'Sentry',
    name: 'personal auth token',
    source: 'sentry',
    provider: 'sentry',
    build: () => `sntryu_deadbeef${randomHex(56)}`,
  },
  { kind: 'Sentry', name: 'organization auth token', source: 'sentry', provider: 'sentry', build: sentryOrg },
  {
    kind: 'Hugging Face',
    name: 'user access token',
    source: 'huggingface',
    provider: 'huggingface',
    build: () => `hf_FAKE${randomLetters(30)}`,
  },
  {
    kind: 'Google',
    name: 'API key',
    source: 'google',
    provider: 'google',
    build: () => `AIzaFAKE${randomWordish(31)}`,
  },
  {
    kind: 'Cloudflare',
    name: 'user API token',
    source: 'cloudflare',
    provider: 'cloudflare',
    build: () => cloudflare('cfut_'),
  },
  {
    kind: 'DigitalOcean',
    name: 'personal access token',
    source: 'digitalocean',
    provider: 'digitalocean',
    build: () => `dop_v1_deadbeef${randomHex(56)}`,
  },
  { kind: 'JWT', name: 'signed JWT (HS256)', source: 'jwt', provider: 'jwt', build: jwtHs256 },
  { kind: 'JWT', name: 'unsecured JWT (alg none, empty signature)', source: 'jwt', provider: 'jwt', build: jwtNone },
];

/** Stripe's published sample keys: printed in every example of its docs, so never a leak. */
const stripeSamples = [
  ['sk_test_', 'BQokikJOvBiI2HlWgH4olfQ2'],
  ['sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'],
  ['sk_test_', 'Hrs6SAopgFPF0bZXSN3f6ELN'],
] as const;

export const nearMisses: NearMiss[] = [
  {
    kind: 'GitHub',
    why: 'truncated: a ghp_ with 20 characters',
    source: 'githubChecksum',
    build: () => `ghp_FAKE${randomAlnum(16)}`,
  },
  {
    kind: 'GitHub',
    why: 'truncated: 35 of 36 characters',
    source: 'githubChecksum',
    build: () => checksummed('ghp_').slice(0, -1),
  },
  {
    kind: 'GitHub',
    why: 'right length, checksum does not match',
    source: 'githubChecksum',
    build: () => badChecksum('ghp_'),
  },
  {
    kind: 'GitHub',
    why: 'right length, checksum does not match (gho_)',
    source: 'githubChecksum',
    build: () => badChecksum('gho_'),
  },
  { kind: 'GitHub', why: 'placeholder run', source: 'githubChecksum', build: () => `ghp_${'x'.repeat(36)}` },
  {
    kind: 'GitHub',
    why: 'counting sequence',
    source: 'githubChecksum',
    build: () => `ghp_${'1234567890abcdefghijklmnopqrstuvwxyz'}`,
  },
  {
    kind: 'GitHub',
    why: 'cut at "?": the start of a token in a URL, not a token',
    source: 'githubChecksum',
    build: () => `ghp_FAKE${randomAlnum(12)}?page=2`,
  },
  { kind: 'GitHub', why: 'cut at "#"', source: 'githubChecksum', build: () => `ghp_FAKE${randomAlnum(14)}#readme` },
  {
    kind: 'GitHub',
    why: 'fine-grained look-alike without its second part',
    source: 'github',
    build: () => `github_pat_FAKE${randomAlnum(12)}`,
  },
  { kind: 'npm', why: 'checksum does not match', source: 'npm', build: () => badChecksum('npm_') },
  { kind: 'npm', why: 'an npm config variable, not a token', source: 'npm', build: () => 'npm_config_registry' },
  { kind: 'npm', why: 'an npm lifecycle variable', source: 'npm', build: () => 'npm_package_dependencies_typescript' },
  { kind: 'GitLab', why: 'truncated glpat-', source: 'gitlab', build: () => `glpat-FAKE${randomAlnum(6)}` },
  { kind: 'GitLab', why: 'placeholder', source: 'gitlab', build: () => `glpat-${'x'.repeat(20)}` },
  {
    kind: 'GitLab',
    why: 'template word',
    source: 'gitlab',
    build: () => ['glpat-', 'your_personal_access_token'].join(''),
  },
  {
    kind: 'GitLab',
    why: 'counting sequence',
    source: 'gitlab',
    build: () => ['glpat-', '12345678901234567890'].join(''),
  },
  { kind: 'Slack', why: 'placeholder words', source: 'slackTokens', build: () => 'xoxb-your-bot-token' },
  {
    kind: 'Slack',
    why: 'placeholder run',
    source: 'slackTokens',
    build: () => `xoxb-${'x'.repeat(12)}-${'x'.repeat(12)}-${'x'.repeat(24)}`,
  },
  {
    kind: 'Slack',
    why: 'counting sequences',
    source: 'slackTokens',
    build: () => ['xoxb-', '1234567890-1234567890-abcdefghijklmnopqrstuvwx'].join(''),
  },
  { kind: 'Slack', why: 'truncated', source: 'slackTokens', build: () => 'xoxb-123' },
  {
    kind: 'Slack',
    why: "the docs' webhook placeholder",
    source: 'slackWebhooks',
    build: () => `https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`,
  },
  {
    kind: 'Stripe',
    why: 'a publishable key is public',
    source: 'stripe',
    build: () => `pk_live_FAKE${randomAlnum(20)}`,
  },
  ...stripeSamples.map(([prefix, body]) => ({
    kind: 'Stripe',
    why: "Stripe's published sample key",
    source: 'stripeSamples' as const,
    build: () => prefix + body,
  })),
  {
    kind: 'Stripe',
    why: 'a code identifier that begins with the prefix',
    source: 'stripe',
    build: () => 'sk_live_mode_enabled',
  },
  {
    kind: 'AWS',
    why: 'the documented example key id',
    source: 'awsSecretKey',
    build: () => `AKIA${'IOSFODNN7'}EXAMPLE`,
  },
  {
    kind: 'AWS',
    why: 'lowercase: outside the key id alphabet',
    source: 'aws',
    build: () => `AKIA${randomAlnum(16).toLowerCase()}`,
  },
  { kind: 'AWS', why: 'truncated key id', source: 'aws', build: () => `AKIAFAKE${randomBase32(6)}` },
  {
    kind: 'AWS',
    why: 'an IAM user id names a user; it is not a credential',
    source: 'aws',
    build: () => `AIDAFAKE${randomBase32(13)}`,
  },
  {
    kind: 'OpenAI',
    why: 'sk- key without the T3BlbkFJ marker',
    source: 'openai',
    build: () => `sk-FAKE${randomAlnum(44)}`,
  },
  {
    kind: 'OpenAI',
    why: 'marker, but 19 characters before it',
    source: 'openai',
    build: () => `sk-FAKE${randomAlnum(15)}T3BlbkFJ${randomAlnum(20)}`,
  },
  {
    kind: 'OpenAI',
    why: 'project key without the marker',
    source: 'openai',
    build: () => `sk-proj-FAKE${randomWordish(60)}`,
  },
  {
    kind: 'Sentry',
    why: 'org token without its encoded part',
    source: 'sentry',
    build: () => `sntrys_FAKE${randomAlnum(40)}`,
  },
  {
    kind: 'Sentry',
    why: 'personal token one hex digit short',
    source: 'sentry',
    build: () => `sntryu_deadbeef${randomHex(55)}`,
  },
  {
    kind: 'Hugging Face',
    why: 'a code identifier that begins with hf_',
    source: 'huggingface',
    build: () => 'hf_request_id',
  },
  {
    kind: 'Hugging Face',
    why: 'a function name that begins with hf_',
    source: 'huggingface',
    build: () => 'hf_hub_download',
  },
  {
    kind: 'Hugging Face',
    why: 'digits: outside the token alphabet',
    source: 'huggingface',
    build: () => `hf_FAKE${randomAlnum(20)}1234567890`,
  },
  {
    kind: 'JWT',
    why: "jwt.io's sample token, printed everywhere",
    source: 'jwt',
    build: () =>
      `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`,
  },
  {
    kind: 'JWT',
    why: 'a header alone, no payload',
    source: 'jwt',
    build: () => `${base64url({ alg: 'HS256', typ: 'JWT' })}.`,
  },
  {
    kind: 'Cloudflare',
    why: 'checksum does not match',
    source: 'cloudflare',
    build: () => `cfut_FAKE${randomAlnum(36)}deadbeef`,
  },
];
