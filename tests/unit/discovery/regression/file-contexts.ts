// The places a secret turns up in real trees, each in the syntax of its file. A context puts one
// value into a small file around ordinary lines; `key` is the name the value is given there.
import { randomAlnum } from '../../../helpers/fake-tokens.js';

export interface FileContext {
  name: string;
  /** The file's path in the case's tree (decides how Lapse reads it: .env, .npmrc, …). */
  path: string;
  render(value: string, key: string): string;
}

/** `API_TOKEN` → `apiToken`. */
const camel = (key: string) => key.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** About 64 KB of minified code on one line, the value somewhere in the middle of it. */
function minified(inner: string): string {
  const filler = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `function q${i}(e,t){return e&&t?e.map(function(n){return n+t}):[]}var u${i}={a:${i},b:"x${i}"};`,
    ).join('');
  return `!function(){"use strict";${filler(400)}${inner}${filler(400)}}();\n`;
}

export const fileContexts: FileContext[] = [
  { name: '.env', path: 'app/.env', render: (v, k) => `# local settings\nNODE_ENV=production\n${k}=${v}\nPORT=8080\n` },
  {
    name: 'YAML',
    path: 'deploy/values.yaml',
    render: (v, k) => `service:\n  name: api\n  env:\n    ${camel(k)}: "${v}"\n    replicas: 2\n`,
  },
  {
    name: 'JSON',
    path: 'config/settings.json',
    render: (v, k) => `{\n  "name": "api",\n  "${camel(k)}": "${v}",\n  "retries": 3\n}\n`,
  },
  {
    name: 'shell export',
    path: 'scripts/deploy.sh',
    render: (v, k) => `#!/bin/sh\nset -e\nexport ${k}="${v}"\n./release.sh\n`,
  },
  { name: 'Python', path: 'tools/settings.py', render: (v, k) => `import os\n\n${k} = '${v}'\nDEBUG = False\n` },
  {
    name: 'Go typed var',
    path: 'cmd/api/config.go',
    render: (v, k) => `package main\n\nvar ${camel(k)} string = "${v}"\n\nfunc main() {}\n`,
  },
  {
    name: 'Go short assignment',
    path: 'cmd/api/client.go',
    render: (v, k) => `func newClient() *Client {\n\t${camel(k)} := "${v}"\n\treturn &Client{}\n}\n`,
  },
  { name: 'Makefile ?=', path: 'Makefile', render: (v, k) => `.PHONY: deploy\n${k} ?= ${v}\ndeploy:\n\t./deploy.sh\n` },
  { name: 'Makefile ::=', path: 'build/rules.mk', render: (v, k) => `${k} ::= ${v}\nall: build\n` },
  {
    name: 'Java setProperty',
    path: 'src/main/java/App.java',
    render: (v, k) => `public class App {\n  static {\n    System.setProperty("${k}", "${v}");\n  }\n}\n`,
  },
  {
    name: 'Java field',
    path: 'src/main/java/Config.java',
    render: (v, k) => `class Config {\n  private static final String ${k} = "${v}";\n}\n`,
  },
  {
    name: 'PHP .=',
    path: 'public/config.php',
    render: (v, k) => `<?php\n$${camel(k)} = '';\n$${camel(k)} .= '${v}';\n`,
  },
  {
    name: 'PHP array',
    path: 'config/services.php',
    render: (v, k) => `<?php\nreturn [\n  '${k.toLowerCase()}' => '${v}',\n];\n`,
  },
  {
    name: 'XML element, value on its own line',
    path: 'conf/server.xml',
    render: (v, k) => `<config>\n  <${camel(k)}>\n    ${v}\n  </${camel(k)}>\n</config>\n`,
  },
  {
    name: 'XML element',
    path: 'conf/app.xml',
    render: (v, k) => `<settings><${camel(k)}>${v}</${camel(k)}><retries>3</retries></settings>\n`,
  },
  {
    name: '.NET appSettings',
    path: 'web.config',
    render: (v, k) => `<appSettings>\n  <add key="${k}" value="${v}" />\n</appSettings>\n`,
  },
  {
    name: 'curl Bearer header',
    path: 'docs/howto.md',
    render: (v) => `Call it:\n\n    curl -sf -H "Authorization: Bearer ${v}" https://api.example.invalid/v1/me\n`,
  },
  {
    name: 'curl Api-Token header',
    path: 'scripts/ping.sh',
    render: (v) => `curl -H 'Api-Token: ${v}' https://api.example.invalid/ping\n`,
  },
  {
    name: 'call argument',
    path: 'src/client.ts',
    render: (v) => `import { Client } from 'sdk';\nconst client = new Client();\nclient.authenticate("${v}");\n`,
  },
  {
    name: 'camelCase key in source',
    path: 'src/config.ts',
    render: (v, k) => `export const config = {\n  region: 'eu-west-1',\n  ${camel(k)}: "${v}",\n};\n`,
  },
  { name: 'TOML', path: 'config.toml', render: (v, k) => `[service]\nname = "api"\n${k.toLowerCase()} = "${v}"\n` },
  {
    name: 'Dockerfile ENV',
    path: 'Dockerfile',
    render: (v, k) => `FROM node:20\nENV ${k}=${v}\nCMD ["node", "server.js"]\n`,
  },
  {
    name: 'URL query',
    path: 'logs/access.log',
    render: (v) => `10.0.0.7 - - [20/Nov/2026:10:00:00 +0000] "GET /hook?access_token=${v}&state=1 HTTP/1.1" 200 512\n`,
  },
  {
    name: 'minified bundle',
    path: 'dist/app.min.js',
    render: (v, k) => minified(`var c={${camel(k)}:"${v}",timeout:3e4};`),
  },
  {
    name: 'source map (escaped JSON)',
    path: 'dist/app.js.map',
    render: (v, k) =>
      `${JSON.stringify({ version: 3, sources: ['src/config.ts'], names: [], mappings: 'AAAA', sourcesContent: [`export const config = {\n  "${camel(k)}": "${v}",\n  id: "${randomAlnum(4)}"\n};\n`] })}\n`,
  },
];

/** The contexts where a value needs its key to be seen: everything except those whose syntax names none. */
export const keyedContexts = fileContexts.filter(
  (c) => !['URL query', 'call argument', 'curl Bearer header'].includes(c.name),
);
