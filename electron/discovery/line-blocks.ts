import type { MatchedLine } from './ripgrep-output.js';

/** Lines that follow one another in the file, read as one text. */
export interface LineBlock {
  line: number;
  offset: number;
  bytes: Buffer;
}

const lineFeed = Buffer.from('\n');

/** Consecutive lines joined (with the line feed between them), in file order. */
export function linesInBlocks(lines: readonly MatchedLine[]): LineBlock[] {
  const blocks: LineBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] as MatchedLine;
    const parts: Buffer[] = [first.bytes];
    let last = first;
    for (i++; i < lines.length && (lines[i] as MatchedLine).line === last.line + 1; i++) {
      last = lines[i] as MatchedLine;
      parts.push(lineFeed, last.bytes);
    }
    blocks.push({
      line: first.line,
      offset: first.offset,
      bytes: parts.length === 1 ? first.bytes : Buffer.concat(parts),
    });
  }
  return blocks;
}
