import { tokenRecordFrom, type TokenRecord } from '../shared/model.js';

const providers = ['github', 'gitlab', 'slack', 'npm', 'jwt', 'generic'] as const;
const day = 86_400_000;

/** A deterministic vault of `count` records spread over every status, as of `now`. */
export function syntheticRecords(count: number, now: number): TokenRecord[] {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: count }, (_, i): TokenRecord => {
    return tokenRecordFrom(draft(i));
  });
  function draft(i: number) {
    const created = now - Math.floor(rand() * 400) * day;
    const expires = rand() < 0.2 ? null : created + Math.floor(rand() * 800) * day;
    return {
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      label: `token ${i}`,
      provider: providers[i % providers.length] ?? ('generic' as const),
      kind: 'personal access token',
      account: rand() < 0.5 ? `user${i % 97}` : null,
      scopes: rand() < 0.5 ? ['read_api'] : [],
      grantedScopes: rand() < 0.3 ? ['read_api', 'api'] : null,
      purpose: 'benchmark record',
      tags: ['bench'],
      baseUrl: null,
      createdAt: iso(created),
      expiresAt: expires === null ? null : iso(expires),
      lastVerifiedAt: rand() < 0.5 ? iso(now - Math.floor(rand() * 60) * day) : null,
      lastUsedAt: rand() < 0.5 ? iso(now - Math.floor(rand() * 60) * day) : null,
      lastRotatedAt: rand() < 0.3 ? iso(now - Math.floor(rand() * 200) * day) : null,
      revokedAt: null,
      masked: 'ghp_…a1b2',
      fingerprint: ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 8),
    };
  }
}
