/**
 * What kind of place a plaintext copy sits in. It decides how the file is read (some hold
 * credentials in their own syntax) and what Lapse advises to stop keeping the copy there.
 */
export const sourceKinds = [
  'npmrc',
  'gh-hosts',
  'netrc',
  'git-credentials',
  'docker-config',
  'pypirc',
  'aws-credentials',
  'glab-config',
  'shell-rc',
  'shell-history',
  'env-file',
  'file',
] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** Files whose whole job is to hold credentials: a value there needs no randomness test. */
export const credentialSources: ReadonlySet<SourceKind> = new Set([
  'npmrc',
  'gh-hosts',
  'netrc',
  'git-credentials',
  'docker-config',
  'pypirc',
  'aws-credentials',
  'glab-config',
]);

/** The known locations under the home folder, with the kind of each. Paths use `/`. */
export const knownLocations: readonly { path: string; source: SourceKind }[] = [
  { path: '.npmrc', source: 'npmrc' },
  { path: '.config/gh/hosts.yml', source: 'gh-hosts' },
  { path: '.netrc', source: 'netrc' },
  { path: '.git-credentials', source: 'git-credentials' },
  { path: '.docker/config.json', source: 'docker-config' },
  { path: '.pypirc', source: 'pypirc' },
  { path: '.aws/credentials', source: 'aws-credentials' },
  { path: '.config/glab-cli/config.yml', source: 'glab-config' },
  { path: '.bashrc', source: 'shell-rc' },
  { path: '.bash_profile', source: 'shell-rc' },
  { path: '.zshrc', source: 'shell-rc' },
  { path: '.zshenv', source: 'shell-rc' },
  { path: '.profile', source: 'shell-rc' },
  { path: '.config/fish/config.fish', source: 'shell-rc' },
  { path: '.bash_history', source: 'shell-history' },
  { path: '.zsh_history', source: 'shell-history' },
  { path: '.local/share/fish/fish_history', source: 'shell-history' },
];

const byBaseName: Record<string, SourceKind> = {
  '.npmrc': 'npmrc',
  '.netrc': 'netrc',
  '.git-credentials': 'git-credentials',
  '.pypirc': 'pypirc',
  '.bashrc': 'shell-rc',
  '.bash_profile': 'shell-rc',
  '.zshrc': 'shell-rc',
  '.zshenv': 'shell-rc',
  '.profile': 'shell-rc',
  '.bash_history': 'shell-history',
  '.zsh_history': 'shell-history',
  fish_history: 'shell-history',
};

/** The kind of place a file is, from its path alone (known locations first, then by name). */
export function sourceOf(path: string): SourceKind {
  const normal = path.replace(/\\/g, '/');
  const known = knownLocations.find((k) => normal.endsWith(`/${k.path}`));
  if (known) return known.source;
  const base = normal.slice(normal.lastIndexOf('/') + 1);
  if (base.startsWith('.env')) return 'env-file';
  return byBaseName[base] ?? 'file';
}
