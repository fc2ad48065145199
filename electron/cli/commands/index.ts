import type { Command } from '../command.js';

/**
 * One `lapse` subcommand as the registry knows it: its name and one-line summary (for the overview),
 * and how to load the rest. Each command's module (and what it needs) is imported only when that
 * command runs or shows its help, so `lapse --help` and `lapse list` start fast. The summary is the
 * command's own (a test checks they agree).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** Every `lapse` subcommand, in the order --help lists them. Adding one: its file, then a line here. */
export const commands: CommandEntry[] = [
  {
    name: 'add',
    summary: 'store a token (secret from stdin) in the OS keychain',
    load: async () => (await import('./add.js')).addCommand,
  },
  { name: 'list', summary: 'all tokens, most urgent first', load: async () => (await import('./list.js')).listCommand },
  {
    name: 'show',
    summary: "one token's metadata and findings (never the secret)",
    load: async () => (await import('./show.js')).showCommand,
  },
  {
    name: 'reveal',
    summary: 'print the secret (the only command that ever does)',
    load: async () => (await import('./reveal.js')).revealCommand,
  },
  { name: 'edit', summary: "change a token's metadata", load: async () => (await import('./edit.js')).editCommand },
  {
    name: 'rm',
    summary: 'delete a token (to Recently deleted for 30 days; `lapse restore` undoes it)',
    load: async () => (await import('./rm.js')).rmCommand,
  },
  {
    name: 'deleted',
    summary: 'Recently deleted tokens (kept 30 days, restorable); --purge deletes for good',
    load: async () => (await import('./deleted.js')).deletedCommand,
  },
  {
    name: 'restore',
    summary: 'bring a recently deleted token back, secret and all',
    load: async () => (await import('./deleted.js')).restoreCommand,
  },
  {
    name: 'inspect',
    summary: 'what Lapse can tell about a token offline (reads stdin, stores nothing)',
    load: async () => (await import('./inspect.js')).inspectCommand,
  },
  {
    name: 'scan',
    summary: 'find tokens lying in plaintext in files and folders, and your own vault values anywhere',
    load: async () => (await import('./scan.js')).scanCommand,
  },
  {
    name: 'import',
    summary: 'move tokens a scan found into the OS keychain, and say how to drop the plaintext copies',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'verify',
    summary: "ask each token's provider whether it still works, and record what it says",
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'rotate',
    summary: "replace a token's value: automatically where the provider can, guided elsewhere",
    load: async () => (await import('./rotate.js')).rotateCommand,
  },
  {
    name: 'revoke',
    summary: 'revoke a token at its provider, then confirm it is dead',
    load: async () => (await import('./revoke.js')).revokeCommand,
  },
  {
    name: 'authorize',
    summary:
      'issue a new token: sign in at an OAuth issuer (browser or device code), or create a GitHub/GitLab/npm token with its scopes filled in',
    load: async () => (await import('./authorize.js')).authorizeCommand,
  },
  {
    name: 'reauthorize',
    summary:
      'a new grant for a token (OAuth: sign in again; GitHub/GitLab/npm: create it by hand), with no more scope than its purpose; the old one revoked',
    load: async () => (await import('./reauthorize.js')).reauthorizeCommand,
  },
  {
    name: 'forget',
    summary: "remove a revoked token's history from the vault",
    load: async () => (await import('./forget.js')).forgetCommand,
  },
  {
    name: 'offboard',
    summary: 'revoke every token of a tag, provider or account, and write a receipt',
    load: async () => (await import('./offboard.js')).offboardCommand,
  },
  {
    name: 'inventory',
    summary: 'the tokens your accounts have at GitLab and npm that are not in Lapse, and which look stale',
    load: async () => (await import('./inventory.js')).inventoryCommand,
  },
  {
    name: 'log',
    summary: 'the audit log: what happened to tokens (added, verified, rotated, revoked …)',
    load: async () => (await import('./log.js')).logCommand,
  },
  {
    name: 'policy',
    summary: 'show or change the rules tokens are judged by',
    load: async () => (await import('./policy.js')).policyCommand,
  },
  {
    name: 'oauth',
    summary: "a token's OAuth (or Slack app) client credentials and refresh token (kept in the OS keychain)",
    load: async () => (await import('./oauth.js')).oauthCommand,
  },
  {
    name: 'report',
    summary: 'a hygiene report of every token (Markdown, JSON, HTML or CSV), without a single secret',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'check',
    summary: 'exit 1 when a token has a finding at the policy threshold or worse (for cron, CI and git hooks)',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'team',
    summary:
      "merge many machines' JSON reports into one team view, with a team policy check (exit 0, 1 or 2 like check)",
    load: async () => (await import('./team.js')).teamCommand,
  },
  {
    name: 'reminders',
    summary: 'what is due or coming: expiry lead times, rotation, verification; snooze, mute, calendar',
    load: async () => (await import('./reminders.js')).remindersCommand,
  },
  {
    name: 'serve',
    summary: 'the browser shell: the Lapse window in your browser, on 127.0.0.1',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'doctor',
    summary:
      'check what Lapse needs on this machine (keychain, vault, window) and print the commands that fix what is missing',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
];
