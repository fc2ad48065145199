import { alphabets as a, base64Of, type SeededRandom } from './corpus-random.js';

// Filler that reads like a developer's disk: source, config, lock files, logs, minified bundles
// and docs. Words that start a token prefix (api, org, npm, sk, hf…) are left out of the filler,
// so every secret in the corpus is one that was planted.

const words = [
  'user',
  'account',
  'order',
  'item',
  'cart',
  'price',
  'total',
  'index',
  'value',
  'result',
  'data',
  'config',
  'options',
  'request',
  'response',
  'handler',
  'service',
  'client',
  'server',
  'cache',
  'queue',
  'event',
  'message',
  'payload',
  'status',
  'error',
  'logger',
  'router',
  'model',
  'schema',
  'record',
  'field',
  'entry',
  'buffer',
  'stream',
  'reader',
  'writer',
  'parser',
  'format',
  'render',
  'update',
  'create',
  'remove',
  'fetch',
  'load',
  'save',
  'parse',
  'build',
  'start',
  'stop',
  'init',
  'reset',
  'count',
  'limit',
  'offset',
  'page',
  'size',
  'width',
  'height',
  'color',
  'theme',
  'layout',
  'module',
  'plugin',
  'session',
  'profile',
  'invoice',
  'payment',
  'shipment',
  'report',
  'metric',
  'sample',
  'batch',
  'worker',
  'job',
  'task',
  'retry',
  'timeout',
  'header',
  'body',
  'query',
  'filter',
  'sort',
  'group',
  'merge',
  'split',
  'match',
  'state',
  'store',
  'action',
  'effect',
  'view',
  'panel',
  'button',
];
const prose = [
  'the',
  'a',
  'this',
  'when',
  'we',
  'it',
  'is',
  'not',
  'should',
  'will',
  'be',
  'called',
  'after',
  'before',
  'each',
  'returns',
  'null',
  'if',
  'missing',
  'otherwise',
  'throws',
  'keeps',
  'order',
  'of',
  'items',
  'in',
  'list',
  'cache',
  'retry',
  'later',
  'because',
  'server',
  'may',
  'answer',
  'slowly',
  'under',
  'load',
  'see',
  'issue',
  'note',
  'fix',
];
const packages = [
  'lodash',
  'react',
  'react-dom',
  'express',
  'chalk',
  'debug',
  'ms',
  'semver',
  'uuid',
  'yargs',
  'commander',
  'glob',
  'minimatch',
  'rimraf',
  'mkdirp',
  'acorn',
  'esbuild',
  'rollup',
  'postcss',
  'tslib',
  'zod',
  'ws',
  'axios',
  'qs',
  'body-parser',
  'cookie',
  'mime',
  'send',
  'statuses',
  'inherits',
  'once',
  'wrappy',
  'picomatch',
  'braces',
  'fill-range',
];
const levels = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const paths = [
  '/v1/users',
  '/v1/orders',
  '/v2/items',
  '/health',
  '/v1/cart/checkout',
  '/v1/reports/daily',
  '/static/app.js',
];

const camel = (r: SeededRandom, n = 2) =>
  Array.from({ length: n }, (_, i) => {
    const w = r.pick(words);
    return i === 0 ? w : w[0]?.toUpperCase() + w.slice(1);
  }).join('');
const snake = (r: SeededRandom, n = 2) => Array.from({ length: n }, () => r.pick(words)).join('_');
const sentence = (r: SeededRandom, n = r.between(5, 12)) => Array.from({ length: n }, () => r.pick(prose)).join(' ');
const version = (r: SeededRandom) => `${r.int(12)}.${r.int(30)}.${r.int(20)}`;
const uuid = (r: SeededRandom) =>
  `${r.chars(a.hex, 8)}-${r.chars(a.hex, 4)}-4${r.chars(a.hex, 3)}-8${r.chars(a.hex, 3)}-${r.chars(a.hex, 12)}`;
const isoAt = (r: SeededRandom, base: number) => new Date(base + r.int(86_400_000)).toISOString();

const tsStatements: ((r: SeededRandom) => string)[] = [
  (r) => `  const ${camel(r)} = await ${r.pick(words)}.${camel(r)}(${r.pick(words)}, ${r.int(1000)});`,
  (r) => `  if (!${r.pick(words)}) throw new Error('${sentence(r)}');`,
  (r) => `  // ${sentence(r)}`,
  (r) => `  return { ${r.pick(words)}: ${camel(r)}, ${r.pick(words)}: ${r.int(100000)} };`,
  (r) => `  for (const ${r.pick(words)} of ${camel(r)}) ${r.pick(words)}.push(${r.pick(words)}.${r.pick(words)});`,
  (r) => `  logger.${r.pick(['info', 'debug', 'warn'])}(\`${sentence(r)} \${${r.pick(words)}.id}\`);`,
  (r) => `  ${camel(r)}.set('${snake(r)}', ${r.chance(0.5) ? r.int(5000) : `'${r.pick(words)}'`});`,
  (r) => `  const token = await auth.getToken(${r.pick(words)});`,
  () => '  headers.Authorization = `Bearer ${token}`;',
  (r) => `  if (password.length < ${r.between(8, 16)}) return fail('${sentence(r, 4)}');`,
];

function typescript(r: SeededRandom, lines: number): string[] {
  const out = Array.from(
    { length: r.between(2, 8) },
    () => `import { ${camel(r)} } from './${r.pick(words)}/${r.pick(words)}.js';`,
  );
  while (out.length < lines) {
    out.push(
      '',
      `/** ${sentence(r)}. */`,
      `export async function ${camel(r)}(${r.pick(words)}: ${camel(r)}, ${r.pick(words)}: number): Promise<${camel(r)}> {`,
    );
    for (let i = r.between(3, 14); i > 0; i--) out.push(r.pick(tsStatements)(r));
    out.push('}');
  }
  return out;
}

function python(r: SeededRandom, lines: number): string[] {
  const out = [`import ${r.pick(['os', 'json', 'logging', 'typing'])}`, `from .${r.pick(words)} import ${camel(r)}`];
  while (out.length < lines) {
    out.push('', '', `def ${snake(r)}(${r.pick(words)}, ${r.pick(words)}=None):`, `    """${sentence(r)}."""`);
    for (let i = r.between(3, 10); i > 0; i--) {
      out.push(
        r.pick([
          `    ${snake(r)} = ${r.pick(words)}.${snake(r)}(${r.int(100)})`,
          `    if not ${r.pick(words)}:`,
          `        raise ValueError("${sentence(r)}")`,
          `    # ${sentence(r)}`,
          `    return {"${r.pick(words)}": ${r.pick(words)}, "${r.pick(words)}": ${r.int(1000)}}`,
          `    password = getpass.getpass()`,
        ]),
      );
    }
  }
  return out;
}

function golang(r: SeededRandom, lines: number): string[] {
  const out = [`package ${r.pick(words)}`, '', 'import (', '\t"context"', '\t"fmt"', ')'];
  while (out.length < lines) {
    out.push(
      '',
      `// ${camel(r)} ${sentence(r)}.`,
      `func ${camel(r)}(ctx context.Context, ${r.pick(words)} int) (*${camel(r)}, error) {`,
    );
    for (let i = r.between(3, 10); i > 0; i--) {
      out.push(
        r.pick([
          `\t${r.pick(words)}, err := ${r.pick(words)}.${camel(r)}(ctx, ${r.int(100)})`,
          `\tif err != nil { return nil, fmt.Errorf("${sentence(r, 4)}: %w", err) }`,
          `\t// ${sentence(r)}`,
          `\treturn &${camel(r)}{${camel(r)}: ${r.int(1000)}}, nil`,
        ]),
      );
    }
    out.push('}');
  }
  return out;
}

function logLines(r: SeededRandom, lines: number): string[] {
  const base = Date.UTC(2026, 10, r.between(1, 26));
  const out: string[] = [];
  while (out.length < lines) {
    if (r.chance(0.5)) {
      out.push(
        `${isoAt(r, base)} ${r.pick(levels)} [${r.pick(words)}] ${sentence(r)} request_id=${uuid(r)} duration_ms=${r.int(900)}`,
      );
    } else if (r.chance(0.9)) {
      out.push(
        `10.0.${r.int(255)}.${r.int(255)} - - [${isoAt(r, base)}] "GET ${r.pick(paths)}?page=${r.int(50)} HTTP/1.1" ${r.pick([200, 200, 201, 304, 404, 500])} ${r.int(90000)} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"`,
      );
    } else {
      out.push(
        `${isoAt(r, base)} ERROR ${sentence(r)}`,
        `    at ${camel(r)} (/srv/app/src/${r.pick(words)}.js:${r.int(400)}:${r.int(80)})`,
        `    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
      );
    }
  }
  return out;
}

function packageLock(r: SeededRandom, entries: number): string[] {
  const out = ['{', '  "name": "app",', '  "lockfileVersion": 3,', '  "requires": true,', '  "packages": {'];
  for (let i = 0; i < entries; i++) {
    const name = `${r.pick(packages)}${r.chance(0.5) ? '' : `-${r.pick(words)}`}`;
    const v = version(r);
    out.push(
      `    "node_modules/${name}": {`,
      `      "version": "${v}",`,
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${v}.tgz",`,
      `      "integrity": "sha512-${base64Of(r.bytes(64))}",`,
      `      "dev": ${r.chance(0.5)},`,
      `      "license": "${r.pick(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'])}"`,
      '    },',
    );
  }
  out.push('  }', '}');
  return out;
}

function yarnLock(r: SeededRandom, entries: number): string[] {
  const out = ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', ''];
  for (let i = 0; i < entries; i++) {
    const name = r.pick(packages);
    const v = version(r);
    out.push(
      `${name}@^${v}:`,
      `  version "${v}"`,
      `  resolved "https://registry.yarnpkg.com/${name}/-/${name}-${v}.tgz#${r.chars(a.hex, 40)}"`,
      `  integrity sha512-${base64Of(r.bytes(64))}`,
      '',
    );
  }
  return out;
}

function minified(r: SeededRandom, bytes: number): string[] {
  const out: string[] = [];
  let line = '';
  let size = 0;
  const lineBytes = r.chance(0.3) ? bytes + 1 : r.between(20_000, 200_000);
  while (size < bytes) {
    const id = () => r.chars(a.letters, r.between(1, 3));
    const piece = r.pick([
      () =>
        `function ${id()}(${id()},${id()}){var ${id()}=${id()}.${r.pick(words)}(${id()});return ${id()}?${id()}.${r.pick(words)}:null}`,
      () => `${id()}.exports={${r.pick(words)}:${id()},${r.pick(words)}:"${r.pick(words)}-${r.int(999)}"};`,
      () => `"${sentence(r, 6)}",`,
      () => `${id()}(${r.int(1e6)},${r.int(255)},"${r.pick(words)}");`,
      () => `url("data:image/png;base64,${base64Of(r.bytes(r.between(60, 300)))}")`,
    ])();
    line += piece;
    size += piece.length;
    if (line.length >= lineBytes) {
      out.push(line);
      line = '';
    }
  }
  if (line) out.push(line);
  return out;
}

function markdown(r: SeededRandom, lines: number): string[] {
  const out = [`# ${camel(r)}`, ''];
  while (out.length < lines) {
    out.push(`## ${sentence(r, 3)}`, '', `${sentence(r)}. ${sentence(r)}. ${sentence(r)}.`, '');
    if (r.chance(0.3))
      out.push(
        '```sh',
        `npm install ${r.pick(packages)}`,
        `node scripts/${r.pick(words)}.js --${r.pick(words)} ${r.int(10)}`,
        '```',
        '',
      );
  }
  return out;
}

function yaml(r: SeededRandom, lines: number): string[] {
  const out = ['version: "3.9"', 'services:'];
  while (out.length < lines) {
    out.push(
      `  ${r.pick(words)}:`,
      `    image: ${r.pick(packages)}:${version(r)}`,
      '    environment:',
      `      ${snake(r).toUpperCase()}: "${r.int(9000)}"`,
      `      LOG_LEVEL: ${r.pick(['info', 'debug'])}`,
      '    ports:',
      `      - "${r.between(3000, 9000)}:${r.between(3000, 9000)}"`,
    );
  }
  return out;
}

function jsonConfig(r: SeededRandom, lines: number): string[] {
  const out = ['{'];
  while (out.length < lines)
    out.push(
      `  "${camel(r)}": ${r.pick([`"${r.pick(words)}"`, String(r.int(10000)), 'true', 'false', `"${uuid(r)}"`])},`,
    );
  out.push('  "end": true', '}');
  return out;
}

function dotenv(r: SeededRandom, lines: number): string[] {
  return Array.from(
    { length: lines },
    () =>
      `${snake(r).toUpperCase()}=${r.pick([String(r.int(9000)), r.pick(words), 'true', `${r.pick(words)}.internal`])}`,
  );
}

function shell(r: SeededRandom, lines: number): string[] {
  const out = ['#!/usr/bin/env bash', 'set -euo pipefail'];
  while (out.length < lines)
    out.push(
      `${r.pick(['echo', 'cd', 'mkdir -p', 'cp', 'rsync -a'])} ${r.pick(words)}/${r.pick(words)}`,
      `# ${sentence(r)}`,
    );
  return out;
}

export type FileKind = 'ts' | 'py' | 'go' | 'log' | 'lock' | 'yarn' | 'min' | 'md' | 'yml' | 'json' | 'env' | 'sh';

/** A file of a kind, about `bytes` long, as lines. */
export function fileLines(kind: FileKind, r: SeededRandom, bytes: number): string[] {
  switch (kind) {
    case 'ts':
      return typescript(r, bytes / 45);
    case 'py':
      return python(r, bytes / 40);
    case 'go':
      return golang(r, bytes / 40);
    case 'log':
      return logLines(r, bytes / 150);
    case 'lock':
      return packageLock(r, bytes / 330);
    case 'yarn':
      return yarnLock(r, bytes / 260);
    case 'min':
      return minified(r, bytes);
    case 'md':
      return markdown(r, bytes / 60);
    case 'yml':
      return yaml(r, bytes / 30);
    case 'json':
      return jsonConfig(r, bytes / 30);
    case 'env':
      return dotenv(r, bytes / 25);
    case 'sh':
      return shell(r, bytes / 30);
  }
}
