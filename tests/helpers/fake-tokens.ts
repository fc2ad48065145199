import { randomBytes, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { SignJWT } from 'jose';
import { detectToken } from '../../shared/formats.js';
import type { ProviderId } from '../../shared/model.js';

// Every value here is built at run time and is obviously fake (it says FAKE where the format's
// alphabet allows it, or starts with deadbeef where only hex is allowed). None is ever real.

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';

// The last characters of `out` with `next` after them: five alike, or five counting up by one.
const endsInRun = (out: string, next: string): boolean => {
  const tail = out.slice(-4) + next;
  if (tail.length < 5) return false;
  let alike = true;
  let counting = true;
  for (let i = 1; i < 5; i++) {
    alike &&= tail[i] === tail[0];
    counting &&= tail.charCodeAt(i) === tail.charCodeAt(i - 1) + 1;
  }
  return alike || counting;
};

/**
 * `n` random characters of `alphabet`, as an issuer's random part looks nearly always: no run of
 * five alike or counting up (`aaaaa`, `12345`). Such a run turns up in about one random draw in
 * 10^4–10^6 and reads as typed by hand; a fixture must not hinge on that chance.
 */
const pick = (alphabet: string, n: number): string => {
  let out = '';
  while (out.length < n) {
    const next = alphabet[randomInt(alphabet.length)] as string;
    if (!endsInRun(out, next)) out += next;
  }
  return out;
};

/** Random base62 with capitals, small letters and digits all present, as a random base62 body has. */
const pickBase62 = (n: number): string => {
  for (;;) {
    const out = pick(upper + lower + digits, n);
    if (n < 8 || (/[A-Z]/.test(out) && /[a-z]/.test(out) && /[0-9]/.test(out))) return out;
  }
};

export const randomAlnum = (n: number): string => pickBase62(n);
export const randomLetters = (n: number): string => pick(upper + lower, n);
export const randomHex = (n: number): string => pick('0123456789abcdef', n);
export const randomBase32 = (n: number): string => pick(`${upper}234567`, n);
export const randomDigits = (n: number): string => pick(digits, n);
/** Letters, digits, `_` and `-`: the alphabet most `[\w-]` formats use. */
export const randomWordish = (n: number): string => pick(`${upper}${lower}${digits}_-`, n);

/** A short random id for test resources: keychain service names, labels. */
export const randomId = (n = 10): string => randomBytes(n).toString('hex').slice(0, n);

/** A keychain service name no other test (or person) uses: `lapse-test-<random>`. */
export const testServiceName = (): string => `lapse-test-${randomId(12)}`;

export interface FakeTokenCase {
  /** What a person would call it, for test names. */
  name: string;
  build: () => string;
  provider: ProviderId;
  kind: string;
  /** The prefix the masked form shows. */
  prefix: string;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * GitHub's and npm's documented shape: prefix, 30 random base62 characters, and their CRC32 in
 * base62 as the last 6 (github.blog, 2021-04-05 "Behind GitHub's new authentication token formats").
 */
export function checksummedToken(prefix: string): string {
  const body = `FAKE${randomAlnum(26)}`;
  let crc = '';
  for (let rest = crc32(body); rest > 0; rest = Math.floor(rest / 62)) crc = base62[rest % 62] + crc;
  return `${prefix}${body}${crc.padStart(6, '0')}`;
}

/** Cloudflare's scannable format: 40 base62 characters and their CRC32 as 8 lowercase hex digits. */
const cloudflareToken = (prefix: string) => {
  const body = `FAKE${randomAlnum(36)}`;
  return `${prefix}${body}${crc32(body).toString(16).padStart(8, '0')}`;
};

/** One builder per format shared/formats.ts recognises, each as its provider documents it. */
export const fakeTokens = {
  githubClassic: () => checksummedToken('ghp_'),
  githubOAuth: () => checksummedToken('gho_'),
  githubUserToServer: () => checksummedToken('ghu_'),
  githubInstallation: () => checksummedToken('ghs_'),
  githubRefresh: () => checksummedToken('ghr_'),
  githubFineGrained: () => `github_pat_11FAKE${randomAlnum(16)}_${randomAlnum(59)}`,
  gitlabLegacy: () => `glpat-FAKE${randomWordish(16)}`,
  /** The routable format: payload (27+), `.01.` version, a base-36 length-and-CRC tail. */
  gitlabRoutable: () => `glpat-FAKE${randomAlnum(27)}.01.0z1${randomDigits(6)}`,
  gitlabDeploy: () => `gldt-FAKE${randomAlnum(20)}`,
  slackBot: () => `xoxb-${randomDigits(11)}-${randomDigits(13)}-FAKE${randomAlnum(20)}`,
  slackUser: () => `xoxp-${randomDigits(11)}-${randomDigits(11)}-${randomDigits(13)}-deadbeef${randomHex(24)}`,
  slackRotatingBot: () => `xoxe.xoxb-1-FAKE${randomAlnum(40)}`,
  slackRotatingUser: () => `xoxe.xoxp-1-FAKE${randomAlnum(40)}`,
  slackRefresh: () => `xoxe-1-FAKE${randomAlnum(60)}`,
  slackApp: () => `xapp-1-A0FAKE${randomDigits(6)}-${randomDigits(13)}-${randomHex(64)}`,
  npm: () => checksummedToken('npm_'),
  awsAccessKeyId: () => `AKIAFAKE${randomBase32(12)}`,
  awsTemporaryKeyId: () => `ASIAFAKE${randomBase32(12)}`,
  openaiLegacy: () => `sk-FAKE${randomAlnum(16)}T3BlbkFJ${randomAlnum(20)}`,
  openaiProject: () => `sk-proj-FAKE${randomWordish(54)}T3BlbkFJ${randomWordish(58)}`,
  openaiServiceAccount: () => `sk-svcacct-FAKE${randomWordish(54)}T3BlbkFJ${randomWordish(58)}`,
  openaiAdmin: () => `sk-admin-FAKE${randomWordish(54)}T3BlbkFJ${randomWordish(58)}`,
  anthropicApi: () => `sk-ant-api03-FAKE${randomWordish(86)}AA`,
  anthropicAdmin: () => `sk-ant-admin01-FAKE${randomWordish(86)}AA`,
  stripeLive: () => `sk_live_FAKE${randomAlnum(24)}`,
  stripeTest: () => `sk_test_FAKE${randomAlnum(24)}`,
  stripeRestricted: () => `rk_test_FAKE${randomAlnum(24)}`,
  huggingface: () => `hf_FAKE${randomLetters(30)}`,
  huggingfaceOrg: () => `api_org_FAKE${randomLetters(30)}`,
  digitaloceanPat: () => `dop_v1_deadbeef${randomHex(56)}`,
  digitaloceanOAuth: () => `doo_v1_deadbeef${randomHex(56)}`,
  digitaloceanRefresh: () => `dor_v1_deadbeef${randomHex(56)}`,
  cloudflareUser: () => cloudflareToken('cfut_'),
  cloudflareAccount: () => cloudflareToken('cfat_'),
  cloudflareGlobal: () => cloudflareToken('cfk_'),
  docker: () => `dckr_pat_FAKE${randomWordish(23)}`,
  pypi: () => `pypi-AgEIcHlwaS5vcmcFAKE${randomWordish(60)}`,
  sentryUser: () => `sntryu_deadbeef${randomHex(56)}`,
  linear: () => `lin_api_FAKE${randomAlnum(36)}`,
  vercel: () => `vcp_FAKE${randomAlnum(20)}`,
  atlassian: () => `ATATT3xFAKE${randomAlnum(180)}`,
  google: () => `AIzaFAKE${randomWordish(31)}`,
} as const;

/** Each recognised format with what detectToken must say about it. */
export const fakeTokenCases: readonly FakeTokenCase[] = [
  {
    name: 'GitHub classic PAT',
    build: fakeTokens.githubClassic,
    provider: 'github',
    kind: 'classic PAT',
    prefix: 'ghp_',
  },
  {
    name: 'GitHub OAuth token',
    build: fakeTokens.githubOAuth,
    provider: 'github',
    kind: 'OAuth app token',
    prefix: 'gho_',
  },
  {
    name: 'GitHub App user token',
    build: fakeTokens.githubUserToServer,
    provider: 'github',
    kind: 'GitHub App user token',
    prefix: 'ghu_',
  },
  {
    name: 'GitHub App installation token',
    build: fakeTokens.githubInstallation,
    provider: 'github',
    kind: 'GitHub App installation token',
    prefix: 'ghs_',
  },
  {
    name: 'GitHub refresh token',
    build: fakeTokens.githubRefresh,
    provider: 'github',
    kind: 'GitHub App refresh token',
    prefix: 'ghr_',
  },
  {
    name: 'GitHub fine-grained PAT',
    build: fakeTokens.githubFineGrained,
    provider: 'github',
    kind: 'fine-grained PAT',
    prefix: 'github_pat_',
  },
  {
    name: 'GitLab legacy PAT',
    build: fakeTokens.gitlabLegacy,
    provider: 'gitlab',
    kind: 'personal access token',
    prefix: 'glpat-',
  },
  {
    name: 'GitLab routable PAT',
    build: fakeTokens.gitlabRoutable,
    provider: 'gitlab',
    kind: 'personal access token',
    prefix: 'glpat-',
  },
  {
    name: 'GitLab deploy token',
    build: fakeTokens.gitlabDeploy,
    provider: 'gitlab',
    kind: 'deploy token',
    prefix: 'gldt-',
  },
  { name: 'Slack bot token', build: fakeTokens.slackBot, provider: 'slack', kind: 'bot token', prefix: 'xoxb-' },
  { name: 'Slack user token', build: fakeTokens.slackUser, provider: 'slack', kind: 'user token', prefix: 'xoxp-' },
  {
    name: 'Slack rotating bot token',
    build: fakeTokens.slackRotatingBot,
    provider: 'slack',
    kind: 'rotating bot token',
    prefix: 'xoxe.xoxb-',
  },
  {
    name: 'Slack rotating user token',
    build: fakeTokens.slackRotatingUser,
    provider: 'slack',
    kind: 'rotating user token',
    prefix: 'xoxe.xoxp-',
  },
  {
    name: 'Slack refresh token',
    build: fakeTokens.slackRefresh,
    provider: 'slack',
    kind: 'refresh token',
    prefix: 'xoxe-',
  },
  {
    name: 'Slack app-level token',
    build: fakeTokens.slackApp,
    provider: 'slack',
    kind: 'app-level token',
    prefix: 'xapp-',
  },
  { name: 'npm token', build: fakeTokens.npm, provider: 'npm', kind: 'access token', prefix: 'npm_' },
  {
    name: 'AWS access key id',
    build: fakeTokens.awsAccessKeyId,
    provider: 'aws',
    kind: 'long-term access key id',
    prefix: 'AKIA',
  },
  {
    name: 'AWS temporary key id',
    build: fakeTokens.awsTemporaryKeyId,
    provider: 'aws',
    kind: 'temporary access key id',
    prefix: 'ASIA',
  },
  { name: 'OpenAI legacy key', build: fakeTokens.openaiLegacy, provider: 'openai', kind: 'API key', prefix: 'sk-' },
  {
    name: 'OpenAI project key',
    build: fakeTokens.openaiProject,
    provider: 'openai',
    kind: 'project key',
    prefix: 'sk-proj-',
  },
  {
    name: 'OpenAI service account key',
    build: fakeTokens.openaiServiceAccount,
    provider: 'openai',
    kind: 'service account key',
    prefix: 'sk-svcacct-',
  },
  {
    name: 'OpenAI admin key',
    build: fakeTokens.openaiAdmin,
    provider: 'openai',
    kind: 'admin key',
    prefix: 'sk-admin-',
  },
  {
    name: 'Anthropic API key',
    build: fakeTokens.anthropicApi,
    provider: 'anthropic',
    kind: 'API key',
    prefix: 'sk-ant-api0',
  },
  {
    name: 'Anthropic admin key',
    build: fakeTokens.anthropicAdmin,
    provider: 'anthropic',
    kind: 'admin key',
    prefix: 'sk-ant-admin01-',
  },
  {
    name: 'Stripe live key',
    build: fakeTokens.stripeLive,
    provider: 'stripe',
    kind: 'live secret key',
    prefix: 'sk_live_',
  },
  {
    name: 'Stripe test key',
    build: fakeTokens.stripeTest,
    provider: 'stripe',
    kind: 'test secret key',
    prefix: 'sk_test_',
  },
  {
    name: 'Stripe restricted key',
    build: fakeTokens.stripeRestricted,
    provider: 'stripe',
    kind: 'restricted key',
    prefix: 'rk_',
  },
  {
    name: 'Hugging Face token',
    build: fakeTokens.huggingface,
    provider: 'huggingface',
    kind: 'access token',
    prefix: 'hf_',
  },
  {
    name: 'Hugging Face org token',
    build: fakeTokens.huggingfaceOrg,
    provider: 'huggingface',
    kind: 'organization token',
    prefix: 'api_org_',
  },
  {
    name: 'DigitalOcean PAT',
    build: fakeTokens.digitaloceanPat,
    provider: 'digitalocean',
    kind: 'personal access token',
    prefix: 'dop_v1_',
  },
  {
    name: 'DigitalOcean OAuth token',
    build: fakeTokens.digitaloceanOAuth,
    provider: 'digitalocean',
    kind: 'OAuth token',
    prefix: 'doo_v1_',
  },
  {
    name: 'DigitalOcean refresh token',
    build: fakeTokens.digitaloceanRefresh,
    provider: 'digitalocean',
    kind: 'refresh token',
    prefix: 'dor_v1_',
  },
  {
    name: 'Cloudflare user token',
    build: fakeTokens.cloudflareUser,
    provider: 'cloudflare',
    kind: 'user API token',
    prefix: 'cfut_',
  },
  {
    name: 'Cloudflare account token',
    build: fakeTokens.cloudflareAccount,
    provider: 'cloudflare',
    kind: 'account API token',
    prefix: 'cfat_',
  },
  {
    name: 'Cloudflare global key',
    build: fakeTokens.cloudflareGlobal,
    provider: 'cloudflare',
    kind: 'global API key',
    prefix: 'cfk_',
  },
  {
    name: 'Docker Hub PAT',
    build: fakeTokens.docker,
    provider: 'docker',
    kind: 'personal access token',
    prefix: 'dckr_pat_',
  },
  { name: 'PyPI token', build: fakeTokens.pypi, provider: 'pypi', kind: 'API token', prefix: 'pypi-' },
  {
    name: 'Sentry user token',
    build: fakeTokens.sentryUser,
    provider: 'sentry',
    kind: 'user auth token',
    prefix: 'sntryu_',
  },
  { name: 'Linear API key', build: fakeTokens.linear, provider: 'linear', kind: 'API key', prefix: 'lin_api_' },
  { name: 'Vercel token', build: fakeTokens.vercel, provider: 'vercel', kind: 'access token', prefix: 'vcp_' },
  {
    name: 'Atlassian API token',
    build: fakeTokens.atlassian,
    provider: 'atlassian',
    kind: 'API token',
    prefix: 'ATATT',
  },
  { name: 'Google API key', build: fakeTokens.google, provider: 'google', kind: 'API key', prefix: 'AIza' },
];

export interface FakeJwtOptions {
  /** Seconds since the epoch. */
  exp?: number;
  iat?: number;
  scope?: string;
  scp?: string[];
  typ?: string;
  subject?: string;
}

/** A real, signed JWT (HS256 with a key made now), obviously fake in its subject. */
export async function fakeJwt(options: FakeJwtOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (options.scope !== undefined) claims['scope'] = options.scope;
  if (options.scp !== undefined) claims['scp'] = options.scp;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', ...(options.typ ? { typ: options.typ } : {}) })
    .setSubject(options.subject ?? `FAKE-${randomId(8)}`);
  if (options.iat !== undefined) jwt = jwt.setIssuedAt(options.iat);
  if (options.exp !== undefined) jwt = jwt.setExpirationTime(options.exp);
  return jwt.sign(randomBytes(32));
}

/** A JWT with any header and claims (a forgery's: its signature is random bytes, checked by nothing offline). */
export function fakeJwtWithClaims(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', ...header })}.${part({ jti: `FAKE-${randomId(8)}`, ...claims })}.${randomBytes(32).toString('base64url')}`;
}

/** A canary secret for "this must never appear here" checks: no known prefix, distinctive body. */
export const canarySecret = (): string => `FAKE-canary-${randomAlnum(24)}`;

/**
 * Every form of a secret that must never show up where secrets must not be: the value, its
 * base64 and hex (an "obfuscated" copy is still a copy), and 10-character slices of what follows
 * its public prefix (a partial copy). The masked form's last four characters are shorter than any
 * slice, and the prefix (`ghp_`, `github_pat_` …) is public, so neither counts.
 */
export function secretTraces(secret: string): string[] {
  const traces = new Set([secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]);
  const start = detectToken(secret)?.prefix.length ?? 0;
  for (let i = start; i + 10 <= secret.length; i += 5) traces.add(secret.slice(i, i + 10));
  return [...traces];
}

/** The traces of `secret` found in `text` (empty when the text is clean). */
export const tracesIn = (text: string, secret: string): string[] =>
  secretTraces(secret).filter((t) => text.includes(t));
