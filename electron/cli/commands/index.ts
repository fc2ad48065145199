import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { checkCommand } from './check.js';
import { editCommand } from './edit.js';
import { importCommand } from './import.js';
import { inspectCommand } from './inspect.js';
import { forgetCommand } from './forget.js';
import { listCommand } from './list.js';
import { logCommand } from './log.js';
import { offboardCommand } from './offboard.js';
import { revokeCommand } from './revoke.js';
import { rotateCommand } from './rotate.js';
import { oauthCommand } from './oauth.js';
import { policyCommand } from './policy.js';
import { reportCommand } from './report.js';
import { remindersCommand } from './reminders.js';
import { revealCommand } from './reveal.js';
import { rmCommand } from './rm.js';
import { scanCommand } from './scan.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';
import { teamCommand } from './team.js';
import { verifyCommand } from './verify.js';

/** Every `lapse` subcommand, in the order --help lists them. */
export const commands: Command[] = [addCommand, listCommand, showCommand, revealCommand, editCommand, rmCommand, inspectCommand, scanCommand, importCommand, verifyCommand, rotateCommand, revokeCommand, forgetCommand, offboardCommand, logCommand, policyCommand, oauthCommand, reportCommand, checkCommand, teamCommand, remindersCommand, serveCommand];
