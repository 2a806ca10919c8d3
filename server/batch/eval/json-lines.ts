/**
 * Append-only JSON-lines files (the evaluation journal, the predicted-graphs file): one JSON value per
 * line, appended with one write per record so that a killed process leaves whole lines, except perhaps
 * a torn last one. Reading stops at the first line that is not complete JSON; reopening for append cuts
 * the file back to its last whole line first, so new records never join a torn one.
 */
import { closeSync, createReadStream, existsSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

export interface JsonLine {
  readonly value: unknown;
  /** Byte offset of the line in the file, and its length without the newline. */
  readonly offset: number;
  readonly length: number;
}

const NEWLINE = 0x0a;

/** Every whole line of `path` (none when it does not exist), stopping before a torn or malformed one. */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  if (!existsSync(path)) return;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(NEWLINE); newline >= 0; newline = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, newline);
        const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        const length = pendingBytes + piece.length;
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
        let value: unknown;
        try {
          value = JSON.parse(line.toString('utf8'));
        } catch {
          return;
        }
        yield { value, offset, length };
        offset += length + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
      }
    }
  } finally {
    stream.destroy();
  }
}

/** An open JSON-lines file for appending whole records, and reading back single lines by offset. */
export class JsonLinesWriter {
  private constructor(private readonly fd: number, private size: number) {}

  /** Opens `path` for appending after its first `validBytes` bytes (the rest, a torn line, is cut off); a new file when `validBytes` is 0. */
  static open(path: string, validBytes: number): JsonLinesWriter {
    const fd = openSync(path, validBytes > 0 && existsSync(path) ? 'r+' : 'w+');
    ftruncateSync(fd, validBytes);
    return new JsonLinesWriter(fd, validBytes);
  }

  /** Appends one line; returns where it starts and its length (without the newline). */
  append(value: unknown): { offset: number; length: number } {
    return this.appendText(JSON.stringify(value));
  }

  /** Appends one line of JSON text (one value, no newline in it). */
  appendText(json: string): { offset: number; length: number } {
    const bytes = Buffer.from(`${json}\n`, 'utf8');
    const offset = this.size;
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, offset + written);
    this.size += bytes.length;
    return { offset, length: bytes.length - 1 };
  }

  /** The value of the line at `offset` (as returned by `append` or `readJsonLines`). */
  read(offset: number, length: number): unknown {
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, buffer, read, length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    return JSON.parse(buffer.toString('utf8', 0, read));
  }

  close(): void {
    closeSync(this.fd);
  }
}
