import type { Detection } from '../formats.js';
import { checksumVerdict } from './checksums.js';
import { isPublishedExample } from './published-examples.js';
import { looksLikeWords } from './randomness.js';

// What a scan asks of a token of a known prefix before reporting it, beyond its format's prefix and
// alphabet (shared/formats.ts recognises a pasted value generously; a scan reads text nobody vetted).
// Each rule follows its provider's documentation of the format.

const classicGithub = /^gh[pousr]_[A-Za-z0-9]+$/;
// ghs_<app id>_<JWT>: GitHub's 2026 installation-token format.
const githubInstallationJwt = /^ghs_\d+_eyJ[\w-]*\.eyJ[\w-]*\.[\w-]+$/;
const fineGrained = /^github_pat_[A-Za-z0-9]{20,}_[A-Za-z0-9]{40,}$/;
const slackBot = /^xoxb-\d+-\d+-[A-Za-z0-9]+$/;
const slackUser = /^xox[ps]-\d+-\d+-\d+-[A-Za-z0-9]+$/;
const slackLegacy = /^xox[acdor]-\d+-[\w-]+$/;
const slackRotating = /^xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9-]{20,}$/;
const slackApp = /^xapp-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]+$/;
const slackWebhook =
  /^https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]+\/[A-Z0-9]+\/[A-Za-z0-9]{16,}$/;
// OpenAI keys carry "T3BlbkFJ" (base64 of "OpenAI") between two random halves.
const openaiLegacy = /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/;
const openaiScoped = /^sk-(?:proj|svcacct|admin)-[\w-]{20,}T3BlbkFJ[\w-]{20,}$/;
const sentryOrg = /^sntrys_(eyJ[A-Za-z0-9+/]+=*)_[A-Za-z0-9+/=_-]{20,}$/;
const huggingface = /^hf_[A-Za-z]{34}$/;

/** Base64 JSON whose object has `key`: the encoded part some tokens carry (Sentry's org tokens). */
function encodedJsonHas(encoded: string, key: string): boolean {
  try {
    const parsed: unknown = JSON.parse(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof parsed === 'object' && parsed !== null && key in parsed;
  } catch {
    return false;
  }
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** The random part is not all one case: random letters over both cases have several of each. */
const mixedCase = (body: string) => count(body, /[A-Z]/g) >= 3 && count(body, /[a-z]/g) >= 3;

/**
 * Whether a value recognised by its prefix is worth reporting: its provider's documented structure
 * (lengths, checksums, inner separators, markers), not made of words, not a published example.
 */
export function plausibleToken(value: string, detected: Detection): boolean {
  const body = value.slice(detected.prefix.length);
  if (isPublishedExample(value)) return false;
  // Words in lowercase (`your-bot-token`); capitals in a random body group by chance.
  if (detected.provider !== 'jwt' && looksLikeWords(body, true)) return false;
  switch (detected.provider) {
    case 'github':
      if (githubInstallationJwt.test(value)) return true;
      if (classicGithub.test(value)) return value.length === 40 && checksumVerdict(value) === 'valid';
      return detected.prefix !== 'github_pat_' || fineGrained.test(value);
    case 'npm':
      return value.length === 40 && checksumVerdict(value) === 'valid';
    case 'cloudflare':
      return checksumVerdict(value) === 'valid';
    case 'slack':
      if (detected.prefix === 'xoxb-') return slackBot.test(value);
      if (detected.prefix === 'xoxp-' || detected.prefix === 'xoxs-') return slackUser.test(value);
      if (detected.prefix === 'xapp-') return slackApp.test(value);
      if (detected.prefix.startsWith('https:')) return slackWebhook.test(value);
      if (detected.prefix.startsWith('xoxe')) return slackRotating.test(value);
      return slackLegacy.test(value);
    case 'openai':
      return openaiLegacy.test(value) || openaiScoped.test(value);
    case 'sentry': {
      if (detected.prefix === 'sntryu_') return value.length === 71;
      const encoded = sentryOrg.exec(value)?.[1];
      return encoded !== undefined && encodedJsonHas(encoded, 'iat');
    }
    case 'huggingface':
      return detected.prefix !== 'hf_' || (huggingface.test(value) && mixedCase(body));
    case 'stripe':
      // Random base62: both cases (identifiers such as `sk_live_mode` are cut short at the `_` anyway).
      return body.length >= 20 && /[A-Z]/.test(body) && /[a-z]/.test(body);
    default:
      return true;
  }
}
