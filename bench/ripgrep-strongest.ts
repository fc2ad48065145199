import { dashWords, underscoreWords, upperAnchors } from '../shared/discovery/prefixed-tokens.js';

// The strongest plain ripgrep invocation for the same job: one ASCII union
// regex of the same token prefixes (`(?-u)`, so ripgrep's literal search does the work), every file
// (hidden ones, no ignore files) except node_modules and .git, and the least output (a count per file).

const literals = [...Object.keys(underscoreWords).map((w) => `${w}_`), ...Object.keys(dashWords).map((w) => `${w}-`)];

/** The union: every prefix the detector starts from. */
export const strongestUnion = `(?-u)(?:${[...literals, upperAnchors.source, 'hooks\\.slack\\.com/', '-----BEGIN '].join('|')})`;

export const strongestRipgrepArgs = (root: string): string[] => [
  '--no-config',
  '--no-ignore',
  '--hidden',
  '-g',
  '!node_modules',
  '-g',
  '!.git',
  '-c',
  '-e',
  strongestUnion,
  root,
];
