/** The column in characters (from 1): bytes before the span on its line, decoded when not ASCII. */
export function columnOf(buffer: Buffer, start: number, lineStart: number, offset: number): number {
  if (lineStart < start) return offset - lineStart + 1;
  const prefix = buffer.subarray(lineStart - start, offset - start);
  for (const byte of prefix) if (byte >= 0x80) return prefix.toString('utf8').length + 1;
  return prefix.length + 1;
}

/** Line feeds in bytes[0, end). */
export function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
