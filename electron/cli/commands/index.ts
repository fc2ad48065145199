import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { editCommand } from './edit.js';
import { inspectCommand } from './inspect.js';
import { listCommand } from './list.js';
import { policyCommand } from './policy.js';
import { revealCommand } from './reveal.js';
import { rmCommand } from './rm.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';

/** Every `lapse` subcommand, in the order --help lists them. */
export const commands: Command[] = [addCommand, listCommand, showCommand, revealCommand, editCommand, rmCommand, inspectCommand, policyCommand, serveCommand];
