import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { checkCommand } from './check.js';
import { editCommand } from './edit.js';
import { importCommand } from './import.js';
import { inspectCommand } from './inspect.js';
import { listCommand } from './list.js';
import { oauthCommand } from './oauth.js';
import { policyCommand } from './policy.js';
import { reportCommand } from './report.js';
import { remindersCommand } from './reminders.js';
import { revealCommand } from './reveal.js';
import { rmCommand } from './rm.js';
import { scanCommand } from './scan.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';
import { verifyCommand } from './verify.js';

/** Every `lapse` subcommand, in the order --help lists them. */
export const commands: Command[] = [addCommand, listCommand, showCommand, revealCommand, editCommand, rmCommand, inspectCommand, scanCommand, importCommand, verifyCommand, policyCommand, oauthCommand, reportCommand, checkCommand, remindersCommand, serveCommand];
