/**
 * What the browser shell's page does once on opening: trade the launch URL's single-use key for a
 * session secret (sent as `X-Lapse-Key` on every call after). For tests that call the HTTP host.
 */
export async function shellSession(port: number, launchKey: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const response = await fetchImpl(`http://127.0.0.1:${port}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: launchKey }),
  });
  const answer = (await response.json()) as { ok: boolean; value?: { session: string } };
  if (!answer.value) throw new Error(`the browser shell gave no session: HTTP ${response.status}`);
  return answer.value.session;
}
