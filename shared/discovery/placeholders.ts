// A word as people type it: `dummy`, `DUMMY` or `Dummy`. Random letters spell one in mixed case
// (`DuMmY`) now and then, which is no mark: one random 100-character token in about 300,000 would
// hold such a `dummy` alone.
const cased = (word: string) =>
  `(?:${word}|${word.toUpperCase()}|${(word[0] as string).toUpperCase()}${word.slice(1)})`;
const joined = (...words: string[]) => words.map(cased).join('[_-]?');
const anyOf = (...words: string[]) => `(?:${words.map(cased).join('|')})`;

// Words and marks that say "put your token here" rather than "here is a token".
const placeholderMarks = new RegExp(
  [
    anyOf('example', 'sample', 'placeholder', 'dummy', 'redacted'),
    `${cased('your')}[_-]?(?:${cased('own')}[_-]?)?${anyOf('token', 'key', 'secret', 'pass', 'api')}`,
    joined('change', 'me'),
    joined('replace', 'me'),
    joined('insert', 'here'),
    joined('token', 'here'),
    joined('key', 'here'),
    '<|>|\\$\\{|\\$\\(|\\{\\{|\\}\\}|%[A-Za-z_]+%|\\*\\*\\*|…|\\u00e2\\u0080\\u00a6|\\.\\.\\.',
  ].join('|'),
);

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

/** A run of `letters` letters (or other non-digits) alike or counting up, or of `digits` digits. */
const hasRuns = (text: string, letters: number, digits: number): boolean =>
  longestRepeat(text, false) >= letters ||
  longestSequence(text, false) >= letters ||
  longestRepeat(text, true) >= digits ||
  longestSequence(text, true) >= digits;

// Hex parts of a body (DigitalOcean's and Sentry's 64 hex digits, a Slack app token's last part)
// are checked on their own: a random hex string holds `ffffff` or `abcdef` far more often than a
// base62 one (one 64-digit value in about 16,000 does), so there a run must be longer to mean
// "typed by hand". At least 16 digits, not of mixed case, letters and digits both.
const hexSegment = /(?<![0-9A-Za-z])(?:[0-9a-f]{16,}|[0-9A-F]{16,})(?![0-9A-Za-z])/g;
const hexSegments = (body: string): string[] =>
  (body.match(hexSegment) ?? []).filter((s) => /[0-9]/.test(s) && /[a-fA-F]/.test(s));

/**
 * How long a run must be in random hex of this length to turn up by chance in fewer than one value
 * in ten million (16 symbols: length × 16^−(run − 1) < 10^−7); letters and digits alike.
 */
function hexRuns(length: number): [letters: number, digits: number] {
  const run = Math.ceil(1 + Math.log(length * 1e7) / Math.log(16));
  return [run, Math.max(8, run)];
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
  // ids, hold six alike often enough to lose real tokens); longer in hex (hexRuns).
  const hex = hexSegments(body);
  const rest = hex.reduce((text, segment) => text.replace(segment, ' '), body);
  if (hasRuns(rest, 6, 8) || hex.some((segment) => hasRuns(segment, ...hexRuns(segment.length)))) return true;
  return body.length >= 12 && distinctCount(body) < Math.min(10, body.length / 4);
}
