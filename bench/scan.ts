// Benchmark (README.md, 'Benchmarks'): `lapse scan` (the real CLI, process start included) against the
// strongest plain ripgrep invocation (one ASCII union regex of the same token prefixes, (?-u), warm
// cache, counts only) and secretlint, on generated corpora of 200 MB and 40 MB with planted tokens
// and decoys. Prints start-up, end-to-end and in-process figures, recall and precision, peak memory
// and the goals. LAPSE_BENCH_CORPUS_MB (default "200,40") and LAPSE_BENCH_SEED (default 8) choose.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLapseService } from '../electron/service.js';
import { osKeychain } from '../electron/vault/keychain.js';
import { openMetadataStore } from '../electron/vault/metadata-store.js';
import { ensureCorpus, type CorpusManifest, type Planted } from './corpus.js';
import { ripgrepUnion } from './ripgrep-union.js';
import { strongestRipgrepArgs } from './ripgrep-strongest.js';
import { lineSearchArgs } from '../electron/discovery/ripgrep.js';
import { prefilterPattern } from '../shared/discovery/prefilter.js';
import { defaultLimits } from '../electron/discovery/scan-types.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// LAPSE_BENCH_BIN measures another build (e.g. a checkout of an older commit) with the same bench.
const lapseBin = process.env['LAPSE_BENCH_BIN'] ?? 'bin/lapse.js';
const runs = Number(process.env['LAPSE_BENCH_SCAN_RUNS'] ?? 3);

interface Run {
  ms: number;
  stdout: string;
  stderr: string;
  code: number | null;
  peakKb: number | null;
}

/** Run a command to its end; wall time, output, and its peak RSS (from /usr/bin/time -v, else /proc polling). */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const timed = fs.existsSync('/usr/bin/time');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = timed
      ? spawn('/usr/bin/time', ['-v', command, ...args], { env, cwd: repo })
      : spawn(command, args, { env, cwd: repo });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let polled = 0;
    const poll = timed
      ? undefined
      : setInterval(() => {
          try {
            const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            polled = Math.max(polled, Number(hwm?.[1] ?? 0));
          } catch {
            // exited between polls
          }
        }, 10);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const ms = performance.now() - started;
      const stderr = Buffer.concat(err).toString();
      const peak = timed ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN) : polled;
      resolve({
        ms,
        stdout: Buffer.concat(out).toString(),
        stderr,
        code,
        peakKb: Number.isFinite(peak) && peak > 0 ? peak : null,
      });
    });
  });
}

type Measured = { run: Run; ms: number; peakKb: number | null };

/** Each command `runs` times, in turn; the median time, the highest peak RSS, the last run's output. */
async function interleaved(commands: (() => Promise<Run>)[]): Promise<Measured[]> {
  const all: Run[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) for (const [k, command] of commands.entries()) all[k]?.push(await command());
  return all.map((list) => {
    const times = list.map((r) => r.ms).sort((a, b) => a - b);
    return {
      run: list[list.length - 1] as Run,
      ms: times[Math.floor(times.length / 2)] ?? NaN,
      peakKb: Math.max(...list.map((r) => r.peakKb ?? 0)) || null,
    };
  });
}

/** Read every file once, so the first tool timed does not pay for a cold disk cache alone. */
function warmUp(root: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const fd = fs.openSync(path.join(entry.parentPath, entry.name), 'r');
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
    fs.closeSync(fd);
  }
}

const fingerprint = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
const mbPerS = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

interface Score {
  found: number;
  of: number;
  matches: number;
  correct: number;
}

/** Recall over `targets`; precision over everything reported (a report is right when it is a planted secret). */
function lapseScore(
  root: string,
  manifest: CorpusManifest,
  findings: { file: string; line: number; fingerprint: string }[],
  targets: Planted[],
): Score {
  const key = (file: string, line: number, fp: string) => `${file}\n${line}\n${fp}`;
  const planted = new Set(manifest.planted.map((p) => key(p.file, p.line, fingerprint(p.value))));
  const reported = new Set(
    findings.map((f) => key(path.relative(root, f.file).split(path.sep).join('/'), f.line, f.fingerprint)),
  );
  return {
    found: targets.filter((p) => reported.has(key(p.file, p.line, fingerprint(p.value)))).length,
    of: targets.length,
    matches: findings.length,
    correct: [...reported].filter((k) => planted.has(k)).length,
  };
}

function ripgrepScore(root: string, manifest: CorpusManifest, output: string, targets: Planted[]): Score {
  const byLine = new Map<string, string[]>();
  let matches = 0;
  for (const record of output.split('\n')) {
    const nul = record.indexOf('\0');
    if (nul === -1) continue;
    const file = path.relative(root, record.slice(0, nul)).split(path.sep).join('/');
    const rest = record.slice(nul + 1);
    const colon = rest.indexOf(':');
    const where = `${file}\n${rest.slice(0, colon)}`;
    byLine.set(where, [...(byLine.get(where) ?? []), rest.slice(colon + 1)]);
    matches++;
  }
  const plantedAt = new Map<string, string[]>();
  for (const p of manifest.planted)
    plantedAt.set(`${p.file}\n${p.line}`, [...(plantedAt.get(`${p.file}\n${p.line}`) ?? []), p.value]);
  let correct = 0;
  for (const [where, texts] of byLine)
    for (const text of texts) if ((plantedAt.get(where) ?? []).some((v) => text.includes(v))) correct++;
  const found = targets.filter((p) =>
    (byLine.get(`${p.file}\n${p.line}`) ?? []).some((t) => t.includes(p.value)),
  ).length;
  return { found, of: targets.length, matches, correct };
}

/**
 * With a real keychain (scripts/with-keychain.sh): a vault holding the 40 values planted with no
 * key or prefix (findable only as your own secrets) and 10 planted tokens; the scan must name them all.
 */
async function vaultRun(
  root: string,
  manifest: CorpusManifest,
): Promise<{ ms: number; peakKb: number | null; found: number; of: number; inVault: number } | null> {
  if (process.env['LAPSE_IN_KEYCHAIN_SESSION'] !== '1' || !process.env['DBUS_SESSION_BUS_ADDRESS']) return null;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-vault-'));
  const service = `lapse-bench-${randomBytes(4).toString('hex')}`;
  const api = createLapseService({ keychain: osKeychain(service), store: openMetadataStore(home), now: Date.now });
  const own = manifest.planted.filter((p) => p.category === 'own');
  const stored = [...own, ...manifest.planted.filter((p) => p.category === 'format').slice(0, 10)];
  const ids: string[] = [];
  try {
    for (const p of stored) {
      const added = await api.addToken({ secret: p.value, label: `bench ${p.name}` });
      if (added.ok) ids.push(added.value.id);
    }
    const env = { ...process.env, LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service };
    const [scan] = await interleaved([() => measure(process.execPath, [lapseBin, 'scan', root, '--json'], env)]);
    if (!scan || (scan.run.code !== 0 && scan.run.code !== 1))
      throw new Error(`lapse scan (with a vault) failed: ${scan?.run.stderr.slice(-400)}`);
    const findings = (
      JSON.parse(scan.run.stdout) as {
        findings: { file: string; line: number; fingerprint: string; tokenId: string | null }[];
      }
    ).findings;
    const inVault = findings.filter((f) => f.tokenId !== null);
    const score = lapseScore(root, manifest, inVault, stored);
    return { ms: scan.ms, peakKb: scan.peakKb, found: score.found, of: stored.length, inVault: inVault.length };
  } finally {
    for (const id of ids) await api.deleteToken({ id });
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const percent = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const hasRg = fs.existsSync('/usr/bin/rg') || fs.existsSync('/usr/local/bin/rg');

/**
 * Start-up: `lapse scan` of an empty folder against Node starting and stopping, and ripgrep on the
 * same. Resolves with Node's own start (`node -e ''`), in ms.
 */
async function startup(env: NodeJS.ProcessEnv): Promise<number> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-empty-'));
  try {
    const [node, lapse, rg] = await interleaved([
      () => measure(process.execPath, ['-e', '']),
      () => measure(process.execPath, [lapseBin, 'scan', empty], env),
      ...(hasRg ? [() => measure('rg', ['-c', 'x', empty])] : []),
    ]);
    console.log(
      `start-up (median of ${runs}): node -e '' ${seconds(node?.ms ?? NaN)}; lapse scan of an empty folder ${seconds(lapse?.ms ?? NaN)} (${((lapse?.ms ?? NaN) / (node?.ms ?? NaN)).toFixed(2)}× node)${rg ? `; rg ${seconds(rg.ms)}` : ''}`,
    );
    return node?.ms ?? NaN;
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

interface Timings {
  lapse: { ms: number; run: Run; peakKb: number | null };
  strongest: { ms: number } | null;
  /** ripgrep's part of the scan alone: Lapse's own search, its lines printed into a pipe, no detector. */
  ownSearch: { ms: number } | null;
  everyByte: Run | null;
  union: Run | null;
}

/** End to end: lapse and the strongest ripgrep interleaved; on the large corpus also every byte read, and the union. */
async function endToEnd(root: string, env: NodeJS.ProcessEnv, full: boolean): Promise<Timings> {
  const lapseRun = (engine: string) => () =>
    measure(process.execPath, [lapseBin, 'scan', root, '--json'], { ...env, LAPSE_SCAN_ENGINE: engine });
  // Interleaved, so a busy moment of the machine falls on all alike.
  const patterns = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-prefilter-')), 'patterns');
  fs.writeFileSync(patterns, `${prefilterPattern()}\n`);
  const [lapse, strongest, ownSearch] = await interleaved([
    lapseRun('auto'),
    ...(hasRg
      ? [
          () => measure('rg', strongestRipgrepArgs(root)),
          () => measure('rg', lineSearchArgs([root], defaultLimits().maxFileBytes, patterns)),
        ]
      : []),
  ]);
  fs.rmSync(path.dirname(patterns), { recursive: true, force: true });
  // 1: secrets found (0 from builds before exit codes followed the peers).
  if (!lapse || (lapse.run.code !== 0 && lapse.run.code !== 1))
    throw new Error(`lapse scan failed (exit ${lapse?.run.code}): ${lapse?.run.stderr.slice(-400)}`);
  // Once each, on the large corpus only: reading every byte, and the ripgrep union with key contexts for detection.
  const everyByte = full
    ? await measure(process.execPath, [lapseBin, 'scan', root, '--json'], { ...env, LAPSE_SCAN_ENGINE: 'node' })
    : null;
  const unionArgs = ['--no-ignore', '--hidden', '-o', '-n', '--null', '-g', '!node_modules', '-g', '!.git'];
  const union = full && hasRg ? await measure('rg', [...unionArgs, '-e', ripgrepUnion, root]) : null;
  return { lapse, strongest: strongest ?? null, ownSearch: ownSearch ?? null, everyByte, union };
}

const line = (name: string, ms: number, mbs: number, extra: string) =>
  console.log(
    `  ${name.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${mbs.toFixed(1).padStart(7)} MB/s  ${extra}`,
  );

function printEndToEnd(t: Timings, bytes: number): void {
  const inProcessMs = Number(/ in ([\d.]+) s:/.exec(t.lapse.run.stderr)?.[1] ?? NaN) * 1000;
  console.log(`  end to end (median of ${runs} runs; wall clock, process start included):`);
  line(
    'lapse scan --json (ripgrep finds the regions)',
    t.lapse.ms,
    mbPerS(bytes, t.lapse.ms),
    `in process (scan call to result) ${seconds(inProcessMs)}, ${mbPerS(bytes, inProcessMs).toFixed(1)} MB/s; peak RSS ${((t.lapse.peakKb ?? NaN) / 1024).toFixed(0)} MB`,
  );
  if (t.everyByte)
    line(
      'lapse scan --json, reading every byte (node, 1 run)',
      t.everyByte.ms,
      mbPerS(bytes, t.everyByte.ms),
      `peak RSS ${((t.everyByte.peakKb ?? NaN) / 1024).toFixed(0)} MB`,
    );
  if (t.strongest)
    line('ripgrep, strongest: prefixes, (?-u), counts', t.strongest.ms, mbPerS(bytes, t.strongest.ms), 'the baseline');
  if (t.ownSearch)
    line(
      "ripgrep, Lapse's own search alone",
      t.ownSearch.ms,
      mbPerS(bytes, t.ownSearch.ms),
      'the same arguments and prefilter as the scan, lines printed into a pipe, no detector',
    );
  if (t.union) line('ripgrep, prefix union with key contexts (1 run)', t.union.ms, mbPerS(bytes, t.union.ms), '');
  if (!hasRg) console.log('  ripgrep: not installed (apt-get install -y ripgrep)');
}

/** secretlint over the corpus's subset, once; its throughput (NaN when it is not installed). */
async function secretlintThroughput(root: string, manifest: CorpusManifest): Promise<number> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-sl-'));
  const rc = path.join(home, 'secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const secretlintBin = path.join(repo, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const globs = manifest.subset.map((dir) => path.join(root, dir, '**', '*'));
  const output = path.join(home, 'secretlint.json');
  const secretlint = fs.existsSync(secretlintBin)
    ? await measure(process.execPath, [
        secretlintBin,
        '--secretlintrc',
        rc,
        '--format',
        'json',
        '--output',
        output,
        ...globs,
      ])
    : null;
  fs.rmSync(home, { recursive: true, force: true });
  if (!secretlint) return NaN;
  const mbs = mbPerS(manifest.subsetBytes, secretlint.ms);
  line(`secretlint, ${(manifest.subsetBytes / 1e6).toFixed(1)} MB subset (1 run)`, secretlint.ms, mbs, '');
  return mbs;
}

async function printVaultRun(root: string, manifest: CorpusManifest, bytes: number): Promise<void> {
  const vault = await vaultRun(root, manifest);
  if (vault)
    line(
      `lapse scan, ${vault.of} secrets in the vault`,
      vault.ms,
      mbPerS(bytes, vault.ms),
      `each vault value found by its masked form's pattern, confirmed by hash; ${vault.found}/${vault.of} named by token id`,
    );
  else console.log('  (run under scripts/with-keychain.sh to also time a scan with secrets in the vault)');
}

function printDetection(lapse: Score, rg: Score | null): void {
  const score = (name: string, s: Score) =>
    console.log(
      `  ${name.padEnd(44)} recall ${percent(s.found, s.of)} (${s.found}/${s.of})  precision ${percent(s.correct, s.matches)} (${s.matches - s.correct} of ${s.matches} reports not planted)`,
    );
  console.log(
    '  detection (the planted set: tokens of every format Lapse claims, generic secrets under secret-named keys):',
  );
  score('lapse', lapse);
  if (rg) score('ripgrep, prefix union with key contexts', rg);
}

function printGoals(t: Timings, bytes: number, secretlintMbS: number, detected: Score, nodeMs: number): void {
  const lapseMbS = mbPerS(bytes, t.lapse.ms);
  console.log('  goals:');
  if (t.strongest)
    console.log(
      `    lapse ≥ 0.5× the strongest ripgrep, end to end: ${(lapseMbS / mbPerS(bytes, t.strongest.ms)).toFixed(2)}× — ${verdict(lapseMbS >= 0.5 * mbPerS(bytes, t.strongest.ms))}`,
    );
  // What no detector, however fast, gets under: Node starting, then Lapse's own search.
  if (t.strongest && t.ownSearch)
    console.log(
      `      (the most this design reaches here, with a detector that costs nothing: node start ${seconds(nodeMs)} + its own search ${seconds(t.ownSearch.ms)} = ${(t.strongest.ms / (nodeMs + t.ownSearch.ms)).toFixed(2)}×)`,
    );
  if (Number.isFinite(secretlintMbS))
    console.log(
      `    lapse ≥ 20× secretlint throughput:              ${(lapseMbS / secretlintMbS).toFixed(1)}× — ${verdict(lapseMbS >= 20 * secretlintMbS)}`,
    );
  console.log(
    `    recall 100 % of claimed formats:                ${percent(detected.found, detected.of)} — ${verdict(detected.found === detected.of)}`,
  );
  console.log(
    `    precision ≥ 99 %:                               ${percent(detected.correct, detected.matches)} — ${verdict(detected.correct >= 0.99 * detected.matches)}`,
  );
  console.log(
    `    peak RSS ≤ 150 MB:                              ${((t.lapse.peakKb ?? NaN) / 1024).toFixed(0)} MB — ${verdict((t.lapse.peakKb ?? Infinity) / 1024 <= 150)}`,
  );
}

/** One corpus: end to end against ripgrep (and, on the large one, secretlint and a vault), detection. */
async function corpusRun(
  seed: number,
  megabytes: number,
  env: NodeJS.ProcessEnv,
  full: boolean,
  nodeStartMs: number,
): Promise<void> {
  const { root, manifest, generatedMs } = ensureCorpus(seed, megabytes);
  const bytes = manifest.textBytes;
  console.log(
    `corpus ${megabytes} MB, seed ${seed}: ${(bytes / 1e6).toFixed(1)} MB of text in ${manifest.textFiles} files (+ node_modules, .git, binaries), ${manifest.planted.length} planted secrets, ${manifest.decoys} decoys; ${generatedMs ? `generated in ${(generatedMs / 1000).toFixed(1)} s` : 'reused'}`,
  );
  const targets = manifest.planted.filter((p) => p.category !== 'own');
  warmUp(root);
  const timings = await endToEnd(root, env, full);
  const scanned = JSON.parse(timings.lapse.run.stdout) as {
    findings: { file: string; line: number; fingerprint: string }[];
  };
  const detected = lapseScore(root, manifest, scanned.findings, targets);
  printEndToEnd(timings, bytes);
  const secretlintMbS = full ? await secretlintThroughput(root, manifest) : NaN;
  if (full) await printVaultRun(root, manifest, bytes);
  printDetection(detected, timings.union ? ripgrepScore(root, manifest, timings.union.stdout, targets) : null);
  printGoals(timings, bytes, secretlintMbS, detected, nodeStartMs);
}

async function main(): Promise<void> {
  const seed = Number(process.env['LAPSE_BENCH_SEED'] ?? 8);
  const sizes = (process.env['LAPSE_BENCH_CORPUS_MB'] ?? '200,40').split(',').map(Number);
  console.log(`bench scan: ${os.availableParallelism()} cores; ripgrep ${hasRg ? 'present' : 'absent'}`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-'));
  // lapse: the real CLI, a fresh metadata folder, an empty vault (no keychain needed).
  const env = {
    ...process.env,
    LAPSE_HOME: home,
    LAPSE_KEYCHAIN_SERVICE: `lapse-bench-${randomBytes(4).toString('hex')}`,
  };
  try {
    const nodeStartMs = await startup(env);
    for (const [i, megabytes] of sizes.entries()) await corpusRun(seed, megabytes, env, i === 0, nodeStartMs);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

await main();
