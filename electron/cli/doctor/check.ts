/** One thing `lapse doctor` looked at: what it found and, when something is missing, the commands that fix it. */
export interface DoctorCheck {
  /** Stable name, for --json. */
  id: string;
  /** `fail`: Lapse cannot work fully until it is fixed; `warn`: works, but read the detail; `info`: how things are. */
  state: 'ok' | 'warn' | 'fail' | 'info' | 'skipped';
  /** One line: what was found. */
  summary: string;
  /** More lines: why it matters. */
  detail: string[];
  /** Exact commands (or steps) that fix it, in order. */
  fix: string[];
}

export const check = (
  id: string,
  state: DoctorCheck['state'],
  summary: string,
  more: Partial<Pick<DoctorCheck, 'detail' | 'fix'>> = {},
): DoctorCheck => ({
  id,
  state,
  summary,
  detail: more.detail ?? [],
  fix: more.fix ?? [],
});
