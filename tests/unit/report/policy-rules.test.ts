import { describe, expect, it } from 'vitest';
import { evaluateToken } from '../../../shared/lifecycle.js';
import { defaultPolicy, parsePolicyValue, policyOverrideSchema } from '../../../shared/policy.js';
import { reportNow, sampleRecord } from './sample-vault.js';

const day = 86_400_000;
const at = (offsetDays: number) => new Date(reportNow + offsetDays * day).toISOString();
const codes = (result: ReturnType<typeof evaluateToken>) => result.findings.map((f) => f.code);

const neverExpiring = () =>
  sampleRecord({
    label: 'forever key',
    provider: 'generic',
    kind: 'API key',
    createdAt: at(-5),
    lastVerifiedAt: at(-1),
  });
const githubToken = (scopes: string[], grantedScopes: string[] | null) =>
  sampleRecord({
    label: 'ci',
    provider: 'github',
    kind: 'classic PAT',
    scopes,
    grantedScopes,
    createdAt: at(-5),
    expiresAt: at(40),
    lastVerifiedAt: at(-1),
  });

describe('policy settings the team policy file and the window share', () => {
  it('a token that never expires is a finding by default, and not when the policy does not require expiry', () => {
    expect(defaultPolicy.requireExpiry).toBe(true);
    expect(codes(evaluateToken(neverExpiring(), reportNow))).toEqual(['no-expiry']);
    expect(evaluateToken(neverExpiring(), reportNow, { requireExpiry: false })).toEqual({
      status: 'healthy',
      findings: [],
    });
  });

  it('a granted scope the policy forbids for its provider makes the token out-of-scope, naming the scope', () => {
    const token = githubToken(['repo'], ['repo', 'admin:org']);
    const { status, findings } = evaluateToken(token, reportNow, {
      forbiddenScopes: { github: ['admin:org', 'delete_repo'] },
    });
    expect(status).toBe('out-of-scope');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('admin:org');
    expect(findings[0]?.message).toContain('forbids');
    expect(findings[0]?.message).not.toContain('delete_repo');
  });

  it('a declared scope the policy forbids counts too, even before the provider reported any', () => {
    const token = githubToken(['repo', 'delete_repo'], null);
    const { findings } = evaluateToken(token, reportNow, { forbiddenScopes: { github: ['delete_repo'] } });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['out-of-scope', 'warning']]);
    expect(findings[0]?.message).toMatch(/Holds delete_repo, which the policy forbids on GitHub tokens/);
  });

  it('forbidden scopes of another provider leave the token alone', () => {
    const token = githubToken(['repo'], ['repo']);
    expect(evaluateToken(token, reportNow, { forbiddenScopes: { gitlab: ['repo'] } }).status).toBe('healthy');
  });

  it('excess scopes and a forbidden one give one out-of-scope finding with both reasons', () => {
    const token = githubToken(['read:org'], ['read:org', 'workflow', 'admin:org']);
    const { findings } = evaluateToken(token, reportNow, { forbiddenScopes: { github: ['admin:org'] } });
    expect(codes({ status: 'out-of-scope', findings })).toEqual(['out-of-scope']);
    expect(findings[0]?.message).toContain('workflow, admin:org are more than it needs');
    expect(findings[0]?.message).toContain('Holds admin:org');
  });

  it('without forbidden scopes the excess-scope finding reads as before', () => {
    const { findings } = evaluateToken(githubToken(['repo'], ['repo', 'gist']), reportNow);
    expect(findings[0]?.message).toBe(
      'Granted repo, gist; its purpose needs repo. gist is more than it needs: narrow its scopes.',
    );
  });

  it('lapse policy set takes requireExpiry true or false, and nothing else for it', () => {
    expect(parsePolicyValue('requireExpiry', 'false')).toEqual({ key: 'requireExpiry', value: false });
    expect(parsePolicyValue('requireExpiry', 'true')).toEqual({ key: 'requireExpiry', value: true });
    expect(parsePolicyValue('requireExpiry', 'no')).toEqual({ problem: 'requireExpiry takes true or false.' });
    expect(parsePolicyValue('forbiddenScopes', '{}')).toHaveProperty('problem');
  });

  it('the vault keeps the new settings as overrides, and old stored overrides still parse', () => {
    expect(policyOverrideSchema.parse({ warningDays: 7 })).toEqual({ warningDays: 7 });
    expect(policyOverrideSchema.parse({ requireExpiry: false, forbiddenScopes: { github: ['admin:org'] } })).toEqual({
      requireExpiry: false,
      forbiddenScopes: { github: ['admin:org'] },
    });
    expect(policyOverrideSchema.safeParse({ forbiddenScopes: { GitHub: ['x'] } }).success).toBe(false);
  });
});
