// `GitHub-Authentication-Token-Expiration: 2021-10-07 19:07:53 UTC`, or with an offset such as `+0900`.
const shape = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (UTC|[+-]\d{2}:?\d{2})$/;

/** The instant GitHub's expiration header names, as ISO; null when it is not in a shape Lapse knows. */
export function parseGithubExpiration(header: string): string | null {
  const match = shape.exec(header.trim());
  if (!match) return null;
  const part = (i: number) => Number(match[i]);
  const [y, mo, d, h, mi, s] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over to March: a field out of range is not a date.
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null;
  const zone = (match[7] ?? 'UTC').replace(':', '');
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = zone === 'UTC' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  return new Date(local - offsetMinutes * 60_000).toISOString();
}
