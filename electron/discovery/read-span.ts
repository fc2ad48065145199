import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import { decodeSpan } from '../../shared/discovery/credential-files.js';
import { fingerprintOf } from '../vault/fingerprint.js';
import type { Span } from './scan-records.js';

/**
 * The secret a finding points at, read again from its file, or null when the file no longer holds
 * it there (moved, edited, gone): its fingerprint must still match the one the scan recorded.
 */
export async function readSpan(file: string, span: Span, fingerprint: string): Promise<string | null> {
  const bytes = Buffer.alloc(span.length);
  try {
    // Non-blocking, and a regular file only: a FIFO put in its place since the scan must not hang import.
    const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      if (!(await handle.stat()).isFile()) return null;
      const { bytesRead } = await handle.read(bytes, 0, span.length, span.offset);
      if (bytesRead !== span.length) return null;
    } finally {
      await handle.close();
    }
    const secret = decodeSpan(bytes.toString('utf8'), span.encoding);
    return secret !== null && fingerprintOf(secret) === fingerprint ? secret : null;
  } catch {
    return null;
  } finally {
    bytes.fill(0);
  }
}
