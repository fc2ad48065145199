import { createHmac } from 'node:crypto';
import { crc32, toBase62 } from '../shared/discovery/checksums.js';
import { looksLikeIdentifier } from '../shared/discovery/generic-secrets.js';
import { isPlaceholder } from '../shared/discovery/placeholders.js';
import { plausibleToken } from '../shared/discovery/token-shapes.js';
import { looksRandom } from '../shared/discovery/randomness.js';
import { detectToken } from '../shared/formats.js';
import { alphabets as a, base64url, type SeededRandom } from './corpus-random.js';
import { jwtIoSample, lookAlike } from '../tests/helpers/decoy-values.js';

// Every value is obviously fake: FAKE where the format's alphabet allows it, deadbeef where only hex does.

type Build = (r: SeededRandom) => string;

function githubClassic(prefix: string): Build {
  return (r) => {
    const body = `FAKE${r.chars(a.alnum, 26)}`;
    // The checksum as GitHub describes it: a wrong one makes a look-alike, not a token.
    return `${prefix}${body}${toBase62(crc32(body), 6)}`;
  };
}

function cloudflare(prefix: string): Build {
  return (r) => {
    const body = `FAKE${r.chars(a.alnum, 36)}`;
    return `${prefix}${body}${crc32(body).toString(16).padStart(8, '0')}`;
  };
}

function jwt(r: SeededRandom): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: r.chance(0.3) ? 'at+jwt' : 'JWT' }));
  const now = 1_790_000_000 + r.int(10_000_000);
  const payload = base64url(
    JSON.stringify({ sub: `FAKE-${r.chars(a.alnum, 8)}`, iat: now, exp: now + 3600, scope: 'read write' }),
  );
  const signature = createHmac('sha256', r.chars(a.alnum, 16)).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** One builder per format Lapse claims (shared/formats.ts), JWTs included. */
export const formatBuilders: Record<string, Build> = {
  'github classic PAT': githubClassic('ghp_'),
  'github OAuth token': githubClassic('gho_'),
  'github user-to-server token': githubClassic('ghu_'),
  'github installation token': githubClassic('ghs_'),
  'github refresh token': githubClassic('ghr_'),
  'github fine-grained PAT': (r) => `github_pat_11FAKE${r.chars(a.alnum, 16)}_${r.chars(a.alnum, 59)}`,
  'gitlab PAT': (r) => `glpat-FAKE${r.chars(a.wordish, 16)}`,
  'gitlab routable PAT': (r) => `glpat-FAKE${r.chars(a.alnum, 27)}.01.0z1${r.chars(a.digits, 6)}`,
  'gitlab OAuth secret': (r) => `gloas-FAKE${r.chars(a.alnum, 60)}`,
  'gitlab deploy token': (r) => `gldt-FAKE${r.chars(a.alnum, 20)}`,
  'gitlab runner token': (r) => `glrt-FAKE${r.chars(a.wordish, 20)}`,
  'gitlab CI job token': (r) => `glcbt-FAKE${r.chars(a.alnum, 24)}`,
  'slack bot token': (r) => `xoxb-${r.chars(a.digits, 11)}-${r.chars(a.digits, 13)}-FAKE${r.chars(a.alnum, 20)}`,
  'slack user token': (r) =>
    `xoxp-${r.chars(a.digits, 11)}-${r.chars(a.digits, 11)}-${r.chars(a.digits, 13)}-FAKE${r.chars(a.hex, 28)}`,
  'slack rotating bot token': (r) => `xoxe.xoxb-1-FAKE${r.chars(a.alnum, 40)}`,
  'slack rotating user token': (r) => `xoxe.xoxp-1-FAKE${r.chars(a.alnum, 40)}`,
  'slack refresh token': (r) => `xoxe-1-FAKE${r.chars(a.alnum, 60)}`,
  'slack app token': (r) => `xapp-1-A0FAKE${r.chars(a.digits, 6)}-${r.chars(a.digits, 13)}-${r.chars(a.hex, 64)}`,
  'slack legacy token': (r) => `xox${r.pick(['a', 'c', 'd', 'o', 'r'])}-2-FAKE${r.chars(a.alnum, 30)}`,
  'npm token': githubClassic('npm_'),
  'openai legacy key': (r) => `sk-FAKE${r.chars(a.alnum, 16)}T3BlbkFJ${r.chars(a.alnum, 20)}`,
  'openai project key': (r) => `sk-proj-FAKE${r.chars(a.wordish, 54)}T3BlbkFJ${r.chars(a.wordish, 58)}`,
  'openai service account key': (r) => `sk-svcacct-FAKE${r.chars(a.wordish, 54)}T3BlbkFJ${r.chars(a.wordish, 58)}`,
  'openai admin key': (r) => `sk-admin-FAKE${r.chars(a.wordish, 54)}T3BlbkFJ${r.chars(a.wordish, 58)}`,
  'anthropic API key': (r) => `sk-ant-api03-FAKE${r.chars(a.wordish, 86)}AA`,
  'anthropic admin key': (r) => `sk-ant-admin01-FAKE${r.chars(a.wordish, 86)}AA`,
  'stripe live key': (r) => `sk_live_FAKE${r.chars(a.alnum, 24)}`,
  'stripe test key': (r) => `sk_test_FAKE${r.chars(a.alnum, 24)}`,
  'stripe restricted key': (r) => `rk_${r.pick(['live', 'test', 'prod'])}_FAKE${r.chars(a.alnum, 24)}`,
  'aws access key id': (r) => `AKIAFAKE${r.chars(a.base32, 12)}`,
  'aws temporary key id': (r) => `ASIAFAKE${r.chars(a.base32, 12)}`,
  'huggingface token': (r) => `hf_FAKE${r.chars(a.letters, 30)}`,
  'huggingface org token': (r) => `api_org_FAKE${r.chars(a.letters, 30)}`,
  'digitalocean PAT': (r) => `dop_v1_deadbeef${r.chars(a.hex, 56)}`,
  'digitalocean OAuth token': (r) => `doo_v1_deadbeef${r.chars(a.hex, 56)}`,
  'digitalocean refresh token': (r) => `dor_v1_deadbeef${r.chars(a.hex, 56)}`,
  'cloudflare user token': cloudflare('cfut_'),
  'cloudflare account token': cloudflare('cfat_'),
  'cloudflare global key': cloudflare('cfk_'),
  'docker PAT': (r) => `dckr_pat_FAKE${r.chars(a.wordish, 23)}`,
  'pypi token': (r) => `pypi-AgEIcHlwaS5vcmcFAKE${r.chars(a.wordish, 60)}`,
  'sentry user token': (r) => `sntryu_deadbeef${r.chars(a.hex, 56)}`,
  'sentry org token': (r) =>
    `sntrys_${Buffer.from(JSON.stringify({ iat: 1790000000, url: 'https://sentry.io', org: 'FAKE' })).toString('base64')}_${r.chars(a.alnum, 43)}`,
  'linear API key': (r) => `lin_api_FAKE${r.chars(a.alnum, 36)}`,
  'vercel token': (r) => `vc${r.pick(['p', 'i', 'k', 'r', 'c'])}_FAKE${r.chars(a.alnum, 24)}`,
  'atlassian API token': (r) => `ATATT3xFAKE${r.chars(a.alnum, 180)}`,
  'google API key': (r) => `AIzaFAKE${r.chars(a.wordish, 31)}`,
  JWT: jwt,
};

/** Generic secrets: no prefix, random, of the shapes API keys take. */
export const genericBuilders: Record<string, Build> = {
  'base62 key': (r) => `FAKE${r.chars(a.alnum, r.between(24, 40))}`,
  'hex key': (r) => `deadbeef${r.chars(a.hex, r.pick([24, 32, 56]))}`,
  'base64 secret': (r) => `FAKE${r.chars(a.base64, 40)}`,
  'uuid-ish key': (r) =>
    `deadbeef-${r.chars(a.hex, 4)}-4${r.chars(a.hex, 3)}-a${r.chars(a.hex, 3)}-${r.chars(a.hex, 12)}`,
};

/** A value of a builder that is what its format says: recognised, and (by chance) no placeholder. */
export function plantable(build: Build, r: SeededRandom, generic: boolean): string {
  for (;;) {
    const value = build(r);
    const detected = detectToken(value);
    const ok = generic
      ? looksRandom(value) && !isPlaceholder(value) && !detected && !looksLikeIdentifier(value)
      : detected !== null && !isPlaceholder(value, detected.prefix.length) && plausibleToken(value, detected);
    if (ok) return value;
  }
}

/** Values that look like tokens but are not: placeholders, examples, truncated and wrong-alphabet copies. */
export const tokenDecoys: readonly string[] = [
  `ghp_${'x'.repeat(36)}`,
  `ghp_${'X'.repeat(36)}`,
  `github_pat_${'x'.repeat(82)}`,
  'ghp_abc123',
  'ghp_…a1b2',
  'ghp_****************************',
  `gho_${'0'.repeat(36)}`,
  lookAlike('glpat-', 'x'.repeat(20)),
  'glpat-<your-token>',
  lookAlike('xoxb-', 'your-bot-token-here'),
  lookAlike('xoxp-', 'xxxxxxxxxxx-xxxxxxxxxxx'),
  `npm_${'0'.repeat(36)}`,
  'npm_12ab',
  lookAlike('sk-proj-', 'YOUR_OPENAI_KEY_HERE_REPLACE_THIS_WITH_YOURS'),
  'sk-…AbCd',
  lookAlike('sk_live_', 'EXAMPLEKEY1234567890abcdef'),
  lookAlike('sk_test_', '1234567890abcdefghijklmn'),
  lookAlike('AKIA', 'IOSFODNN7EXAMPLE'),
  'AKIAabcdefghijklmnop',
  `hf_${'x'.repeat(34)}`,
  lookAlike('hf_', '1234abcd5678efgh9012ijkl3456mnop'),
  `dop_v1_${'z'.repeat(8)}${'q'.repeat(56)}`,
  `dop_v1_${'g1h2i3j4'.repeat(8)}`,
  'cfut_<token>',
  'dckr_pat_<your-pat>',
  `pypi-AgEIcHlwaS5vcmc${'x'.repeat(60)}`,
  `sntryu_${'0'.repeat(64)}`,
  `lin_api_${'X'.repeat(40)}`,
  lookAlike('vcp_', 'abcdefghijklmnopqrstuvwx'),
  `AIza${'x'.repeat(35)}`,
  jwtIoSample(),
  'sk-ant-api03-abc',
  'xoxb-123',
];

/** Lines that assign something that is not a secret to a key that names one. */
export const contextDecoys: readonly string[] = [
  'GITHUB_TOKEN=${GITHUB_TOKEN}',
  'NPM_TOKEN=$NPM_TOKEN',
  'api_key: {{ secrets.API_KEY }}',
  'token: ${{ secrets.NPM_TOKEN }}',
  'const apiKey = process.env.API_KEY;',
  'SECRET_KEY = os.environ["SECRET_KEY"]',
  'API_KEY=changeme',
  'password: password123',
  'token: "REPLACE_ME"',
  'SECRET_KEY=this-is-not-a-real-secret-key',
  'API_KEY=your_api_key_here',
  'client_secret: <client-secret>',
  'password = getpass.getpass()',
  'token_type: bearer',
  '"tokenizer": "whitespace-standard-analyzer"',
  'DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app',
  'Authorization: Bearer ${TOKEN}',
  'secret_name: prod-database-credentials',
  'password_file: /run/secrets/db_password',
  'token = await getAccessToken(clientId, tenant)',
  'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
];
