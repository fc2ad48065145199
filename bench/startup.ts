// Benchmark (README.md, 'Benchmarks'): every CLI command starts fast. `lapse --help` and `lapse list` on a 10-token
// vault, each against `node -e ''` (the floor: Node starting and stopping), interleaved so a busy
// moment of the machine falls on all alike. Goal: each within 2× the floor. Also prints the
// commands that load the whole service (show, scan of an empty folder), for the record.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMetadataStore } from '../electron/vault/metadata-store.js';
import { syntheticRecords } from './synthetic-records.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// LAPSE_BENCH_BIN measures another build (e.g. a checkout of an older commit) with the same bench.
const lapseBin = process.env['LAPSE_BENCH_BIN'] ?? 'bin/lapse.js';
const runs = Number(process.env['LAPSE_BENCH_STARTUP_RUNS'] ?? 21);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Wall time of each command, `runs` times in turn; the median of each. */
function interleaved(commands: { name: string; args: string[]; env: NodeJS.ProcessEnv }[]): number[] {
  const times = commands.map((): number[] => []);
  for (let i = 0; i < runs + 1; i++) {
    for (const [k, c] of commands.entries()) {
      const started = performance.now();
      const run = spawnSync(process.execPath, c.args, { cwd: repo, env: c.env, stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = performance.now() - started;
      if (run.status !== 0) throw new Error(`${c.name} exited ${run.status}: ${run.stderr.toString().slice(-300)}`);
      if (i > 0) times[k]?.push(ms); // the first round warms the file cache
    }
  }
  return times.map(median);
}

async function main(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-startup-'));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-bench-empty-'));
  try {
    const now = Date.now();
    const records = syntheticRecords(10, now);
    await openMetadataStore(home).update((vault) => {
      for (const record of records) vault.tokens[record.id] = record;
    });
    const env = { ...process.env, LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: `lapse-bench-${process.pid}` };
    const lapse = (args: string[]) => [lapseBin, ...args];
    const commands = [
      { name: "node -e ''", args: ['-e', ''], env },
      { name: 'lapse --help', args: lapse(['--help']), env },
      { name: 'lapse list (10 tokens)', args: lapse(['list']), env },
      { name: 'lapse show ID', args: lapse(['show', records[0]?.id ?? '']), env },
      { name: 'lapse scan (an empty folder)', args: lapse(['scan', empty]), env },
    ];
    const [floor = NaN, ...rest] = interleaved(commands);
    console.log(`bench startup: median of ${runs} interleaved runs each, ${os.availableParallelism()} cores`);
    console.log(`  ${"node -e ''".padEnd(30)} ${floor.toFixed(0).padStart(5)} ms  (the floor)`);
    for (const [i, ms] of rest.entries()) {
      const name = commands[i + 1]?.name ?? '';
      const goal = i < 2 ? `  goal ≤ 2×: ${ms <= 2 * floor ? 'meets' : 'MISSES'}` : '';
      console.log(`  ${name.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / floor).toFixed(2)}× the floor${goal}`);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

await main();
