import { setFlagsFromString } from 'node:v8';

// Most `lapse` runs last well under a second. V8's optimising compiler (TurboFan) would spend more
// CPU compiling on its background threads than the run has left to save (measured on the scan's
// detector: a cold pass over 9,310 lines took 400 ms of CPU with it, 180 ms without). So a command
// stops at the baseline tier (Sparkplug); runs that read many bytes in JavaScript, or serve a window
// for hours, optimise fully.

/** For a command that ends soon: baseline code only. */
export function compileForAMoment(): void {
  setFlagsFromString('--max-opt=1');
}

/** For a run that reads many bytes in JavaScript, or lasts: every tier again. */
export function compileForTheLongRun(): void {
  setFlagsFromString('--max-opt=999');
}
