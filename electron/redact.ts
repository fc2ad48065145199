// Token prefixes whose continuation is a secret, and the Bearer form of any token.
const prefixes = String.raw`gh[pousr]_|github_pat_|glpat-|gl(?:oas|dt|rt|cbt)-|xox[abcdeopr][.-]|xapp-|npm_|sk-ant-[a-z0-9]+-|sk-(?:proj|svcacct|admin)-|sk_(?:live|test)_|rk_(?:live|test|prod)_|sk-|hf_|dop_v1_|doo_v1_|dor_v1_|dckr_pat_|pypi-|sntry[us]_|lin_api_|cf[ua]t_|cfk_|api_org_|vc[pikrc]_|ATATT3|AIza|AKIA|ASIA`;
const tokenShapes = new RegExp(String.raw`\b(?:${prefixes})[A-Za-z0-9_.=+/-]{4,}`, 'g');
/** The public prefix of a value (`github_pat_`, `xoxe.xoxb-` …): shown in every masked form, so never a fragment to mask. */
const publicPrefix = new RegExp(`^(?:${prefixes}|xoxe\\.)+`);
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9_.~+/=-]{8,}/gi;
// "token X" only when X looks like a secret (long, with a digit), so "token inactive" stays readable.
const tokenWord = /\b(token)(\s*[:=]\s*|\s+)(?=[A-Za-z0-9_.~+/=-]*\d)[A-Za-z0-9_.~+/=-]{16,}/gi;
const jwtShape = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

const known = new Set<string>();

/**
 * Any run of this many characters shared with a remembered secret is masked: a provider that
 * echoes part of a token (a 16–20 character fragment, no prefix) must not get it into the vault,
 * the audit log, a report or the terminal.
 */
export const fragmentLength = 8;
/** Every fragment of every remembered value (and of its base64 forms), with how many values hold it. */
const fragments = new Map<string, number>();

/** The value and its base64 at each byte alignment (a Basic header or an encoded echo), whole groups only. */
function formsOf(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = new Set([value]);
  for (let skip = 0; skip < 3 && skip < bytes.length; skip++) {
    const rest = bytes.subarray(skip);
    const whole = Math.floor(rest.length / 3) * 4;
    const standard = rest.toString('base64').slice(0, whole);
    forms.add(standard);
    forms.add(standard.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= fragmentLength);
}

/** Where a value's own windows start: windows wholly inside the public prefix are not secret (the masked form `github_pat_…a1b2` shows them). */
const firstWindowOf = (value: string) => Math.max(0, (publicPrefix.exec(value)?.[0].length ?? 0) - fragmentLength + 1);

/** Values with no window of their own (short, or all prefix): found only by searching for them whole. */
const unpieced = new Set<string>();

function fragmentsOf(value: string): Set<string> {
  const out = new Set<string>();
  for (const form of formsOf(value)) {
    const from = form === value ? firstWindowOf(value) : 0;
    for (let i = from; i + fragmentLength <= form.length; i++) out.add(form.slice(i, i + fragmentLength));
  }
  return out;
}

/** Remember a secret value so every later redaction masks it, and any 8+ character piece of it, whatever its format. */
export function rememberSecret(value: string): void {
  if (value.length < 6 || known.has(value)) return;
  known.add(value);
  if (firstWindowOf(value) + fragmentLength > value.length) unpieced.add(value);
  for (const piece of fragmentsOf(value)) fragments.set(piece, (fragments.get(piece) ?? 0) + 1);
}

export function forgetSecret(value: string): void {
  if (!known.delete(value)) return;
  unpieced.delete(value);
  for (const piece of fragmentsOf(value)) {
    const left = (fragments.get(piece) ?? 0) - 1;
    if (left > 0) fragments.set(piece, left);
    else fragments.delete(piece);
  }
}

/** Whether the text holds any 8-character piece of a remembered secret (so, perhaps, a whole one). */
function holdsFragment(text: string): boolean {
  if (fragments.size === 0) return false;
  for (let i = 0; i + fragmentLength <= text.length; i++)
    if (fragments.has(text.slice(i, i + fragmentLength))) return true;
  return false;
}

/** The text with every run that shares 8+ characters with a remembered secret replaced by `[redacted]`. */
function maskFragments(text: string): string {
  if (fragments.size === 0 || text.length < fragmentLength) return text;
  let hidden: Uint8Array | null = null;
  for (let i = 0; i + fragmentLength <= text.length; i++) {
    if (!fragments.has(text.slice(i, i + fragmentLength))) continue;
    hidden ??= new Uint8Array(text.length);
    hidden.fill(1, i, i + fragmentLength);
  }
  if (!hidden) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!hidden[i]) out += text[i];
    else if (!hidden[i - 1]) out += '[redacted]';
  }
  return out;
}

/** Text fit for a log line or an error message: known secrets (whole or in part) and token-shaped strings masked. */
export function redact(text: string): string {
  let out = text;
  // A value holds its own pieces: where no piece is, no whole value is either, and the text need
  // not be searched for each of hundreds of remembered values (only for those too short for a piece).
  for (const value of holdsFragment(text) ? known : unpieced) out = out.split(value).join('[redacted]');
  return maskFragments(out)
    .replace(tokenShapes, (match) => {
      const prefix = match.slice(0, match.search(/[_-]/) + 1) || match.slice(0, 4);
      // A masked `xoxe.xoxb-…1234` matches as its bare prefix: nothing secret follows it.
      return match === prefix ? match : `${prefix}[redacted]`;
    })
    .replace(bearer, (_m, scheme: string) => `${scheme} [redacted]`)
    .replace(tokenWord, (_m, word: string, gap: string) => `${word}${gap}[redacted]`)
    .replace(jwtShape, '[redacted JWT]');
}
