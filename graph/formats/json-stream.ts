/**
 * Streaming JSON readers for files too large to parse whole (a real GQA train_sceneGraphs.json is
 * ~400 MB). A byte scanner finds where each top-level entry of the file's object or array begins and
 * ends (tracking only strings and nesting), and each entry is handed to JSON.parse on its own, so memory
 * holds one entry at a time and parsing runs at native speed.
 *
 * JSON.parse silently keeps the last of duplicate keys, so the scanner also counts the keys of each
 * entry (every `:` outside a string is one key) and compares with the keys of the parsed value; on a
 * mismatch, or on malformed JSON, the exact walk in json-locate.ts names the path of the problem.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GraphFormatError } from '../errors/graph-format-error.ts';
import { locateJsonProblem } from './json-locate.ts';

export interface JsonStreamOptions {
  /** Named in error messages. */
  file?: string;
  /** Called as bytes are read (for progress bars). */
  onBytes?: (bytesRead: number) => void;
}

/** A file path or an already open byte stream. */
export type JsonSource = string | Readable;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Number of object keys anywhere inside a parsed JSON value. */
function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += countKeys(item);
    return n;
  }
  let n = 0;
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}

interface RawEntry {
  key: string | number;
  text: string;
  /** Colons outside strings inside the value = the number of keys it should have. */
  keys: number;
}

/**
 * Splits the bytes of one JSON document into its top-level entries. A small state machine, fed chunk by
 * chunk; it never looks inside a value beyond strings and brackets.
 */
class EntrySplitter {
  private started = false;
  private finished = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the current key (objects) or value, possibly spanning chunks. */
  private pieces: Buffer[] = [];
  private pieceStart = -1;
  private phase: 'key' | 'colon' | 'value' | 'after' = 'key';
  private key: string | number = 0;
  private keyCount = 0;
  private index = 0;

  constructor(
    private readonly expected: 'object' | 'array',
    private readonly fail: (message: string, path: (string | number)[]) => never,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** Scans one chunk; returns the entries completed in it. */
  push(chunk: Buffer): RawEntry[] {
    const out: RawEntry[] = [];
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const byte = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.depth === 1 && this.phase === 'key') {
            this.key = JSON.parse(this.take(chunk, i + 1)) as string;
            this.phase = 'colon';
          }
        }
        continue;
      }
      if (!this.started) {
        if (isSpace(byte)) continue;
        if (byte !== (this.expected === 'object' ? OPEN_OBJECT : OPEN_ARRAY)) {
          this.fail(`expected a top-level JSON ${this.expected}`, []);
        }
        this.started = true;
        this.depth = 1;
        this.phase = this.expected === 'object' ? 'key' : 'value';
        continue;
      }
      if (this.finished) {
        if (!isSpace(byte)) this.fail('unexpected data after the top-level value', []);
        continue;
      }
      if (this.depth === 1) {
        // Between entries of the top-level container.
        if (isSpace(byte)) continue;
        const closing = byte === (this.expected === 'object' ? CLOSE_OBJECT : CLOSE_ARRAY);
        if (this.phase === 'key') {
          if (byte === QUOTE) {
            this.inString = true;
            this.begin(i);
          } else if (closing && this.index === 0) this.finish();
          else this.fail('malformed JSON: expected a key', []);
          continue;
        }
        if (this.phase === 'colon') {
          if (byte !== COLON) this.fail('malformed JSON: expected ":"', [this.key]);
          this.phase = 'value';
          this.keyCount = 0;
          continue;
        }
        if (this.phase === 'value') {
          if (closing && this.expected === 'array' && this.index === 0) {
            this.finish();
            continue;
          }
          if (byte === COMMA || closing) this.fail('malformed JSON: expected a value', [this.currentKey()]);
          this.begin(i);
          this.keyCount = 0;
          if (byte === QUOTE) this.inString = true;
          else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) this.depth++;
          // Whatever the value, it ends at the next comma or closing bracket back at depth 1.
          this.phase = 'after';
          continue;
        }
      }
      // Inside a value, or just after a scalar / string at depth 1.
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) this.depth++;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (this.depth === 1) {
          if (byte !== (this.expected === 'object' ? CLOSE_OBJECT : CLOSE_ARRAY)) {
            this.fail('malformed JSON: mismatched closing bracket', []);
          }
          out.push(this.entry(chunk, i));
          this.finish();
          continue;
        }
        this.depth--;
      } else if (byte === COLON) this.keyCount++;
      else if (byte === COMMA && this.depth === 1) {
        out.push(this.entry(chunk, i));
        this.phase = this.expected === 'object' ? 'key' : 'value';
      }
    }
    if (this.pieceStart >= 0) {
      // The piece goes on in the next chunk, from its first byte.
      this.pieces.push(chunk.subarray(this.pieceStart));
      this.pieceStart = 0;
    }
    return out;
  }

  private currentKey(): string | number {
    return this.expected === 'object' ? this.key : this.index;
  }

  private begin(at: number): void {
    this.pieces = [];
    this.pieceStart = at;
  }

  /** The text of the current piece, up to (not including) `end` of this chunk. */
  private take(chunk: Buffer, end: number): string {
    const start = this.pieceStart;
    this.pieceStart = -1;
    if (this.pieces.length === 0) return chunk.toString('utf8', start, end);
    this.pieces.push(chunk.subarray(0, end));
    const text = Buffer.concat(this.pieces).toString('utf8');
    this.pieces = [];
    return text;
  }

  private entry(chunk: Buffer, end: number): RawEntry {
    const entry = { key: this.currentKey(), text: this.take(chunk, end), keys: this.keyCount };
    this.index++;
    return entry;
  }

  private finish(): void {
    this.finished = true;
    this.depth = 0;
  }
}

async function* streamEntries(
  source: JsonSource,
  expected: 'object' | 'array',
  options: JsonStreamOptions,
): AsyncGenerator<[string | number, unknown]> {
  const file = options.file;
  const fail = (message: string, path: (string | number)[]): never => {
    throw new GraphFormatError(message, path, file);
  };
  const splitter = new EntrySplitter(expected, fail);
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  const seenKeys = new Set<string>();
  let bytes = 0;
  try {
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      bytes += buffer.length;
      options.onBytes?.(bytes);
      for (const raw of splitter.push(buffer)) {
        if (typeof raw.key === 'string') {
          if (seenKeys.has(raw.key)) fail('duplicate id', [raw.key]);
          seenKeys.add(raw.key);
        }
        yield [raw.key, await parseEntry(raw, file)];
      }
    }
  } catch (error) {
    if (error instanceof GraphFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new GraphFormatError(`cannot read (${code}): ${(error as Error).message}`, [], file);
    throw error;
  } finally {
    input.destroy();
  }
  if (!splitter.done) fail('unexpected end of JSON (truncated file?)', []);
}

async function parseEntry(raw: RawEntry, file: string | undefined): Promise<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.text);
  } catch {
    throw await explain(raw, file, 'malformed JSON');
  }
  if (countKeys(value) !== raw.keys) throw await explain(raw, file, 'duplicate key');
  return value;
}

/** Re-walks one bad entry exactly to name the path of its problem. */
async function explain(raw: RawEntry, file: string | undefined, fallback: string): Promise<GraphFormatError> {
  const wrapped = typeof raw.key === 'string' ? `{${JSON.stringify(raw.key)}: ${raw.text}}` : `[${raw.text}]`;
  const problem = await locateJsonProblem(wrapped, typeof raw.key === 'string' ? 'object' : 'array', file);
  if (!problem) return new GraphFormatError(fallback, [raw.key], file);
  const path = typeof raw.key === 'number' ? [raw.key, ...problem.path.slice(1)] : [...problem.path];
  return new GraphFormatError(problem.detail, path, file);
}

/** `[key, value]` for every entry of a top-level JSON object, one at a time, in file order. */
export async function* streamJsonObject(
  source: JsonSource,
  options: JsonStreamOptions = {},
): AsyncGenerator<[string, unknown]> {
  for await (const [key, value] of streamEntries(source, 'object', options)) yield [key as string, value];
}

/** `[index, item]` for every item of a top-level JSON array, one at a time. */
export async function* streamJsonArray(
  source: JsonSource,
  options: JsonStreamOptions = {},
): AsyncGenerator<[number, unknown]> {
  for await (const [index, value] of streamEntries(source, 'array', options)) yield [index as number, value];
}
