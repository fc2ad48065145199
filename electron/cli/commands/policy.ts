import {
  parsePolicyValue,
  policyDescriptions,
  policyKeys,
  type Policy,
  type PolicyOverride,
} from '../../../shared/policy.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';

function policyTable(effective: Policy, overrides: PolicyOverride, tokenOverrides: PolicyOverride = {}): string {
  const width = Math.max(...policyKeys.map((k) => k.length));
  return policyKeys
    .map((key) => {
      const source = key in tokenOverrides ? 'this token' : key in overrides ? 'set' : 'default';
      return `${key.padEnd(width)}  ${String(effective[key]).padEnd(8)}  ${`(${source})`.padEnd(12)}  ${policyDescriptions[key]}`;
    })
    .join('\n');
}

export const policyCommand: Command = {
  name: 'policy',
  summary: 'show or change the rules tokens are judged by',
  usage:
    'lapse policy show [--token ID] [--json] | lapse policy set KEY VALUE [--token ID] | lapse policy reset KEY [--token ID]',
  details: [
    'Keys:',
    ...policyKeys.map((k) => `  ${k.padEnd(16)} ${policyDescriptions[k]}`),
    'Without --token the change applies to every token; with it, to that token only.',
  ],
  options: { token: { type: 'string' } },
  async run(ctx, values, [action = 'show', key, value]) {
    const api = ctx.api();
    const tokenId = typeof values['token'] === 'string' ? await resolveId(api, values['token']) : null;
    const state = unwrap(await api.getPolicy({}));
    const token = tokenId ? unwrap(await api.getToken({ id: tokenId })) : null;

    if (action === 'show') {
      const effective = { ...state.effective, ...token?.policy };
      if (ctx.json)
        printLine(ctx.io.stdout, JSON.stringify({ ...state, effective, token: token?.policy ?? null }, null, 2));
      else printLine(ctx.io.stdout, policyTable(effective, state.overrides, token?.policy));
      return 0;
    }
    if (action !== 'set' && action !== 'reset')
      throw new UsageError('lapse policy takes show, set KEY VALUE, or reset KEY.');
    if (!key) throw new UsageError(`Name a policy key: ${policyKeys.join(', ')}.`);
    const parsed = parsePolicyValue(
      key,
      action === 'set' ? (value ?? '') : String(state.defaults[key as keyof Policy] ?? ''),
    );
    if ('problem' in parsed) throw new UsageError(parsed.problem);
    if (action === 'set' && value === undefined) throw new UsageError(`Give a value: lapse policy set ${key} VALUE.`);

    if (token) {
      const next: PolicyOverride = { ...token.policy };
      if (action === 'set') Object.assign(next, { [parsed.key]: parsed.value });
      else delete next[parsed.key];
      unwrap(await api.editToken({ id: token.id, changes: { policy: next } }));
    } else if (action === 'set') {
      unwrap(await api.setPolicy({ changes: { [parsed.key]: parsed.value } }));
    } else {
      unwrap(await api.setPolicy({ changes: {}, reset: [parsed.key] }));
    }
    const where = token ? `for "${token.label}"` : 'for every token';
    printLine(
      ctx.io.stderr,
      action === 'set'
        ? `${parsed.key} is now ${parsed.value} ${where}.`
        : `${parsed.key} is back to its default ${where}.`,
    );
    return 0;
  },
};
