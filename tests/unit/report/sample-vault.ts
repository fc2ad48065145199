import fs from 'node:fs';
import path from 'node:path';
import { tokenRecordSchema, type TokenRecord } from '../../../shared/model.js';
import type { PolicyOverride } from '../../../shared/policy.js';
import { vaultFileSchema, type VaultFile } from '../../../electron/vault/vault-file.js';
import { randomHex } from '../../helpers/fake-tokens.js';
import { makeTempDir } from '../../helpers/temp-home.js';

/** The instant every report test judges at. */
export const reportNow = Date.parse('2026-05-01T09:00:00Z');

const day = 86_400_000;
const at = (offsetDays: number) => new Date(reportNow + offsetDays * day).toISOString();
let serial = 0;

type Draft = Partial<TokenRecord> & Pick<TokenRecord, 'label' | 'provider' | 'kind' | 'createdAt'>;

/** A record as the vault keeps it; fields a test leaves out are a fresh, unverified token's. */
export function sampleRecord(draft: Draft): TokenRecord {
  serial += 1;
  return tokenRecordSchema.parse({
    id: `${randomHex(8)}-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`,
    account: null,
    scopes: [],
    purpose: '',
    tags: [],
    baseUrl: null,
    expiresAt: null,
    lastVerifiedAt: null,
    lastUsedAt: null,
    lastRotatedAt: null,
    masked: 'FAKE…0000',
    fingerprint: randomHex(8),
    ...draft,
  });
}

/** A team machine's vault: one token per kind of trouble the report shows, and a few healthy ones. */
export function sampleRecords(): TokenRecord[] {
  return [
    sampleRecord({
      label: 'CI deploy (GitHub Actions)',
      provider: 'github',
      kind: 'classic PAT',
      account: 'acme-deploy-bot',
      purpose: 'push release tags',
      scopes: ['repo'],
      grantedScopes: ['repo', 'admin:org', 'workflow'],
      createdAt: at(-50),
      expiresAt: at(40),
      lastVerifiedAt: at(-2),
      lastUsedAt: at(-1),
    }),
    sampleRecord({
      label: 'npm publish',
      provider: 'npm',
      kind: 'access token',
      account: 'acme',
      purpose: 'publish @acme packages',
      createdAt: at(-93),
      expiresAt: at(-3),
      lastVerifiedAt: at(-20),
      lastUsedAt: at(-4),
    }),
    sampleRecord({
      label: 'Slack alerts bot',
      provider: 'slack',
      kind: 'bot token',
      account: 'acme.slack.com',
      purpose: 'post deploy alerts',
      scopes: ['chat:write'],
      grantedScopes: ['chat:write'],
      createdAt: at(-400),
      lastVerifiedAt: at(-10),
      lastUsedAt: at(-200),
    }),
    sampleRecord({
      label: 'GitLab mirror',
      provider: 'gitlab',
      kind: 'personal access token',
      account: 'mirror-bot',
      scopes: ['read_repository'],
      createdAt: at(-84),
      expiresAt: at(6),
      lastVerifiedAt: at(-3),
      lastRotatedAt: at(-84),
    }),
    sampleRecord({
      label: 'OpenAI experiments',
      provider: 'openai',
      kind: 'project key',
      purpose: 'notebooks',
      createdAt: at(-20),
    }),
    sampleRecord({
      label: 'Stripe test key',
      provider: 'stripe',
      kind: 'test secret key',
      account: 'acct_FAKE',
      createdAt: at(-10),
      expiresAt: at(80),
      lastVerifiedAt: at(-1),
    }),
    sampleRecord({
      label: 'Hugging Face read',
      provider: 'huggingface',
      kind: 'access token',
      createdAt: at(-10),
      expiresAt: at(200),
      lastVerifiedAt: at(-4),
    }),
    sampleRecord({
      label: 'Sentry releases',
      provider: 'sentry',
      kind: 'user auth token',
      createdAt: at(-30),
      expiresAt: at(13),
      lastVerifiedAt: at(-6),
    }),
    sampleRecord({
      label: 'Status page <script>alert("pwned")</script> | ops & on-call',
      provider: 'generic',
      kind: 'API key',
      purpose: '=HYPERLINK("http://example.invalid")',
      createdAt: at(-5),
      expiresAt: at(25),
      lastVerifiedAt: at(-5),
    }),
    sampleRecord({
      label: 'Old AWS key',
      provider: 'aws',
      kind: 'long-term access key id',
      createdAt: at(-500),
      expiresAt: null,
      revokedAt: at(-30),
    }),
  ];
}

/** A vault file holding `records`; fields other areas add to the file take their defaults. */
export const vaultOf = (records: TokenRecord[], policy: PolicyOverride = {}): VaultFile =>
  vaultFileSchema.parse({ version: 1, tokens: Object.fromEntries(records.map((r) => [r.id, r])), policy });

/** A temporary LAPSE_HOME whose vault.json holds `vault` (metadata only: report and check need no keychain). */
export function homeWith(vault: VaultFile): string {
  const home = makeTempDir('lapse-report');
  fs.writeFileSync(path.join(home, 'vault.json'), JSON.stringify(vault), { mode: 0o600 });
  return home;
}
