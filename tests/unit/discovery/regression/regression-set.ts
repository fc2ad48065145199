// The regression set: documented formats and generic secrets in many file contexts, and look-alikes
// that must stay quiet. Cases are built fresh each run (random bodies, new keys).
import type { ProviderId } from '../../../../shared/model.js';
import { randomAlnum, randomDigits } from '../../../helpers/fake-tokens.js';
import { documentedTokens, nearMisses } from './documented-tokens.js';
import { fileContexts, keyedContexts, type FileContext } from './file-contexts.js';
import { notPrivateKeys, privateKeys } from './private-keys.js';

/** Where a case's files go: a plain project folder, a git repository, or the user's ~/.ssh. */
export type Place = 'project' | 'repository' | 'ssh';

export interface Expected {
  /** The secret; absent when only the kind can be checked (a key inside escaped JSON). */
  value?: string;
  provider: ProviderId;
  /** Words the finding's kind must contain (e.g. the key type). */
  kindIncludes?: string;
}

export interface RegressionCase {
  /** Row of the size-by-kind table. */
  kind: string;
  label: string;
  place: Place;
  path: string;
  text: string;
  /** What must be reported from this file (empty for a negative case: nothing may be). */
  expected: Expected[];
}

const genericSecret = () => `FAKE${randomAlnum(28)}`;
/** The 40 characters of an AWS secret access key: base64 alphabet, with `/` and `+`. */
const awsSecret = () => `FAKE${randomAlnum(14)}/${randomAlnum(10)}+${randomAlnum(10)}`;
const shortPassword = () => `FAKE${randomAlnum(4)}`;

const contextKeys: Record<string, string> = {
  GitHub: 'GITHUB_TOKEN',
  npm: 'NPM_TOKEN',
  GitLab: 'GITLAB_TOKEN',
  Slack: 'SLACK_BOT_TOKEN',
  Stripe: 'STRIPE_SECRET_KEY',
  AWS: 'AWS_ACCESS_KEY_ID',
  OpenAI: 'OPENAI_API_KEY',
  Sentry: 'SENTRY_AUTH_TOKEN',
  'Hugging Face': 'HF_TOKEN',
  Google: 'GOOGLE_API_KEY',
  Cloudflare: 'CLOUDFLARE_API_TOKEN',
  DigitalOcean: 'DIGITALOCEAN_TOKEN',
  JWT: 'ID_TOKEN',
};

const nearMissContexts = [
  '.env',
  'JSON',
  'YAML',
  'call argument',
  'minified bundle',
  'source map (escaped JSON)',
  'curl Bearer header',
  'Go typed var',
];

function inContext(
  context: FileContext,
  kind: string,
  label: string,
  value: string,
  key: string,
  expected: Expected[],
  place: Place = 'project',
): RegressionCase {
  return {
    kind,
    label: `${label} — ${context.name}`,
    place,
    path: context.path,
    text: context.render(value, key),
    expected,
  };
}

function providerCases(): RegressionCase[] {
  const cases: RegressionCase[] = [];
  for (const token of documentedTokens) {
    for (const context of fileContexts) {
      const value = token.build();
      cases.push(
        inContext(context, token.kind, token.name, value, contextKeys[token.kind] ?? 'API_TOKEN', [
          { value, provider: token.provider },
        ]),
      );
    }
  }
  return cases;
}

function nearMissCases(): RegressionCase[] {
  const cases: RegressionCase[] = [];
  for (const miss of nearMisses) {
    const userId = miss.why.startsWith('an IAM user id');
    // An IAM user id is an identifier: give it the name it has in real files, and no Bearer header
    // (a value sent as a bearer credential is one, whatever it looks like).
    for (const context of fileContexts.filter(
      (c) => nearMissContexts.includes(c.name) && !(userId && c.name === 'curl Bearer header'),
    )) {
      const key = userId ? 'AWS_USER_ID' : (contextKeys[miss.kind] ?? 'API_TOKEN');
      cases.push(inContext(context, miss.kind, `not: ${miss.why}`, miss.build(), key, []));
    }
  }
  return cases;
}

const genericKeys = [
  'API_TOKEN',
  'CLIENT_SECRET',
  'DB_PASSWORD',
  'CREDENTIALS',
  'CREDS',
  'SESSION_SECRET',
  'SESSION',
  'SIGNING_KEY_SECRET',
];

function genericCases(): RegressionCase[] {
  const cases: RegressionCase[] = [];
  for (const key of genericKeys) {
    for (const context of keyedContexts) {
      const value = genericSecret();
      cases.push(
        inContext(context, 'Generic secrets under secret-named keys', `${key}`, value, key, [
          { value, provider: 'generic' },
        ]),
      );
    }
  }
  // The AWS key name must be the file's own: not in a header whose name is fixed.
  for (const context of keyedContexts.filter((c) => c.name !== 'curl Api-Token header')) {
    const value = awsSecret();
    cases.push(
      inContext(context, 'AWS secret access keys', 'AWS_SECRET_ACCESS_KEY', value, 'AWS_SECRET_ACCESS_KEY', [
        { value, provider: 'aws' },
      ]),
    );
  }
  return cases;
}

function callAndHeaderCases(): RegressionCase[] {
  const kind = 'Call arguments and HTTP headers';
  const shapes: [string, string, (v: string) => string][] = [
    ['setter call', 'src/client.js', (v) => `const client = new Client();\nclient.setApiKey("${v}");\n`],
    ['Go os.Setenv', 'main.go', (v) => `func init() {\n\tos.Setenv("SERVICE_TOKEN", "${v}")\n}\n`],
    ['Python keyword argument', 'app.py', (v) => `client = Client(api_key="${v}", timeout=30)\n`],
    ['Octokit auth option', 'src/gh.ts', (v) => `const octokit = new Octokit({ auth: "${v}" });\n`],
    ['Java builder', 'src/Main.java', (v) => `Client c = Client.builder().withToken("${v}").build();\n`],
    [
      'curl Bearer',
      'scripts/call.sh',
      (v) => `curl -sS -H "Authorization: Bearer ${v}" https://api.example.invalid/\n`,
    ],
    ['curl X-Api-Key', 'scripts/call2.sh', (v) => `curl -H "X-Api-Key: ${v}" https://api.example.invalid/\n`],
    [
      'HTTP request dump',
      'notes/request.http',
      (v) => `GET /v1/items HTTP/1.1\nHost: api.example.invalid\nApi-Token: ${v}\n`,
    ],
  ];
  const cases = shapes.map(([name, path, render]): RegressionCase => {
    const value = genericSecret();
    return {
      kind,
      label: name,
      place: 'project',
      path,
      text: render(value),
      expected: [{ value, provider: 'generic' }],
    };
  });
  const password = shortPassword();
  cases.push({
    kind,
    label: 'curl -u user:password',
    place: 'project',
    path: 'scripts/basic.sh',
    text: `curl -u deploy:${password} https://ci.example.invalid/api\n`,
    expected: [{ value: password, provider: 'generic' }],
  });
  const basic = shortPassword();
  cases.push({
    kind,
    label: 'Authorization: Basic header',
    place: 'project',
    path: 'notes/basic.http',
    text: `GET / HTTP/1.1\nAuthorization: Basic ${Buffer.from(`deploy:${basic}`).toString('base64')}\n`,
    expected: [{ value: basic, provider: 'generic' }],
  });
  return cases;
}

function awsPairCases(): RegressionCase[] {
  const kind = 'AWS key pairs without key names';
  const pair = () => ({
    id: `AKIAFAKE${randomAlnum(12)
      .toUpperCase()
      .replace(/[^A-Z2-7]/g, 'Q')}`,
    secret: awsSecret(),
  });
  const a = pair();
  const b = pair();
  const c = pair();
  return [
    {
      kind,
      label: 'credentials CSV as the console downloads it',
      place: 'project',
      path: 'Downloads/deploy_accessKeys.csv',
      text: `Access key ID,Secret access key\n${a.id},${a.secret}\n`,
      expected: [
        { value: a.id, provider: 'aws' },
        { value: a.secret, provider: 'aws' },
      ],
    },
    {
      kind,
      label: 'both on one line of a script',
      place: 'project',
      path: 'scripts/aws.sh',
      text: `aws_configure ${b.id} ${b.secret} eu-west-1\n`,
      expected: [
        { value: b.id, provider: 'aws' },
        { value: b.secret, provider: 'aws' },
      ],
    },
    {
      kind,
      label: 'STS JSON output',
      place: 'project',
      path: 'tmp/sts.json',
      text: `{\n  "Credentials": {\n    "AccessKeyId": "${c.id.replace('AKIA', 'ASIA')}",\n    "SecretAccessKey": "${c.secret}",\n    "Expiration": "2026-11-20T10:00:00Z"\n  }\n}\n`,
      expected: [
        { value: c.id.replace('AKIA', 'ASIA'), provider: 'aws' },
        { value: c.secret, provider: 'aws' },
      ],
    },
  ];
}

function urlCases(): RegressionCase[] {
  const kind = 'Database and basic-auth URLs';
  const urls: [string, (p: string) => string][] = [
    ['PostgreSQL', (p) => `postgres://app:${p}@db.internal:5432/app`],
    ['PostgreSQL (postgresql://)', (p) => `postgresql://reporting:${p}@10.0.0.5/reports?sslmode=require`],
    ['MySQL', (p) => `mysql://root:${p}@localhost:3306/shop`],
    ['MongoDB SRV', (p) => `mongodb+srv://svc:${p}@cluster0.example.invalid/db`],
    ['Redis with an empty user', (p) => `redis://:${p}@cache.internal:6379/0`],
    ['AMQP', (p) => `amqp://worker:${p}@mq.internal:5672/`],
    ['HTTPS basic auth', (p) => `https://deploy:${p}@git.example.invalid/team/repo.git`],
  ];
  const places: [string, string, (url: string) => string][] = [
    ['.env', 'svc/.env', (u) => `DATABASE_URL=${u}\n`],
    ['YAML', 'svc/docker-compose.yml', (u) => `services:\n  api:\n    environment:\n      - CONNECTION=${u}\n`],
    ['Python', 'svc/settings.py', (u) => `ENGINE_URL = "${u}"\n`],
  ];
  const cases: RegressionCase[] = [];
  for (const [name, url] of urls) {
    for (const [where, path, render] of places) {
      const password = shortPassword();
      cases.push({
        kind,
        label: `${name} — ${where}`,
        place: 'project',
        path,
        text: render(url(password)),
        expected: [{ value: password, provider: 'generic' }],
      });
    }
  }
  const negatives = [
    'postgres://user:password@localhost:5432/db',
    'postgres://postgres:postgres@localhost/postgres',
    'mysql://root:root@127.0.0.1/test',
    'postgres://app:${DB_PASSWORD}@db.internal/app',
    'redis://:changeme@localhost:6379',
    'https://user:pass@example.com/',
    'amqp://guest:guest@localhost:5672/',
    'postgres://app:<password>@db.internal/app',
    'mongodb://admin:%s@host/db',
  ];
  for (const url of negatives)
    cases.push({
      kind,
      label: `not: ${url}`,
      place: 'project',
      path: 'svc/.env.example',
      text: `DATABASE_URL=${url}\n`,
      expected: [],
    });
  return cases;
}

function privateKeyCases(): RegressionCase[] {
  const kind = 'Private keys';
  const cases: RegressionCase[] = [];
  for (const key of privateKeys()) {
    const kindIncludes = { rsa: 'RSA', ec: 'EC', ed25519: 'Ed25519', pkcs8: 'PKCS#8' }[key.type];
    const expect = [{ value: key.pem.trim(), provider: 'generic' as const, kindIncludes }];
    cases.push({
      kind,
      label: `${key.name} in a project folder`,
      place: 'project',
      path: `keys/${randomDigits(4)}.pem`,
      text: key.pem,
      expected: key.encrypted ? [] : expect,
    });
    cases.push({
      kind,
      label: `${key.name} in a git repository`,
      place: 'repository',
      path: `deploy/${randomDigits(4)}.key`,
      text: key.pem,
      expected: expect,
    });
    cases.push({
      kind,
      label: `${key.name} in ~/.ssh`,
      place: 'ssh',
      path: `id_${randomDigits(4)}`,
      text: key.pem,
      expected: [],
    });
  }
  const serviceAccount = privateKeys()[2];
  if (serviceAccount) {
    cases.push({
      kind,
      label: 'PKCS#8 key inside a JSON service-account file (escaped newlines)',
      place: 'project',
      path: 'gcp/service-account.json',
      text: `${JSON.stringify({ type: 'service_account', project_id: 'fake-project', private_key: serviceAccount.pem, client_email: 'fake@fake-project.iam.gserviceaccount.com' }, null, 2)}\n`,
      expected: [{ provider: 'generic', kindIncludes: 'RSA' }],
    });
  }
  for (const not of notPrivateKeys())
    cases.push({
      kind,
      label: `not: ${not.name}`,
      place: 'repository',
      path: `docs/${randomDigits(4)}.txt`,
      text: not.text,
      expected: [],
    });
  return cases;
}

function genericNegativeCases(): RegressionCase[] {
  const kind = 'Generic secrets under secret-named keys';
  const lines: [string, string][] = [
    ['.env', 'GITHUB_TOKEN=${GITHUB_TOKEN}'],
    ['.env', 'API_KEY=your_api_key_here'],
    ['.env', 'SECRET_KEY=changeme'],
    ['.env', 'SESSION_SECRET=<generate with openssl rand -hex 32>'],
    ['YAML', 'token: ${{ secrets.NPM_TOKEN }}'],
    ['YAML', 'password: "{{ vault_db_password }}"'],
    ['Go', 'apiToken := os.Getenv("API_TOKEN")'],
    ['Go', 'var sessionToken string = cfg.Token'],
    ['Java', 'System.setProperty("API_TOKEN", System.getenv("API_TOKEN"));'],
    ['PHP', "$token .= getenv('TOKEN');"],
    ['TypeScript', 'const credentials = await loadCredentials(profile);'],
    ['TypeScript', 'session: sessionStore.get(id),'],
    ['JSON', '"passwordHash": "$2b$12$FAKEsaltFAKEsaltFAKEsuJHfWq4uVzKgqJm0LzY4yEJFAKEFAKE"'],
    ['Makefile', 'TOKEN ?= $(shell cat .token)'],
    ['XML', '<password>${db.password}</password>'],
    ['XML', '<token>\n  ${env.TOKEN}\n</token>'],
    ['curl', 'curl -H "Authorization: Bearer $TOKEN" https://api.example.invalid'],
    ['curl', 'curl -u "$USER:$PASSWORD" https://ci.example.invalid'],
    ['Python', 'password = getpass.getpass("Password: ")'],
    ['Python', 'SECRET_KEY = "django-insecure-change-me-before-deploying-to-prod"'],
    ['Markdown', 'Set `API_TOKEN` to the token you created (it looks like `xxxxxxxxxxxxxxxx`).'],
    ['JSON', '"tokenizer": "FAKEwordpiece_uncased_L12_H768_A12"'],
    ['YAML', 'session_timeout: 3600'],
    ['Shell', 'export AWS_SECRET_ACCESS_KEY=$(aws configure get aws_secret_access_key)'],
  ];
  return lines.map(([where, line]) => ({
    kind,
    label: `not: ${line} (${where})`,
    place: 'project' as const,
    path: `misc/${where.toLowerCase()}-${randomDigits(5)}.txt`,
    text: `${line}\n`,
    expected: [],
  }));
}

/** Every case, each with its own file. */
export function regressionSet(): RegressionCase[] {
  return [
    ...providerCases(),
    ...nearMissCases(),
    ...genericCases(),
    ...genericNegativeCases(),
    ...callAndHeaderCases(),
    ...awsPairCases(),
    ...urlCases(),
    ...privateKeyCases(),
  ];
}
