import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { ProviderId } from './model.js';

/** What Lapse can tell about a value offline, before any provider is asked. */
export interface Detection {
  provider: ProviderId;
  /** e.g. "classic PAT", "bot token". */
  kind: string;
  /** The recognised prefix, shown in the masked form. */
  prefix: string;
  /** Expiry read from the value itself (JWT `exp`), ISO 8601. */
  expiresAt?: string;
  /** Creation read from the value itself (JWT `iat`), ISO 8601. */
  issuedAt?: string;
  /** Scopes read from the value itself (JWT `scope`/`scp`). */
  scopes?: string[];
}

interface FormatRule {
  provider: ProviderId;
  kind: string;
  prefix: string;
  pattern: RegExp;
}

// Order matters: longer, more specific prefixes first. Sources: docs/providers.md.
// Lengths are hints only (providers change them), so patterns bound the alphabet, not the size.
const rules: FormatRule[] = [
  { provider: 'github', kind: 'fine-grained PAT', prefix: 'github_pat_', pattern: /^github_pat_\w{20,}$/ },
  { provider: 'github', kind: 'classic PAT', prefix: 'ghp_', pattern: /^ghp_[A-Za-z0-9]{20,}$/ },
  { provider: 'github', kind: 'OAuth app token', prefix: 'gho_', pattern: /^gho_[A-Za-z0-9]{20,}$/ },
  { provider: 'github', kind: 'GitHub App user token', prefix: 'ghu_', pattern: /^ghu_[A-Za-z0-9]{20,}$/ },
  { provider: 'github', kind: 'GitHub App installation token', prefix: 'ghs_', pattern: /^ghs_[A-Za-z0-9_.-]{20,}$/ },
  { provider: 'github', kind: 'GitHub App refresh token', prefix: 'ghr_', pattern: /^ghr_[A-Za-z0-9]{20,}$/ },
  { provider: 'gitlab', kind: 'personal access token', prefix: 'glpat-', pattern: /^glpat-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'OAuth application secret', prefix: 'gloas-', pattern: /^gloas-[\w-]{20,}$/ },
  { provider: 'gitlab', kind: 'deploy token', prefix: 'gldt-', pattern: /^gldt-[\w-]{20,}$/ },
  { provider: 'gitlab', kind: 'runner token', prefix: 'glrt-', pattern: /^glrt-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'runner token (made by registration)', prefix: 'glrtr-', pattern: /^glrtr-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'runner registration token', prefix: 'GR1348941', pattern: /^GR1348941[\w-]{20,}$/ },
  { provider: 'gitlab', kind: 'CI job token', prefix: 'glcbt-', pattern: /^glcbt-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'pipeline trigger token', prefix: 'glptt-', pattern: /^glptt-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'feed token', prefix: 'glft-', pattern: /^glft-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'incoming mail token', prefix: 'glimt-', pattern: /^glimt-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'agent for Kubernetes token', prefix: 'glagent-', pattern: /^glagent-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'workspace token', prefix: 'glwt-', pattern: /^glwt-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'SCIM token', prefix: 'glsoat-', pattern: /^glsoat-[\w.-]{20,}$/ },
  { provider: 'gitlab', kind: 'feature flags client token', prefix: 'glffct-', pattern: /^glffct-[\w.-]{20,}$/ },
  { provider: 'slack', kind: 'rotating bot token', prefix: 'xoxe.xoxb-', pattern: /^xoxe\.xoxb-[\w-]+$/ },
  { provider: 'slack', kind: 'rotating user token', prefix: 'xoxe.xoxp-', pattern: /^xoxe\.xoxp-[\w-]+$/ },
  { provider: 'slack', kind: 'refresh token', prefix: 'xoxe-', pattern: /^xoxe-\d-[\w-]+$/ },
  { provider: 'slack', kind: 'bot token', prefix: 'xoxb-', pattern: /^xoxb-[\w-]+$/ },
  { provider: 'slack', kind: 'user token', prefix: 'xoxp-', pattern: /^xoxp-[\w-]+$/ },
  { provider: 'slack', kind: 'app-level token', prefix: 'xapp-', pattern: /^xapp-[\w-]+$/ },
  { provider: 'slack', kind: 'legacy token', prefix: 'xox', pattern: /^xox[acdors]-[\w-]+$/ },
  {
    provider: 'slack',
    kind: 'incoming webhook',
    prefix: 'https://hooks.slack.com/',
    pattern: /^https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}$/,
  },
  { provider: 'npm', kind: 'access token', prefix: 'npm_', pattern: /^npm_[A-Za-z0-9]{30,}$/ },
  { provider: 'anthropic', kind: 'admin key', prefix: 'sk-ant-admin01-', pattern: /^sk-ant-admin01-[\w-]{20,}$/ },
  { provider: 'anthropic', kind: 'API key', prefix: 'sk-ant-api0', pattern: /^sk-ant-api0\d-[\w-]{20,}$/ },
  { provider: 'openai', kind: 'project key', prefix: 'sk-proj-', pattern: /^sk-proj-[\w-]{20,}$/ },
  { provider: 'openai', kind: 'service account key', prefix: 'sk-svcacct-', pattern: /^sk-svcacct-[\w-]{20,}$/ },
  { provider: 'openai', kind: 'admin key', prefix: 'sk-admin-', pattern: /^sk-admin-[\w-]{20,}$/ },
  { provider: 'openai', kind: 'API key', prefix: 'sk-', pattern: /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/ },
  { provider: 'stripe', kind: 'live secret key', prefix: 'sk_live_', pattern: /^sk_live_[A-Za-z0-9]{10,}$/ },
  { provider: 'stripe', kind: 'test secret key', prefix: 'sk_test_', pattern: /^sk_test_[A-Za-z0-9]{10,}$/ },
  { provider: 'stripe', kind: 'secret key', prefix: 'sk_prod_', pattern: /^sk_prod_[A-Za-z0-9]{10,}$/ },
  { provider: 'stripe', kind: 'restricted key', prefix: 'rk_', pattern: /^rk_(?:live|test|prod)_[A-Za-z0-9]{10,}$/ },
  { provider: 'aws', kind: 'long-term access key id', prefix: 'AKIA', pattern: /^AKIA[A-Z2-7]{16}$/ },
  { provider: 'aws', kind: 'temporary access key id', prefix: 'ASIA', pattern: /^ASIA[A-Z2-7]{16}$/ },
  { provider: 'aws', kind: 'STS service bearer token id', prefix: 'ABIA', pattern: /^ABIA[A-Z2-7]{16}$/ },
  { provider: 'aws', kind: 'context-specific credential id', prefix: 'ACCA', pattern: /^ACCA[A-Z2-7]{16}$/ },
  { provider: 'aws', kind: 'access key id (older format)', prefix: 'A3T', pattern: /^A3T[A-Z0-9][A-Z2-7]{16}$/ },
  { provider: 'huggingface', kind: 'access token', prefix: 'hf_', pattern: /^hf_[A-Za-z]{30,}$/ },
  { provider: 'huggingface', kind: 'organization token', prefix: 'api_org_', pattern: /^api_org_[A-Za-z]{30,}$/ },
  { provider: 'digitalocean', kind: 'personal access token', prefix: 'dop_v1_', pattern: /^dop_v1_[a-f0-9]{64}$/ },
  { provider: 'digitalocean', kind: 'OAuth token', prefix: 'doo_v1_', pattern: /^doo_v1_[a-f0-9]{64}$/ },
  { provider: 'digitalocean', kind: 'refresh token', prefix: 'dor_v1_', pattern: /^dor_v1_[a-f0-9]{64}$/ },
  { provider: 'cloudflare', kind: 'user API token', prefix: 'cfut_', pattern: /^cfut_[A-Za-z0-9]{40}[a-f0-9]{8}$/ },
  { provider: 'cloudflare', kind: 'account API token', prefix: 'cfat_', pattern: /^cfat_[A-Za-z0-9]{40}[a-f0-9]{8}$/ },
  { provider: 'cloudflare', kind: 'global API key', prefix: 'cfk_', pattern: /^cfk_[A-Za-z0-9]{40}[a-f0-9]{8}$/ },
  { provider: 'docker', kind: 'personal access token', prefix: 'dckr_pat_', pattern: /^dckr_pat_[\w-]{20,}$/ },
  { provider: 'pypi', kind: 'API token', prefix: 'pypi-', pattern: /^pypi-AgEIcHlwaS5vcmc[\w-]{50,}$/ },
  { provider: 'sentry', kind: 'user auth token', prefix: 'sntryu_', pattern: /^sntryu_[a-f0-9]{64}$/ },
  { provider: 'sentry', kind: 'organization auth token', prefix: 'sntrys_', pattern: /^sntrys_[\w=+/-]{20,}$/ },
  { provider: 'linear', kind: 'API key', prefix: 'lin_api_', pattern: /^lin_api_[A-Za-z0-9]{32,128}$/ },
  { provider: 'vercel', kind: 'access token', prefix: 'vc', pattern: /^vc[pikrc]_[A-Za-z0-9]{20,60}$/ },
  { provider: 'atlassian', kind: 'API token', prefix: 'ATATT', pattern: /^ATATT3[A-Za-z0-9_\-=]{100,}$/ },
  { provider: 'google', kind: 'API key', prefix: 'AIza', pattern: /^AIza[\w-]{35}$/ },
];

const jwtShape = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

const isoFromSeconds = (seconds: unknown): string | undefined =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 && seconds < 1e11
    ? new Date(seconds * 1000).toISOString()
    : undefined;

/** The claims of a JWT, or null when the value is not a JWT. Never throws. */
export function readJwt(value: string): { header: Record<string, unknown>; claims: Record<string, unknown> } | null {
  if (!jwtShape.test(value)) return null;
  try {
    return { header: decodeProtectedHeader(value) as Record<string, unknown>, claims: decodeJwt(value) };
  } catch {
    return null;
  }
}

function detectJwt(value: string): Detection | null {
  const jwt = readJwt(value);
  if (!jwt) return null;
  const { claims, header } = jwt;
  const scopeClaim = claims['scope'] ?? claims['scp'];
  const scopes =
    typeof scopeClaim === 'string'
      ? scopeClaim.split(/\s+/).filter(Boolean)
      : Array.isArray(scopeClaim)
        ? scopeClaim.filter((s): s is string => typeof s === 'string')
        : undefined;
  const detection: Detection = {
    provider: 'jwt',
    kind:
      header['alg'] === 'none' ? 'unsecured JWT (alg none)' : header['typ'] === 'at+jwt' ? 'JWT access token' : 'JWT',
    prefix: '',
  };
  const expiresAt = isoFromSeconds(claims.exp);
  const issuedAt = isoFromSeconds(claims.iat);
  if (expiresAt) detection.expiresAt = expiresAt;
  if (issuedAt) detection.issuedAt = issuedAt;
  if (scopes) detection.scopes = scopes;
  return detection;
}

/**
 * Recognise a token from its value alone. A hint, not proof: the provider decides whether it is
 * valid. Returns null for values of no known format.
 */
export function detectToken(value: string): Detection | null {
  const rule = rules.find((r) => r.pattern.test(value));
  if (rule) {
    const prefix =
      rule.prefix === 'xox'
        ? value.slice(0, 5)
        : rule.prefix === 'vc'
          ? value.slice(0, 4)
          : rule.prefix === 'https://hooks.slack.com/'
            ? value.slice(0, value.indexOf('/', 24) + 1)
            : rule.prefix;
    return { provider: rule.provider, kind: rule.kind, prefix };
  }
  return detectJwt(value);
}

/**
 * The masked form every face shows: the recognised prefix (or the first three characters of a
 * long value), an ellipsis and the last four characters. Short values show less.
 */
export function maskSecret(value: string, prefix = detectToken(value)?.prefix ?? ''): string {
  if (value.length < 12) return '••••';
  const head = prefix || (value.length >= 20 ? value.slice(0, 3) : '');
  return `${head}…${value.slice(-4)}`;
}
