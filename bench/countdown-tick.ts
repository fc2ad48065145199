// Benchmark (README.md, 'Benchmarks'), in Chromium: the cost of one countdown tick with 100 and with 1,000 tokens
// (goal: 1,000 costs ≤ 2× of 100, which the virtualised list makes so), and the keychain calls the
// first paint of 1,000 tokens makes (goal: 0). Needs `npm run build` (the served window) first.
// Run inside scripts/with-keychain.sh to also count Secret Service calls on the session bus.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { vaultFileName } from '../electron/vault/metadata-store.js';
import type { TokenRecord } from '../shared/model.js';
import { syntheticRecords } from './synthetic-records.js';

// dist/bench → the repository
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ticks = 40;
const runs = 7;
/**
 * Calls checked to read no keychain entry (getVaultState only asks D-Bus whether a Secret Service
 * is there and unlocked; listPendingRotations reads the journal folder; `events` is the change
 * stream, GET /api/events). Any other call the first paint makes is counted as a keychain call: a
 * new call has to be checked and listed here before it stops counting. The secret check
 * (checkSecrets) comes after the first paint, by design.
 */
const metadataOnly = new Set([
  'getVaultState',
  'listTokens',
  'getToken',
  'getPolicy',
  'getVerifySupport',
  'listReminders',
  'listPendingRotations',
  'events',
]);

/**
 * `count` records: the synthetic spread of findings, every one expiring within an hour either side
 * of `now` (none in the next 10 minutes, so no status refresh falls inside the measurement). Every
 * countdown in view then counts seconds: each tick changes every row on screen, the worst case.
 */
function benchRecords(count: number, now: number): TokenRecord[] {
  const minute = 60_000;
  return syntheticRecords(count, now).map((record, i) => {
    const offset = i % 2 ? (15 + ((i * 11) % 40)) * minute : -(1 + ((i * 7) % 54)) * minute;
    return {
      ...record,
      createdAt: new Date(now - 20 * 86_400_000).toISOString(),
      expiresAt: new Date(now + offset + (i % 60) * 1000).toISOString(),
    };
  });
}

interface Serve {
  url: string;
  stop(): Promise<void>;
}

async function serve(home: string): Promise<Serve> {
  const env = {
    ...process.env,
    LAPSE_HOME: home,
    LAPSE_KEYCHAIN_SERVICE: `lapse-bench-${randomBytes(6).toString('hex')}`,
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/lapse.js'), 'serve', '--port', '0'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`lapse serve exited (${code}); is dist/ built? Run npm run build.`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface BusCalls {
  /** Calls that reach keychain entries (sessions, searches, secrets). */
  entry: string[];
  /** The probe's questions: is the default collection locked? */
  probes: number;
}

/** Secret Service method calls seen on the session bus while `work` runs; null without a bus or dbus-monitor. */
async function secretServiceCalls(work: () => Promise<void>): Promise<BusCalls | null> {
  if (!process.env['DBUS_SESSION_BUS_ADDRESS']) {
    await work();
    return null;
  }
  const monitor = spawn('dbus-monitor', ['--session', "type='method_call',destination='org.freedesktop.secrets'"], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let seen = '';
  monitor.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  const started = await new Promise<boolean>((resolve) => {
    monitor.once('error', () => resolve(false));
    setTimeout(() => resolve(monitor.exitCode === null), 300);
  });
  await work();
  await new Promise((resolve) => setTimeout(resolve, 300));
  monitor.kill();
  if (!started) return null;
  const probe = 'path=/org/freedesktop/secrets/aliases/default; interface=org.freedesktop.DBus.Properties; member=Get';
  const calls = seen.split('\n').filter((line) => line.startsWith('method call'));
  return {
    entry: calls
      .filter((line) => !line.includes(probe))
      .map((line) => /interface=(\S+); member=(\S+)/.exec(line)?.slice(1).join('.') ?? line),
    probes: calls.filter((line) => line.includes(probe)).length,
  };
}

type Metrics = Record<string, number>;
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}
const busyMs = (before: Metrics, after: Metrics, name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;

// Let React's scheduled render run (a posted message queues behind it), then force style and layout
// as the next frame would. Strings: this file is compiled without DOM types.
const settle = `new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(document.body.offsetHeight);
  channel.port2.postMessage(0);
})`;
const rows = (page: Page) => page.getByRole('listbox', { name: 'Tokens' }).getByRole('option');
const firstCountdown = `document.querySelector('[role=listbox] time')?.textContent ?? ''`;

interface TickCost {
  /** Main-thread busy time per tick (TaskDuration less the DevTools commands driving it), net of the harness's own cost. */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** Ticks whose first countdown read differently afterwards (should be all). */
  changed: number;
  rows: number;
}

/** Busy time of `steps` clock advances of `stepMs`, each followed by a settle. */
async function advance(
  page: Page,
  cdp: CDPSession,
  steps: number,
  stepMs: number,
): Promise<{ m: Metrics[]; changed: number }> {
  const before = await metrics(cdp);
  let changed = 0;
  let text = await page.evaluate<string>(firstCountdown);
  for (let i = 0; i < steps; i++) {
    await page.clock.runFor(stepMs);
    await page.evaluate(settle);
    const next = await page.evaluate<string>(firstCountdown);
    if (next !== text) changed++;
    text = next;
  }
  return { m: [before, await metrics(cdp)], changed };
}

interface Window {
  page: Page;
  cdp: CDPSession;
  paintMs: number;
  calls: string[];
  bus: BusCalls | null;
  control: BusCalls | null;
  close(): Promise<void>;
}

/** A served vault of `count` tokens, opened in its own page: first paint observed, the clock paused for ticking. */
async function openWindow(browser: Browser, count: number): Promise<Window> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'lapse-bench-ui-'));
  const now = Date.now();
  const tokens = Object.fromEntries(benchRecords(count, now).map((r) => [r.id, r]));
  await writeFile(path.join(home, vaultFileName), JSON.stringify({ version: 1, tokens }), { mode: 0o600 });
  const shell = await serve(home);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const close = async () => {
    await context.close();
    await shell.stop();
    await rm(home, { recursive: true, force: true });
  };
  try {
    const calls: string[] = [];
    page.on('request', (request) => {
      const method = /\/api\/(\w+)/.exec(new URL(request.url()).pathname)?.[1];
      if (method) calls.push(method);
    });
    await page.clock.install({ time: now });
    let paintMs = 0;
    const bus = await secretServiceCalls(async () => {
      const start = performance.now();
      await page.goto(shell.url);
      await rows(page).first().waitFor();
      paintMs = performance.now() - start;
      await page.waitForTimeout(500); // anything the window asks for right after painting counts too
    });
    const firstPaintCalls = [...calls];
    // Control, and the second figure: the secret check right after the first paint does read the
    // keychain (one search for every entry; none exists here, so every token is marked missing).
    // The monitor must see it, or a 0 above would mean nothing.
    const control =
      bus &&
      (await secretServiceCalls(async () => {
        await page.getByRole('heading', { name: /holds none of your \d+ tokens/ }).waitFor({ timeout: 30_000 });
      }));
    await page.clock.pauseAt(now + 60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await advance(page, cdp, 5, 1000); // warm-up
    return { page, cdp, paintMs, calls: firstPaintCalls, bus, control, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One run: the harness alone (clock steps too short for any countdown to change), then `ticks` real ticks. */
async function measureRun({ page, cdp }: Window): Promise<TickCost> {
  const idle = await advance(page, cdp, ticks, 1);
  const busy = await advance(page, cdp, ticks, 1000);
  const net = (name: string) => (busyMs(busy.m[0]!, busy.m[1]!, name) - busyMs(idle.m[0]!, idle.m[1]!, name)) / ticks;
  return {
    taskMs: net('TaskDuration') - net('DevToolsCommandDuration'),
    scriptMs: net('ScriptDuration'),
    layoutMs: net('LayoutDuration'),
    styleMs: net('RecalcStyleDuration'),
    changed: busy.changed,
    rows: await rows(page).count(),
  };
}

const median = (costs: TickCost[]): TickCost =>
  [...costs].sort((a, b) => a.taskMs - b.taskMs)[Math.floor(costs.length / 2)]!;

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const small = await openWindow(browser, 100);
const large = await openWindow(browser, 1000).catch(async (error: unknown) => {
  await small.close();
  throw error;
});
try {
  // Interleaved, so whatever else the machine is doing weighs on both sizes alike.
  const smallRuns: TickCost[] = [];
  const largeRuns: TickCost[] = [];
  for (let run = 0; run < runs; run++) {
    smallRuns.push(await measureRun(small));
    largeRuns.push(await measureRun(large));
  }
  const smallCost = median(smallRuns);
  const largeCost = median(largeRuns);
  const line = (n: number, c: TickCost) =>
    `  ${String(n).padStart(5)} tokens: ${c.taskMs.toFixed(2)} ms per tick (script ${c.scriptMs.toFixed(2)}, layout ${c.layoutMs.toFixed(2)}, style ${c.styleMs.toFixed(2)}); ` +
    `${c.rows} rows rendered; ${c.changed}/${ticks} ticks changed the first countdown`;
  console.log(
    `bench countdown-tick: Chromium, main-thread busy time per 1 s tick, median of ${runs} runs of ${ticks} ticks, net of the harness`,
  );
  console.log(line(100, smallCost));
  console.log(line(1000, largeCost));
  const ratio = largeCost.taskMs / smallCost.taskMs;
  const rendering = (c: TickCost) => c.scriptMs + c.layoutMs + c.styleMs;
  console.log(
    `  1,000 vs 100: ${ratio.toFixed(2)}× busy time (goal ≤ 2×: ${ratio <= 2 ? 'meets' : 'MISSES'}); ` +
      `${(rendering(largeCost) / rendering(smallCost)).toFixed(2)}× script + layout + style`,
  );
  console.log(
    `  first paint: 100 tokens in ${small.paintMs.toFixed(0)} ms, 1,000 tokens in ${large.paintMs.toFixed(0)} ms (page load to first row)`,
  );
  const keychainCalls = large.calls.filter((c) => !metadataOnly.has(c));
  console.log(
    `  first paint of 1,000 tokens: ${keychainCalls.length} keychain-entry calls (goal 0); calls made: ${large.calls.join(', ')}` +
      (keychainCalls.length ? ` — reading entries: ${keychainCalls.join(', ')}` : ''),
  );
  const { bus, control } = large;
  console.log(
    bus === null
      ? '  Secret Service calls on the session bus: not counted (no D-Bus session; run inside scripts/with-keychain.sh)'
      : `  Secret Service calls on the session bus during that paint: ${bus.entry.length} reaching entries (goal 0)${bus.entry.length ? `: ${bus.entry.join(', ')}` : ''}, ` +
          `${bus.probes} probe question(s) "is the keychain locked?"; control, the secret check right after: ${control ? control.entry.length : '?'} calls reaching entries (${control ? [...new Set(control.entry)].join(', ') : '?'}) for all ${1000} tokens`,
  );
} finally {
  await small.close();
  await large.close();
  await browser.close();
}
