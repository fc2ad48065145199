/** Edit distance (insert, delete, substitute, swap two neighbours), for "did you mean". */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

/** The closest of `choices` to a mistyped `given` (at most 2 edits, and fewer than half its letters), or null. */
export function closest(given: string, choices: readonly string[]): string | null {
  const typed = given.toLowerCase();
  let best: { choice: string; d: number } | null = null;
  for (const choice of choices) {
    const d = distance(typed, choice.toLowerCase());
    if (!best || d < best.d) best = { choice, d };
  }
  if (!best) return null;
  const allowed = Math.min(2, Math.floor(Math.max(typed.length, 2) / 2));
  if (best.d <= allowed) return best.choice;
  // A prefix of exactly one choice ("rem" → reminders) counts too.
  const prefixed = choices.filter((c) => typed.length >= 3 && c.startsWith(typed));
  return prefixed.length === 1 ? prefixed[0]! : null;
}
