import { execFile } from 'node:child_process';

/** What the session bus says about the Secret Service, asked with dbus-send (which starts nothing). */
export interface SecretServiceFacts {
  /** DBUS_SESSION_BUS_ADDRESS is set. */
  busAddress: boolean;
  /** dbus-send is installed. */
  dbusSend: boolean;
  /** The bus answered. */
  busAnswers: boolean;
  /** org.freedesktop.secrets has an owner. */
  serviceRunning: boolean;
  /** The default collection is locked; null when there is none yet or it could not be asked. */
  locked: boolean | null;
  /** The default collection's object path, e.g. /org/freedesktop/secrets/collection/login; null when unknown. */
  defaultCollection: string | null;
}

function ask(args: string[], env: NodeJS.ProcessEnv): Promise<{ out: string } | { error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    execFile('dbus-send', ['--session', '--print-reply', ...args], { timeout: 3000, env }, (error, stdout) =>
      resolve(error ? { error: error as NodeJS.ErrnoException } : { out: stdout }),
    );
  });
}

export async function secretServiceFacts(env: NodeJS.ProcessEnv): Promise<SecretServiceFacts> {
  const facts: SecretServiceFacts = {
    busAddress: Boolean(env['DBUS_SESSION_BUS_ADDRESS']),
    dbusSend: true,
    busAnswers: false,
    serviceRunning: false,
    locked: null,
    defaultCollection: null,
  };
  if (!facts.busAddress) return facts;
  const owner = await ask(
    [
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ],
    env,
  );
  if ('error' in owner) {
    facts.dbusSend = owner.error.code !== 'ENOENT';
    return facts;
  }
  facts.busAnswers = true;
  facts.serviceRunning = /boolean true/.test(owner.out);
  if (!facts.serviceRunning) return facts;
  const alias = await ask(
    [
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.ReadAlias',
      'string:default',
    ],
    env,
  );
  if ('out' in alias) {
    const path = /object path "([^"]+)"/.exec(alias.out)?.[1];
    facts.defaultCollection = path && path !== '/' ? path : null;
  }
  const locked = await ask(
    [
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets/aliases/default',
      'org.freedesktop.DBus.Properties.Get',
      'string:org.freedesktop.Secret.Collection',
      'string:Locked',
    ],
    env,
  );
  if ('out' in locked) facts.locked = /boolean true/.test(locked.out);
  return facts;
}
