import { describe, expect, it } from 'vitest';
import type { FindingCode, TokenView } from '../../shared/model.js';
import { evaluateToken } from '../../shared/lifecycle.js';
import { laggingExpiry, nextExpiryBoundary } from '../../renderer/app/expiryBoundary.js';
import { createTicker, type TickerClock } from '../../renderer/app/ticker.js';
import { filterTokens, noFilter } from '../../renderer/features/filters/filter.js';
import { countGroups, inGroup } from '../../renderer/features/filters/groups.js';
import { sortTokens } from '../../renderer/features/filters/sort.js';
import { layoutTimeline } from '../../renderer/features/overview/timeline.js';
import { policyChanges, draftOf } from '../../renderer/features/settings/policyFields.js';
import { rowHeight, rowWindow } from '../../renderer/features/tokens/useVisibleRows.js';
import { defaultPolicy } from '../../shared/policy.js';
import { makeRecord } from '../helpers/records.js';

const s = 1000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;
const now = Date.parse('2026-06-15T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A token as the service would list it at `now`. */
function view(label: string, fields: Parameters<typeof makeRecord>[0] = {}): TokenView {
  const record = makeRecord({ label, createdAt: iso(now - 10 * d), ...fields });
  return { ...record, ...evaluateToken(record, now) };
}

/** A clock whose timers run only when told, so the ticker's cadence can be read off. */
function manualClock(start: number) {
  let at = start;
  const timers = new Map<number, { due: number; run: () => void }>();
  let next = 1;
  const clock: TickerClock = {
    now: () => at,
    setTimeout(run, ms) {
      timers.set(next, { due: at + ms, run });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle),
  };
  /** Milliseconds until the one armed timer is due. */
  const sleep = () => {
    const due = [...timers.values()].map((t) => t.due);
    expect(due.length).toBeLessThanOrEqual(1); // one ticker, one timer
    return due.length ? (due[0] as number) - at : Infinity;
  };
  const fire = () => {
    const [handle, timer] = [...timers.entries()][0] ?? [];
    if (handle === undefined || !timer) throw new Error('no timer armed');
    timers.delete(handle);
    at = timer.due;
    timer.run();
  };
  return { clock, sleep, fire };
}

describe('the window ticker', () => {
  it('ticks every second for a countdown in its last hour, every minute within two days, and stops when nothing is on screen', () => {
    const { clock, sleep, fire } = manualClock(now);
    const ticker = createTicker(clock);
    let renders = 0;
    ticker.subscribe(() => renders++);
    const unwatchFar = ticker.watchExpiry(iso(now + 3 * d + 30 * min));
    expect(sleep()).toBeGreaterThan(min);
    const unwatchNear = ticker.watchExpiry(iso(now + 42 * min + 10 * s + 500));
    expect(sleep()).toBe(501);
    fire();
    expect(sleep()).toBe(s);
    const before = renders;
    for (let i = 0; i < 5; i++) fire();
    expect(renders - before).toBe(5);
    unwatchNear();
    expect(sleep()).toBeGreaterThan(min);
    unwatchFar();
    expect(sleep()).toBe(Infinity);
  });
});

describe('list groups', () => {
  it('sorts tokens into expired, expiring this week, stale and out of scope as the summary bar counts them', () => {
    const tokens = [
      view('gone', { expiresAt: iso(now - d), lastVerifiedAt: iso(now - d) }),
      view('soon', { expiresAt: iso(now + 3 * d), lastVerifiedAt: iso(now - d) }),
      view('in ten days', { expiresAt: iso(now + 10 * d), lastVerifiedAt: iso(now - d) }),
      view('never checked', { expiresAt: iso(now + 30 * d), createdAt: iso(now - 40 * d) }),
      view('wide', {
        expiresAt: iso(now + 30 * d),
        lastVerifiedAt: iso(now - d),
        scopes: ['read'],
        grantedScopes: ['read', 'admin'],
      }),
      view('fine', { expiresAt: iso(now + 30 * d), lastVerifiedAt: iso(now - d) }),
      view('just added', { expiresAt: iso(now + 30 * d), createdAt: iso(now - d) }),
    ];
    const codes = (t: TokenView): FindingCode[] => t.findings.map((f) => f.code);
    expect(tokens.map(codes)).toEqual([
      ['expired'],
      ['expiring'],
      ['expiring'],
      ['unverified'],
      ['out-of-scope'],
      [],
      ['not-verified-yet'],
    ]);
    const counts = countGroups(tokens, now);
    // A token added yesterday and not verified yet is not stale: stale means left alone too long.
    expect(counts).toMatchObject({
      all: 7,
      expired: 1,
      expiring: 2,
      'expiring-week': 1,
      stale: 1,
      'out-of-scope': 1,
      'needs-action': 4,
    });
    expect(tokens.filter((t) => inGroup(t, 'expiring-week', now)).map((t) => t.label)).toEqual(['soon']);
    // "this week" moves with the clock: four days on, the ten-day token is in it.
    expect(inGroup(tokens[2] as TokenView, 'expiring-week', now + 4 * d)).toBe(true);
  });
});

describe('the header chips', () => {
  it('count the critical states the list shows: exposed, secret missing, expired, revocation pending', () => {
    const tokens = [
      view('leaked', {
        expiresAt: iso(now + 30 * d),
        lastVerifiedAt: iso(now - d),
        exposures: [{ file: '/w/.env', line: 1, foundAt: iso(now - d) }],
      }),
      view('revoking', {
        expiresAt: iso(now + 30 * d),
        lastVerifiedAt: iso(now - d),
        revocation: { requestedAt: iso(now - d), confirmedAt: null, method: 'api', target: 'this' },
      }),
      view('old value live', {
        expiresAt: iso(now + 30 * d),
        lastVerifiedAt: iso(now - d),
        revocation: { requestedAt: iso(now - d), confirmedAt: null, method: 'manual', target: 'previous' },
      }),
      view('gone secret', {
        expiresAt: iso(now + 30 * d),
        lastVerifiedAt: iso(now - d),
        secretMissingSince: iso(now - h),
      }),
    ];
    expect(countGroups(tokens, now)).toMatchObject({
      exposed: 1,
      'revocation-pending': 2,
      'secret-missing': 1,
      'needs-action': 4,
      stale: 0,
    });
  });
});

describe('search and sort', () => {
  const tokens = [
    view('deploy-bot', {
      provider: 'gitlab',
      tags: ['ci'],
      purpose: 'deploys the site',
      scopes: ['api'],
      account: 'alice',
      expiresAt: iso(now + 9 * d),
      lastVerifiedAt: iso(now - 2 * d),
    }),
    view('laptop push', {
      provider: 'github',
      tags: ['work'],
      purpose: 'push from the laptop',
      scopes: ['repo'],
      expiresAt: iso(now + 3 * d),
      lastVerifiedAt: null,
    }),
    view('metrics', {
      provider: 'jwt',
      kind: 'JWT',
      tags: ['work', 'ci'],
      grantedScopes: ['read:metrics', 'write:metrics'],
      expiresAt: null,
      lastVerifiedAt: iso(now - 20 * d),
    }),
  ];
  const names: Record<string, string> = { gitlab: 'GitLab', github: 'GitHub', jwt: 'JWT' };
  const found = (query: string) =>
    filterTokens(tokens, { ...noFilter, query }, now, (p) => names[p] ?? p).map((t) => t.label);

  it('finds a word in the label, a tag, the provider, the account, the purpose or a scope; every word must match', () => {
    expect(found('work')).toEqual(['laptop push', 'metrics']);
    expect(found('#ci')).toEqual(['deploy-bot', 'metrics']);
    expect(found('github')).toEqual(['laptop push']);
    expect(found('ALICE')).toEqual(['deploy-bot']);
    expect(found('laptop')).toEqual(['laptop push']);
    expect(found('write:metrics')).toEqual(['metrics']);
    expect(found('repo')).toEqual(['laptop push']);
    expect(found('ci deploys')).toEqual(['deploy-bot']);
    expect(found('ci nothing-like-this')).toEqual([]);
    expect(found('  ')).toHaveLength(3);
  });

  it('sorts by name, provider, expiry (none last) or last verified (never first), either way', () => {
    const label = (t: TokenView) => t.label;
    const byName = (t: TokenView) => names[t.provider] ?? t.provider;
    expect(sortTokens(tokens, { key: 'label', descending: false }, byName).map(label)).toEqual([
      'deploy-bot',
      'laptop push',
      'metrics',
    ]);
    expect(sortTokens(tokens, { key: 'label', descending: true }, byName).map(label)).toEqual([
      'metrics',
      'laptop push',
      'deploy-bot',
    ]);
    expect(sortTokens(tokens, { key: 'provider', descending: false }, byName).map(label)).toEqual([
      'laptop push',
      'deploy-bot',
      'metrics',
    ]);
    expect(sortTokens(tokens, { key: 'expires', descending: false }, byName).map(label)).toEqual([
      'laptop push',
      'deploy-bot',
      'metrics',
    ]);
    expect(sortTokens(tokens, { key: 'verified', descending: false }, byName).map(label)).toEqual([
      'laptop push',
      'metrics',
      'deploy-bot',
    ]);
    expect(sortTokens(tokens, { key: 'urgency', descending: false }, byName)).toBe(tokens);
  });
});

describe('status refresh', () => {
  it('asks again when the next token enters its warning window or expires, whichever comes first', () => {
    const tokens = [view('a', { expiresAt: iso(now + 20 * d) }), view('b', { expiresAt: iso(now + 2 * h) })];
    expect(nextExpiryBoundary(tokens, 14, now)).toBe(now + 2 * h);
    expect(nextExpiryBoundary(tokens.slice(0, 1), 14, now)).toBe(now + 6 * d);
    expect(nextExpiryBoundary(tokens.slice(0, 1), 45, now)).toBe(now + 20 * d);
    expect(laggingExpiry(tokens, now + 2 * h)).toBe(true);
    expect(laggingExpiry(tokens, now)).toBe(false);
  });
});

describe('the expiry timeline', () => {
  it('places only tokens expiring in the next 90 days, in order, without overlapping labels', () => {
    const tokens = Array.from({ length: 60 }, (_, i) =>
      view(`token number ${i}`, { expiresAt: iso(now + (i * 2 - 10) * d + h) }),
    );
    const layout = layoutTimeline(tokens, now, 900);
    expect(layout.marks.map((m) => m.token.label)).toEqual(tokens.slice(5, 50).map((t) => t.label));
    expect(layout.expired).toHaveLength(5);
    expect(layout.later).toBe(10);
    expect(layout.marks.every((m, i, all) => i === 0 || m.x >= (all[i - 1] as typeof m).x)).toBe(true);
    const labelled = layout.marks.filter((m) => m.label);
    expect(labelled.length).toBeGreaterThan(10);
    for (const a of labelled) {
      for (const b of labelled) {
        if (a === b || a.lane !== b.lane || b.x <= a.x) continue;
        expect(b.x - 8).toBeGreaterThan(a.x + 12 + (a.label?.length ?? 0) * 6.6 - 1); // b starts after a's label ends
      }
    }
    expect(layout.marks.every((m) => m.x >= 96 && m.x <= 900)).toBe(true);
  });
});

describe('the virtual list', () => {
  it('renders the rows in view plus a few either side, never past the ends', () => {
    expect(rowWindow(0, 520, 1000)).toEqual({ start: 0, end: 16 });
    expect(rowWindow(500 * rowHeight, 520, 1000)).toEqual({ start: 494, end: 516 });
    expect(rowWindow(990 * rowHeight, 520, 1000)).toEqual({ start: 984, end: 1000 });
    expect(rowWindow(0, 520, 3)).toEqual({ start: 0, end: 3 });
  });
});

describe('saving the policy', () => {
  it('sends what differs from the default as overrides and returns the rest to the default', () => {
    const draft = draftOf({ ...defaultPolicy, warningDays: 30 });
    draft.days.warningDays = '14'; // typed back to the default
    draft.days.unusedDays = '60';
    draft.threshold = 'critical';
    draft.refresh.days = 'Mon-Fri';
    expect(policyChanges(draft, defaultPolicy)).toEqual({
      changes: { unusedDays: 60, threshold: 'critical', refreshDays: 'mon-fri' },
      reset: [
        'warningDays',
        'maxLifetimeDays',
        'rotationDays',
        'unverifiedDays',
        'requireExpiry',
        'refreshHours',
        'refreshTrustDays',
      ],
    });
  });
});
