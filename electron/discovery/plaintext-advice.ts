import type { PlaintextAdvice } from '../../shared/contract/discovery-calls.js';
import type { SourceKind } from '../../shared/discovery/sources.js';

const neverEdits = 'Lapse never edits your files: make the change yourself, then scan again to check no copy is left.';

/** Per kind of place, what to do so the token lives only in the keychain. `ID` is the token's id. */
const adviceBySource: Record<SourceKind, { title: string; steps: string[] }> = {
  npmrc: {
    title: 'npm (.npmrc)',
    steps: [
      'In .npmrc, replace the token with a variable: //registry.npmjs.org/:_authToken=${NPM_TOKEN}',
      'Fill it from the keychain only when npm needs it: NPM_TOKEN="$(lapse reveal ID)" npm publish',
    ],
  },
  'gh-hosts': {
    title: 'GitHub CLI (gh hosts.yml)',
    steps: [
      'Let gh keep its token in the system keyring: gh auth logout, then gh auth login (without --insecure-storage). hosts.yml then keeps only your user name.',
      'gh auth status shows where the token is kept; gh auth refresh changes its scopes without a plaintext copy.',
    ],
  },
  netrc: {
    title: '~/.netrc',
    steps: [
      'Delete the password from the machine entry.',
      'For git over HTTPS use a keychain-backed credential helper: git config --global credential.helper libsecret (Linux), osxkeychain (macOS) or manager (Windows).',
      'For curl, pass it at run time: curl -H "Authorization: Bearer $(lapse reveal ID)" …',
    ],
  },
  'git-credentials': {
    title: 'git (~/.git-credentials)',
    steps: [
      'Switch git to a keychain-backed helper: git config --global credential.helper libsecret (Linux), osxkeychain (macOS) or manager (Windows).',
      'Then delete the line from ~/.git-credentials: the "store" helper wrote it there in plaintext.',
    ],
  },
  'docker-config': {
    title: 'Docker (~/.docker/config.json)',
    steps: [
      'Set a credential store in ~/.docker/config.json: "credsStore": "secretservice" (Linux, docker-credential-secretservice), "osxkeychain" or "desktop".',
      'Then log in again so the "auth" entry leaves the file: docker logout REGISTRY; lapse reveal ID | docker login -u USER --password-stdin REGISTRY',
    ],
  },
  pypirc: {
    title: 'PyPI (~/.pypirc)',
    steps: [
      'Delete the password line from ~/.pypirc.',
      'Give twine the token at run time: TWINE_USERNAME=__token__ TWINE_PASSWORD="$(lapse reveal ID)" twine upload dist/*',
    ],
  },
  'aws-credentials': {
    title: 'AWS (~/.aws/credentials)',
    steps: [
      'Prefer short-lived credentials: aws configure sso.',
      'Otherwise delete the keys from ~/.aws/credentials and give them at run time: AWS_SECRET_ACCESS_KEY="$(lapse reveal ID)" aws …',
    ],
  },
  'glab-config': {
    title: 'GitLab CLI (glab config.yml)',
    steps: [
      'Delete the token line from glab\'s config.yml and give it at run time: GITLAB_TOKEN="$(lapse reveal ID)" glab …',
    ],
  },
  'shell-rc': {
    title: 'Shell startup files',
    steps: [
      'Replace the exported value with the keychain, read when needed: GITHUB_TOKEN="$(lapse reveal ID)" some-command — or, if it must be exported, export NAME="$(lapse reveal ID)".',
    ],
  },
  'shell-history': {
    title: 'Shell history',
    steps: [
      'Delete the line from your history. bash: history | grep PREFIX to find its number, history -d NUMBER, then history -w. zsh: delete it from ~/.zsh_history with the shell closed. fish: history delete --contains PREFIX.',
      'From now on keep tokens out of it: HISTCONTROL=ignorespace (bash) or setopt HIST_IGNORE_SPACE (zsh), start such commands with a space, and pass tokens as "$(lapse reveal ID)".',
    ],
  },
  'env-file': {
    title: '.env files',
    steps: [
      'Load the value from the keychain at run time instead: NAME="$(lapse reveal ID)" npm start (or your tool\'s way to read a variable from a command).',
      'Delete the line from the .env file, and keep .env files out of git (.gitignore).',
    ],
  },
  file: {
    title: 'Other files',
    steps: [
      'Delete the value from the file and have the program read it from the keychain when it runs (lapse reveal ID).',
      'If the file was ever committed, shared or synced, rotate the token as well.',
    ],
  },
};

/** For each kind of place the imported tokens came from: its files and the steps, naming the token ids. */
export function plaintextAdvice(imported: { source: SourceKind; file: string; tokenId: string }[]): PlaintextAdvice[] {
  const bySource = new Map<SourceKind, { files: Set<string>; ids: Set<string> }>();
  for (const item of imported) {
    const entry = bySource.get(item.source) ?? { files: new Set(), ids: new Set() };
    entry.files.add(item.file);
    entry.ids.add(item.tokenId);
    bySource.set(item.source, entry);
  }
  return [...bySource].map(([source, { files, ids }]) => {
    const id = ids.size === 1 ? ([...ids][0] ?? 'ID') : 'ID';
    const { title, steps } = adviceBySource[source];
    const named = ids.size > 1 ? [`Token ids: ${[...ids].join(', ')}.`] : [];
    return {
      source,
      files: [...files],
      title,
      steps: [...steps.map((s) => s.replaceAll('lapse reveal ID', `lapse reveal ${id}`)), ...named, neverEdits],
    };
  });
}
