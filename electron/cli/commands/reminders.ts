import type { LapseApi, ReminderView } from '../../../shared/api.js';
import { reminderIdSchema, reminderTierSchema, snoozeSpanNames, type SnoozeSpan } from '../../../shared/reminders.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { printLine } from '../io.js';
import { unwrap } from '../output.js';
import { resolveId } from '../resolve-id.js';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function reminderTable(reminders: ReminderView[], dueOnly: boolean): string {
  if (reminders.length === 0)
    return dueOnly
      ? 'Nothing is due.'
      : 'No reminders: no token has an expiry, rotation or verification coming, and none needs action now.';
  const rows = [
    ['STATE', 'WHEN', 'TOKEN', 'REMINDER'],
    ...reminders.map((r) => [r.state, when(r.firesAt), r.tokenId.slice(0, 8), r.title]),
  ];
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const lines = rows.map((row) =>
    row
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return [
    ...lines,
    '',
    'Snooze what is due for a token: lapse reminders snooze TOKEN 1h|1d|1w; end a snooze: lapse reminders unsnooze TOKEN',
  ].join('\n');
}

/** A reminder id as given, or the full id of the token a prefix names. */
const reminderOrToken = async (api: LapseApi, given: string | undefined) =>
  given && reminderIdSchema.safeParse(given).success ? given : resolveId(api, given);

async function snooze(api: LapseApi, given: string | undefined, span: string | undefined) {
  if (!snoozeSpanNames.includes(span as SnoozeSpan))
    throw new UsageError(`Snooze for ${snoozeSpanNames.join(', ')}: lapse reminders snooze ID 1d.`);
  return unwrap(await api.snoozeReminder({ id: await reminderOrToken(api, given), for: span as SnoozeSpan })).snoozed;
}

function parseTiers(text: string | undefined): string[] | null {
  if (!text)
    throw new UsageError(
      'Give lead times, e.g. lapse reminders tiers ID 30d,7d,1d,1h,0 (0 = at expiry), or `default`.',
    );
  if (text === 'default') return null;
  const tiers = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const bad = tiers.find((t) => !reminderTierSchema.safeParse(t).success);
  if (bad !== undefined)
    throw new UsageError(
      `"${bad}" is not a lead time: use a number with m, h, d or w (e.g. 7d, 1h), or 0 for at expiry.`,
    );
  return tiers;
}

export const remindersCommand: Command = {
  name: 'reminders',
  summary: 'what is due or coming: expiry lead times, rotation, verification; snooze, mute, calendar',
  usage:
    'lapse reminders [--due] [--json] [--now ISO] | lapse reminders --ics > lapse.ics | lapse reminders snooze ID 1h|1d|1w | lapse reminders unsnooze ID | lapse reminders mute ID | lapse reminders unmute ID | lapse reminders tiers ID 30d,7d,1d,1h,0|default',
  details: [
    'Lists reminders: what is due now (critical states too: exposed, revocation pending, disconnected, secret missing),',
    'then snoozed ones, then the next one per token and kind. --due: only what is due.',
    'Listing marks nothing as sent: notifications (desktop app, browser page) fire each reminder once.',
    '--ics prints an RFC 5545 calendar: one event per expiry, alarms at the lead times; re-importing updates it.',
    'ID is a token id (or a unique prefix of one) or a reminder id (see --json). Works offline: no provider is called.',
  ],
  options: { due: { type: 'boolean' }, ics: { type: 'boolean' } },
  async run(ctx, values, [action, id, arg]) {
    const api = ctx.api();
    const say = (text: string) => printLine(ctx.io.stderr, text);
    if (values['ics']) {
      if (action) throw new UsageError('--ics takes no action: lapse reminders --ics > lapse.ics');
      // Exactly the calendar, CRLF line ends included, so `> lapse.ics` is a valid file.
      ctx.io.stdout.write(unwrap(await api.getCalendar({})).ics);
      return 0;
    }
    if (!action) {
      const dueOnly = values['due'] === true;
      const { reminders, summary, evaluatedAt } = unwrap(await api.listReminders({ due: dueOnly }));
      printLine(
        ctx.io.stdout,
        ctx.json ? JSON.stringify({ reminders, summary, evaluatedAt }, null, 2) : reminderTable(reminders, dueOnly),
      );
      return 0;
    }
    if (action === 'snooze') {
      const snoozed = await snooze(api, id, arg);
      if (ctx.json) printLine(ctx.io.stdout, JSON.stringify({ snoozed }, null, 2));
      else
        say(
          `Snoozed ${snoozed.length === 1 ? 'the reminder' : `${snoozed.length} reminders`} until ${when(snoozed[0]?.snoozedUntil ?? '')}.`,
        );
      return 0;
    }
    if (action === 'unsnooze') {
      const { unsnoozed } = unwrap(await api.unsnoozeReminder({ id: await reminderOrToken(api, id) }));
      if (ctx.json) printLine(ctx.io.stdout, JSON.stringify({ unsnoozed }, null, 2));
      else
        say(
          `Ended the snooze of ${unsnoozed.length === 1 ? 'the reminder' : `${unsnoozed.length} reminders`}: due again now.`,
        );
      return 0;
    }
    if (action === 'mute' || action === 'unmute' || action === 'tiers') {
      const tokenId = await resolveId(api, id);
      const change = action === 'tiers' ? { tiers: parseTiers(arg) } : { muted: action === 'mute' };
      const settings = unwrap(await api.setReminderSettings({ tokenId, ...change }));
      if (ctx.json) printLine(ctx.io.stdout, JSON.stringify(settings, null, 2));
      else if (action === 'tiers')
        say(
          `Reminders before expiry: ${settings.tiers.join(', ') || 'none'}${settings.customTiers ? '' : ' (the defaults)'}.`,
        );
      else
        say(
          settings.muted
            ? 'Muted: this token sends no reminders until you unmute it.'
            : 'Unmuted: its reminders fire again.',
        );
      return 0;
    }
    throw new UsageError(
      `Unknown action "${action}". lapse reminders takes snooze, unsnooze, mute, unmute or tiers, or no action to list.`,
    );
  },
};
