// Words and marks that say "put your token here" rather than "here is a token".
const placeholderMarks =
  /example|sample|placeholder|dummy|your[_-]?(?:own[_-]?)?(?:token|key|secret|pass|api)|changeme|change[_-]me|redacted|replace[_-]?me|insert[_-]?here|token[_-]?here|key[_-]?here|<|>|\$\{|\$\(|\{\{|\}\}|%[A-Za-z_]+%|\*\*\*|…|\u00e2\u0080\u00a6|\.\.\./i;

// Filler typed as x's, all one case (`xxxx`, `XXXX`); mixed case happens in random text.
const filler = /xxxxx|XXXXX/;

// An example that documentation everywhere copies: the jwt.io sample token.
const jwtIoSample = 'eyJzdWIiOiIxMjM0NTY3ODkw';

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The longest run of one repeated character (digits, or anything else), e.g. 6 for `aaaaaa`. */
function longestRepeat(body: string, digits: boolean): number {
  let best = 1;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    const c = body.charCodeAt(i);
    run = c === body.charCodeAt(i - 1) && isDigit(c) === digits ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** The longest run counting up by one (digits, or letters), e.g. 8 for `12345678` or `abcdefgh`. */
function longestSequence(body: string, digits: boolean): number {
  let best = 1;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const prev = body.charCodeAt(i - 1);
    run = isAlnum(c) && c === prev + 1 && isDigit(c) === digits && isDigit(prev) === digits ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

function distinctCount(body: string): number {
  return new Set(body).size;
}

/**
 * True when a value that has a token's shape is an example, a placeholder or a template: `xxxx…`,
 * `EXAMPLE`, `<token>`, `your_token_here`, `${VAR}`, `{{ secret }}`, runs like `aaaaaa` or
 * `12345678`, or too few distinct characters to be random. `bodyStart` skips a public prefix.
 */
// The passwords every tutorial uses, however spelled (`P@ssw0rd`, `s3cr3t`, `Letmein1!`).
const tutorialPasswords = /^(?:password|secret|changeme|letmein|admin|qwerty|welcome|default)\d*[!.#]*$/;
/** `P@ssw0rd` → `password`: the digits and signs people put for letters, read back as letters. */
export const deleet = (value: string) =>
  value
    .toLowerCase()
    .replace(/0/g, 'o')
    .replace(/[1!|]/g, 'l')
    .replace(/3/g, 'e')
    .replace(/[4@]/g, 'a')
    .replace(/[5$]/g, 's')
    .replace(/7/g, 't');

export function isPlaceholder(value: string, bodyStart = 0): boolean {
  if (placeholderMarks.test(value) || filler.test(value)) return true;
  if (bodyStart === 0 && (tutorialPasswords.test(value.toLowerCase()) || tutorialPasswords.test(deleet(value))))
    return true;
  if (value.includes(jwtIoSample)) return true;
  const body = value.slice(bodyStart);
  if (body.length === 0) return true;
  // Runs and counting sequences: six letters, or eight digits (random digit groups, as in Slack's
  // ids, hold six alike often enough to lose real tokens).
  if (
    longestRepeat(body, false) >= 6 ||
    longestSequence(body, false) >= 6 ||
    longestRepeat(body, true) >= 8 ||
    longestSequence(body, true) >= 8
  )
    return true;
  return body.length >= 12 && distinctCount(body) < Math.min(10, body.length / 4);
}
