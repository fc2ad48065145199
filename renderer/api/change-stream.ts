import { shellFetch } from './http-client.js';

/** What changed in the vault folder: the vault file, the audit log, a rotation journal. */
export type ChangeKinds = string[];

const retryMs = [1000, 2000, 5000, 10_000, 30_000];

/** The `data:` of each `changed` event in a text/event-stream chunk sequence. */
export function* changedEvents(buffer: { text: string }): Generator<ChangeKinds> {
  let end: number;
  while ((end = buffer.text.indexOf('\n\n')) >= 0) {
    const block = buffer.text.slice(0, end);
    buffer.text = buffer.text.slice(end + 2);
    const lines = block.split('\n');
    if (!lines.includes('event: changed')) continue;
    const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
    try {
      const parsed = JSON.parse(data ?? '') as { kinds?: unknown };
      if (Array.isArray(parsed.kinds)) yield parsed.kinds.filter((k): k is string => typeof k === 'string');
    } catch {
      // A malformed event says nothing; the next one will.
    }
  }
}

/**
 * The browser shell's change stream (GET /api/events), read with fetch so it carries the same
 * credentials as every call (EventSource cannot send headers). Reconnects with a growing pause,
 * and reports a reconnect as a change (anything may have happened meanwhile). Returns the stop.
 */
export function followShellChanges(onChange: (kinds: ChangeKinds) => void, base = ''): () => void {
  const controller = new AbortController();
  let attempt = 0;
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const res = await shellFetch(
          '/api/events',
          { headers: { Accept: 'text/event-stream' }, signal: controller.signal },
          base,
        );
        if (!res.ok || !res.body) throw new Error(`change stream: HTTP ${res.status}`);
        if (attempt > 0) onChange(['vault', 'audit', 'journal']);
        attempt = 0;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const buffer = { text: '' };
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer.text += value;
          for (const kinds of changedEvents(buffer)) onChange(kinds);
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      const pause = retryMs[Math.min(attempt, retryMs.length - 1)] ?? 30_000;
      attempt++;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
  void run();
  return () => controller.abort();
}
