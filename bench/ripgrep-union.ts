// The formats Lapse detects, as one ripgrep (Rust regex) union: the baseline of the scan benchmark.
// Mirrors shared/formats.ts (prefixes, alphabets, minimum lengths), plus the same key-value,
// Bearer and URL-password contexts for generic secrets. ripgrep has no placeholder rejection.
const formats = [
  'github_pat_\\w{20,}',
  'gh[pour]_[A-Za-z0-9]{20,}',
  'ghs_[A-Za-z0-9_.-]{20,}',
  'glpat-[\\w.-]{20,}',
  'gl(?:oas|dt)-[\\w-]{20,}',
  'gl(?:rt|cbt)-[\\w.-]{20,}',
  'xoxe\\.xox[bp]-[\\w-]+',
  'xoxe-\\d-[\\w-]+',
  'xox[abcdopr]-[\\w-]+',
  'xapp-[\\w-]+',
  'npm_[A-Za-z0-9]{30,}',
  'sk-ant-(?:admin01|api0\\d)-[\\w-]{20,}',
  'sk-(?:proj|svcacct|admin)-[\\w-]{20,}',
  'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}',
  'sk_(?:live|test)_[A-Za-z0-9]{10,}',
  'rk_(?:live|test|prod)_[A-Za-z0-9]{10,}',
  'A[KS]IA[A-Z2-7]{16}',
  'hf_[A-Za-z]{30,}',
  'api_org_[A-Za-z]{30,}',
  'do[opr]_v1_[a-f0-9]{64}',
  'cf(?:ut|at|k)_[A-Za-z0-9]{40}[a-f0-9]{8}',
  'dckr_pat_[\\w-]{20,}',
  'pypi-AgEIcHlwaS5vcmc[\\w-]{50,}',
  'sntryu_[a-f0-9]{64}',
  'sntrys_[\\w=+/-]{20,}',
  'lin_api_[A-Za-z0-9]{32,128}',
  'vc[pikrc]_[A-Za-z0-9]{20,60}',
  'ATATT3[A-Za-z0-9_=-]{100,}',
  'AIza[\\w-]{35}',
  'eyJ[\\w-]{2,}\\.[\\w-]{2,}\\.[\\w-]*',
];

const contexts = [
  // `API_KEY=…`, `"client_secret": "…"`, `token: …`, `--password …`
  '(?i:token|secret|passw(?:or)?d|passphrase|api[_-]?key|access[_-]?key)[\\w.-]*["\']?\\s*(?::=|=>|[:=])\\s*["\']?[\\w+/=.~!@#$%^*?:|-]{16,}',
  '[Bb]earer\\s+[\\w+/=.~-]{16,}',
  '[a-z][a-z0-9+.-]*://[^:/\\s@]+:[^@/\\s]{8,}@',
];

/** One regular expression for `rg -e`. */
export const ripgrepUnion = [...formats, ...contexts].join('|');
