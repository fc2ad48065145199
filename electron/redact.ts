// Token prefixes whose continuation is a secret, and the Bearer form of any token.
const tokenShapes =
  /\b(?:gh[pousr]_|github_pat_|glpat-|gl(?:oas|dt|rt|cbt)-|xox[abcdeopr][.-]|xapp-|npm_|sk-ant-[a-z0-9]+-|sk-(?:proj|svcacct|admin)-|sk_(?:live|test)_|rk_(?:live|test|prod)_|sk-|hf_|dop_v1_|doo_v1_|dor_v1_|dckr_pat_|pypi-|sntry[us]_|lin_api_|cf[ua]t_|cfk_|api_org_|vc[pikrc]_|ATATT3|AIza|AKIA|ASIA)[A-Za-z0-9_.=+/-]{4,}/g;
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9_.~+/=-]{8,}/gi;
// "token X" only when X looks like a secret (long, with a digit), so "token inactive" stays readable.
const tokenWord = /\b(token)(\s*[:=]\s*|\s+)(?=[A-Za-z0-9_.~+/=-]*\d)[A-Za-z0-9_.~+/=-]{16,}/gi;
const jwtShape = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

const known = new Set<string>();

/** Remember a secret value so every later redaction masks it exactly, whatever its format. */
export function rememberSecret(value: string): void {
  if (value.length >= 6) known.add(value);
}

export function forgetSecret(value: string): void {
  known.delete(value);
}

/** Text fit for a log line or an error message: known secrets and token-shaped strings masked. */
export function redact(text: string): string {
  let out = text;
  for (const value of known) out = out.split(value).join('[redacted]');
  return out
    .replace(tokenShapes, (match) => {
      const prefix = match.slice(0, match.search(/[_-]/) + 1) || match.slice(0, 4);
      // A masked `xoxe.xoxb-…1234` matches as its bare prefix: nothing secret follows it.
      return match === prefix ? match : `${prefix}[redacted]`;
    })
    .replace(bearer, (_m, scheme: string) => `${scheme} [redacted]`)
    .replace(tokenWord, (_m, word: string, gap: string) => `${word}${gap}[redacted]`)
    .replace(jwtShape, '[redacted JWT]');
}
