import type { ProviderId } from '../model.js';

// Whether a key (variable, property, header, element) names a secret, read word by word: `apiKey`,
// `DB_PASSWORD`, `Api-Token`, `awsSecretAccessKey` do; `tokenizer`, `authDomain`, `passwordHash`,
// `session_timeout`, `token_type` do not (their last word says what they hold instead).

/** The words that make a key a secret's name. */
const secretWords = new Set([
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'credential',
  'credentials',
  'creds',
  'session',
  'auth',
  'bearer',
  'apikey',
  'accesskey',
  'privatekey',
]);
/**
 * `<word> key` names a secret (`apiKey`, `signingKey`, `stripeKey`, `base62Key`), except where the
 * word makes it a key of something else: a database row, a cache entry, a map, a keyboard.
 */
const notSecretKeys = new Set([
  'primary',
  'foreign',
  'composite',
  'unique',
  'sort',
  'partition',
  'shard',
  'row',
  'column',
  'table',
  'index',
  'cache',
  'query',
  'storage',
  'route',
  'i18n',
  'translation',
  'lookup',
  'map',
  'hash',
  'dict',
  'group',
  'list',
  'object',
  'event',
  'idempotency',
  'hot',
  'dedupe',
  'react',
  'public',
  'ssh',
  'gpg',
  'pgp',
  'host',
  'known',
  'license',
  'locale',
  'message',
  'label',
  'field',
  'prop',
  'item',
  'node',
  'entry',
  'record',
  'cursor',
  'page',
  'next',
  'last',
  'first',
  'sub',
  'parent',
  'child',
  'data',
  'meta',
  'type',
  'name',
  'short',
  'long',
]);
/** A last word that says the key holds something about a secret, not the secret. */
const aboutWords = new Set([
  'url',
  'uri',
  'urls',
  'file',
  'files',
  'path',
  'paths',
  'name',
  'names',
  'type',
  'types',
  'length',
  'len',
  'size',
  'count',
  'id',
  'ids',
  'endpoint',
  'header',
  'headers',
  'field',
  'param',
  'params',
  'prefix',
  'expiry',
  'expires',
  'expiration',
  'at',
  'in',
  'ttl',
  'timeout',
  'policy',
  'format',
  'mode',
  'store',
  'storage',
  'provider',
  'helper',
  'command',
  'cmd',
  'dir',
  'arn',
  'ref',
  'env',
  'var',
  'label',
  'description',
  'hint',
  'rotation',
  'version',
  'hash',
  'hashed',
  'digest',
  'domain',
  'enabled',
  'required',
  'method',
  'scheme',
  'host',
  'port',
  'user',
  'username',
  'manager',
  'service',
  'class',
  'factory',
  'handler',
  'callback',
  'max',
  'min',
  'limit',
  'age',
  'duration',
  'interval',
  'regex',
  'pattern',
  'status',
  'state',
  'level',
  'index',
  'number',
  'key',
  'keys',
  'placeholder',
  'example',
  'sample',
  'template',
  'policy',
  'reset',
  'strength',
  'rules',
  'validator',
  'schema',
  'input',
  'label',
  'text',
  'message',
  'error',
  'errors',
  'lifetime',
  'refresh',
]);

/** `awsSecretAccessKey` → aws, secret, access, key; `DB_PASSWORD` → db, password. */
export function keyWordsOf(key: string): string[] {
  return (key.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []).map((w) => w.toLowerCase());
}

/** Whether the key names a secret (see the file's head). */
export function namesSecret(key: string): boolean {
  const words = keyWordsOf(key);
  const last = words[words.length - 1];
  if (!last || words.includes('public')) return false;
  const named = words.some(
    (w, i) => secretWords.has(w) || (w === 'key' && i > 0 && !notSecretKeys.has(words[i - 1] ?? '')),
  );
  if (!named) return false;
  // `refresh_token` is a secret, `token_refresh` is about one; `api_key` is one, `key_id` is about one.
  if (last === 'key') return true;
  return !aboutWords.has(last);
}

/** A key whose only secret word is `session` (`saveSession`, `SESSION`): it may hold an id. */
export function namesOnlySession(key: string): boolean {
  const words = keyWordsOf(key);
  return (
    words.includes('session') && !words.some((w) => w !== 'session' && secretWords.has(w)) && !words.includes('key')
  );
}

/** What kind of secret a key names, for the finding. */
export function kindOfKey(key: string): { kind: string; provider: ProviderId } {
  const flat = keyWordsOf(key).join('');
  if (flat.includes('secretaccesskey')) return { kind: 'secret access key', provider: 'aws' };
  if (flat.includes('awssessiontoken')) return { kind: 'session token', provider: 'aws' };
  if (flat === 'bearer') return { kind: 'bearer token', provider: 'generic' };
  if (/pass(?:wor)?d|passphrase|pwd|pass$/.test(flat)) return { kind: 'password', provider: 'generic' };
  if (flat.includes('clientsecret')) return { kind: 'client secret', provider: 'generic' };
  if (flat.includes('secret')) return { kind: 'secret', provider: 'generic' };
  if (flat.includes('cred')) return { kind: 'credentials', provider: 'generic' };
  if (flat.includes('session')) return { kind: 'session secret', provider: 'generic' };
  if (flat.includes('token') || flat.includes('auth')) return { kind: 'token', provider: 'generic' };
  return { kind: 'API key', provider: 'generic' };
}
