// Benchmark corpus (README.md, 'Benchmarks'): a deterministic tree of realistic files with planted tokens and decoys.
// `node dist/bench/corpus.js` writes it (if missing) and prints its folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileLines, type FileKind } from './corpus-files.js';
import { alphabets, SeededRandom } from './corpus-random.js';
import { contextDecoys, formatBuilders, genericBuilders, plantable, tokenDecoys } from './corpus-tokens.js';

/** A secret put in the corpus on purpose, where a scanner must find it. */
export interface Planted {
  /** Relative to the corpus folder, with `/`. */
  file: string;
  line: number;
  value: string;
  /** `format`: a token of a known format; `generic`: a random value under a secret-named key; `own`: only findable as a vault value. */
  category: 'format' | 'generic' | 'own';
  name: string;
}

export interface CorpusManifest {
  version: number;
  seed: number;
  megabytes: number;
  /** Bytes of the files a scanner reads (not node_modules, .git or binaries). */
  textBytes: number;
  textFiles: number;
  /** The folders secretlint is timed on (about 20 MB). */
  subset: string[];
  subsetBytes: number;
  planted: Planted[];
  decoys: number;
}

const manifestVersion = 7;
const projectBytes = 10_000_000;
const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench');

// Each kind of file: its share of a project's bytes, the size range of one file, and its name.
const mix: [FileKind, number, [number, number], (r: SeededRandom, i: number) => string][] = [
  ['ts', 0.2, [2_000, 40_000], (r, i) => `src/${r.pick(['lib', 'routes', 'models', 'views'])}/module-${i}.ts`],
  ['py', 0.08, [2_000, 30_000], (_r, i) => `tools/job_${i}.py`],
  ['go', 0.06, [2_000, 30_000], (_r, i) => `cmd/svc/handler_${i}.go`],
  ['log', 0.2, [200_000, 2_000_000], (_r, i) => `logs/app-${i}.log`],
  ['lock', 0.14, [100_000, 1_500_000], (_r, i) => (i === 0 ? 'package-lock.json' : `packages/p${i}/package-lock.json`)],
  ['yarn', 0.05, [50_000, 500_000], (_r, i) => (i === 0 ? 'yarn.lock' : `packages/p${i}/yarn.lock`)],
  ['min', 0.17, [100_000, 1_500_000], (_r, i) => `dist/bundle-${i}.min.js`],
  ['md', 0.03, [2_000, 20_000], (_r, i) => `docs/guide-${i}.md`],
  ['yml', 0.02, [1_000, 10_000], (_r, i) => (i === 0 ? 'docker-compose.yml' : `deploy/service-${i}.yml`)],
  ['json', 0.02, [1_000, 10_000], (_r, i) => `config/settings-${i}.json`],
  [
    'env',
    0.01,
    [200, 2_000],
    (_r, i) => (i === 0 ? '.env' : `config/.env.${['local', 'staging', 'production', 'test'][i % 4]}-${i}`),
  ],
  ['sh', 0.02, [1_000, 5_000], (_r, i) => `scripts/deploy-${i}.sh`],
];

const envName = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
const camelName = (name: string) =>
  name.replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase());

/** The line a planted value sits on, in the syntax of its file. */
function plantedLine(
  kind: FileKind,
  r: SeededRandom,
  value: string,
  name: string,
  category: Planted['category'],
): string {
  if (category === 'own')
    return `  ${r.pick(['deployed build', 'cache warmed for', 'job finished:'])} ${value} ${r.pick(['ok', 'in 12ms', 'after 3 retries'])}`;
  const key =
    category === 'generic'
      ? r.pick(['API_KEY', 'CLIENT_SECRET', 'SERVICE_TOKEN', 'DB_PASSWORD', 'SIGNING_SECRET'])
      : `${envName(name.split(' ')[0] ?? 'app')}_TOKEN`;
  if (category === 'generic' && key === 'DB_PASSWORD' && (kind === 'env' || kind === 'yml'))
    return `DATABASE_URL=postgres://app:${value}@db.internal:5432/app`;
  switch (kind) {
    case 'env':
      return `${key}=${value}`;
    case 'sh':
      return r.chance(0.5)
        ? `export ${key}=${value}`
        : `curl -sf -H "Authorization: Bearer ${value}" https://example.invalid/v1/ping`;
    case 'yml':
      return `      ${key}: "${value}"`;
    case 'json':
      return `  "${camelName(key.toLowerCase())}": "${value}",`;
    case 'py':
      return `${key} = "${value}"`;
    case 'go':
      return `\t${camelName(key.toLowerCase())} := "${value}"`;
    case 'log':
      return `2026-11-20T10:00:00.000Z DEBUG [http] POST /v1/hooks Authorization: Bearer ${value} status=200`;
    case 'md':
      return `Set it with \`export ${key}=${value}\` before running the tool.`;
    default:
      return `  const ${camelName(key.toLowerCase())} = '${value}';`;
  }
}

const plantKinds: FileKind[] = ['env', 'sh', 'yml', 'json', 'py', 'go', 'log', 'md', 'ts', 'min'];

interface PendingPlant {
  value: string;
  name: string;
  category: Planted['category'];
}

function plannedSecrets(r: SeededRandom): PendingPlant[] {
  const plan: PendingPlant[] = [];
  for (const [name, build] of Object.entries(formatBuilders))
    for (let i = 0; i < 8; i++) plan.push({ value: plantable(build, r, false), name, category: 'format' });
  for (const [name, build] of Object.entries(genericBuilders))
    for (let i = 0; i < 30; i++) plan.push({ value: plantable(build, r, true), name, category: 'generic' });
  for (let i = 0; i < 40; i++)
    plan.push({ value: `FAKEown${r.chars(alphabets.alnum, 29)}`, name: 'vault value', category: 'own' });
  return plan;
}

/** Write one file of `kind`, planting `plants` and `decoys` on random lines; returns its bytes. */
function writeFile(
  root: string,
  rel: string,
  kind: FileKind,
  r: SeededRandom,
  bytes: number,
  plants: PendingPlant[],
  decoys: string[],
  planted: Planted[],
): number {
  const lines = fileLines(kind, r, bytes);
  for (const decoy of decoys)
    lines.splice(
      r.int(lines.length + 1),
      0,
      kind === 'min' ? `var d=${JSON.stringify(decoy)};` : kind === 'log' || kind === 'md' ? `  ${decoy}` : decoy,
    );
  const spots: { at: number; plant: PendingPlant }[] = [];
  for (const plant of plants) {
    if (kind === 'min') {
      const at = r.int(lines.length);
      lines[at] = `${lines[at]},${camelName(plant.name)}:"${plant.value}"`;
      spots.push({ at, plant });
    } else {
      const at = r.int(lines.length + 1);
      lines.splice(at, 0, plantedLine(kind, r, plant.value, plant.name, plant.category));
      for (const s of spots) if (s.at >= at) s.at++;
      spots.push({ at, plant });
    }
  }
  for (const { at, plant } of spots)
    planted.push({ file: rel, line: at + 1, value: plant.value, category: plant.category, name: plant.name });
  const text = `${lines.join('\n')}\n`;
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return Buffer.byteLength(text);
}

// What both scanners must skip: dependencies, git objects, a binary file.
function writeSkipped(project: string, r: SeededRandom): void {
  const pkg = path.join(project, 'node_modules', 'left-pad');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(
    path.join(pkg, 'index.js'),
    `module.exports = (s, n) => s.padStart(n); // ghp_FAKE${r.chars(alphabets.alnum, 32)}\n`,
  );
  const git = path.join(project, '.git');
  fs.mkdirSync(path.join(git, 'objects'), { recursive: true });
  fs.writeFileSync(
    path.join(git, 'config'),
    `[remote "origin"]\n\turl = https://x:ghp_FAKE${r.chars(alphabets.alnum, 32)}@github.com/o/r.git\n`,
  );
  fs.mkdirSync(path.join(project, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(project, 'assets', 'logo.png'),
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
      Buffer.from(`npm_FAKE${r.chars(alphabets.alnum, 32)}`),
      Buffer.from(r.bytes(4096)),
    ]),
  );
}

function generate(root: string, seed: number, megabytes: number): CorpusManifest {
  const r = new SeededRandom(seed);
  const projects = Math.max(1, Math.round((megabytes * 1e6) / projectBytes));
  const plan = plannedSecrets(r);
  const planted: Planted[] = [];
  const decoys = [...tokenDecoys, ...contextDecoys];
  let decoyCount = 0;
  let textBytes = 0;
  let textFiles = 0;
  const subset: string[] = [];
  let subsetBytes = 0;
  const perProject = Math.ceil(plan.length / projects);
  for (let p = 0; p < projects; p++) {
    const name = `p${String(p).padStart(2, '0')}`;
    const project = path.join(root, name);
    const plants = plan.slice(p * perProject, (p + 1) * perProject);
    let written = 0;
    writeSkipped(project, r);
    const left = new Map(mix.map(([kind, share]) => [kind, projectBytes * share]));
    const counters = new Map<FileKind, number>();
    // Plants go to files spread over the whole project, not the first few.
    const plantChance = 0.12;
    for (
      let open = mix.filter(([kind]) => (left.get(kind) ?? 0) > 0);
      open.length > 0;
      open = open.filter(([kind]) => (left.get(kind) ?? 0) > 0)
    ) {
      const [kind, , [min, max], nameOf] = r.pick(open);
      const size = Math.min(r.between(min, max), Math.max(min, left.get(kind) ?? 0));
      left.set(kind, (left.get(kind) ?? 0) - size);
      const i = counters.get(kind) ?? 0;
      counters.set(kind, i + 1);
      const mine = plantKinds.includes(kind) && r.chance(plantChance) ? plants.splice(0, r.between(1, 2)) : [];
      const theirDecoys = r.chance(0.3) ? Array.from({ length: r.between(1, 4) }, () => r.pick(decoys)) : [];
      decoyCount += theirDecoys.length;
      written += writeFile(root, `${name}/${nameOf(r, i)}`, kind, r, size, mine, theirDecoys, planted);
      textFiles++;
    }
    // Whatever was not placed yet goes into one last config file of the project.
    if (plants.length) {
      written += writeFile(root, `${name}/config/.env.extra`, 'env', r, 2000, plants.splice(0), [], planted);
      textFiles++;
    }
    textBytes += written;
    if (subsetBytes < 20e6) {
      subset.push(name);
      subsetBytes += written;
    }
  }
  return {
    version: manifestVersion,
    seed,
    megabytes,
    textBytes,
    textFiles,
    subset,
    subsetBytes,
    planted,
    decoys: decoyCount,
  };
}

/**
 * The corpus for `seed` and `megabytes`, generated into bench/.corpus/ unless an identical one is
 * already there (its manifest is written last, so a half-written corpus is never reused).
 */
export function ensureCorpus(
  seed = 8,
  megabytes = 200,
): { root: string; manifest: CorpusManifest; generatedMs: number } {
  const root = path.join(benchDir, '.corpus', `seed-${seed}-${megabytes}mb`);
  // Beside the tree, not in it: it lists every planted value.
  const manifestFile = `${root}.manifest.json`;
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as CorpusManifest;
    if (manifest.version === manifestVersion) return { root, manifest, generatedMs: 0 };
  }
  const started = Date.now();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(manifestFile, { force: true });
  fs.mkdirSync(root, { recursive: true });
  const manifest = generate(root, seed, megabytes);
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return { root, manifest, generatedMs: Date.now() - started };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { root, manifest, generatedMs } = ensureCorpus(
    Number(process.env['LAPSE_BENCH_SEED'] ?? 8),
    Number(process.env['LAPSE_BENCH_CORPUS_MB'] ?? 200),
  );
  console.log(
    `${root}: ${(manifest.textBytes / 1e6).toFixed(1)} MB in ${manifest.textFiles} files, ${manifest.planted.length} planted, ${manifest.decoys} decoys (${generatedMs ? `generated in ${(generatedMs / 1000).toFixed(1)} s` : 'reused'})`,
  );
}
