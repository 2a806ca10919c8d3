/**
 * Streaming JSON readers for files too large to parse whole (a real GQA train_sceneGraphs.json is
 * ~400 MB): the top-level object or array is walked with stream-json's tokenizer and each top-level entry
 * is assembled on its own, so memory holds one entry at a time. Duplicate keys, which JSON.parse would
 * silently overwrite, are reported with their JSON path at any depth.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import streamJson from 'stream-json';
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';

type Token = { name: string; value?: unknown };
type Container = { kind: 'object'; value: Record<string, unknown>; key: string | undefined; path: (string | number)[] } |
  { kind: 'array'; value: unknown[]; path: (string | number)[] };

export interface JsonStreamOptions {
  /** Named in error messages. */
  file?: string;
  /** Called as bytes are read (for progress bars). */
  onBytes?: (bytesRead: number) => void;
}

/** A file path or an already open byte stream. */
export type JsonSource = string | Readable;

function openSource(source: JsonSource, onBytes: ((bytesRead: number) => void) | undefined): Readable {
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  if (onBytes) {
    let read = 0;
    stream.on('data', (chunk: Buffer | string) => onBytes((read += chunk.length)));
  }
  return stream;
}

/**
 * Assembles values from tokens below the top level, and hands each finished top-level entry to `emit`.
 * Depth 0 is the top-level container itself.
 */
class EntryAssembler {
  private readonly stack: Container[] = [];
  private topKind: 'object' | 'array' | undefined;
  private topKey: string | undefined;
  private topIndex = 0;
  private readonly seenTopKeys = new Set<string>();
  done = false;

  constructor(
    private readonly expected: 'object' | 'array',
    private readonly emit: (key: string | number, value: unknown) => void,
    private readonly file: string | undefined,
  ) {}

  /** The path of the place the tokenizer is at, for error messages. */
  currentPath(): JsonPath {
    const top = this.stack[this.stack.length - 1];
    if (!top) return this.topKey !== undefined ? [this.topKey] : [];
    return top.kind === 'object' && top.key !== undefined ? [...top.path, top.key] : top.path;
  }

  private fail(message: string, path: JsonPath): never {
    throw new GraphFormatError(message, path, this.file);
  }

  private childPath(): (string | number)[] {
    const top = this.stack[this.stack.length - 1];
    if (!top) return this.topKind === 'object' ? [this.topKey as string] : [this.topIndex];
    if (top.kind === 'object') return [...top.path, top.key as string];
    return [...top.path, top.value.length];
  }

  private place(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (this.topKind === 'object') {
        this.emit(this.topKey as string, value);
        this.topKey = undefined;
      } else {
        this.emit(this.topIndex++, value);
      }
      return;
    }
    if (top.kind === 'array') top.value.push(value);
    else {
      top.value[top.key as string] = value;
      top.key = undefined;
    }
  }

  private openContainer(kind: 'object' | 'array'): void {
    const path = this.childPath();
    this.stack.push(kind === 'object' ? { kind, value: {}, key: undefined, path } : { kind, value: [], path });
  }

  private closeContainer(): void {
    const done = this.stack.pop();
    if (done) this.place(done.value);
  }

  accept(token: Token): void {
    if (this.topKind === undefined) {
      const kind = token.name === 'startObject' ? 'object' : token.name === 'startArray' ? 'array' : undefined;
      if (kind !== this.expected) this.fail(`expected a top-level JSON ${this.expected}`, []);
      this.topKind = kind;
      return;
    }
    if (this.done) this.fail('unexpected data after the top-level value', []);
    switch (token.name) {
      case 'startObject':
        this.openContainer('object');
        return;
      case 'startArray':
        this.openContainer('array');
        return;
      case 'endObject':
      case 'endArray':
        if (this.stack.length === 0) this.done = true;
        else this.closeContainer();
        return;
      case 'keyValue': {
        const key = token.value as string;
        const top = this.stack[this.stack.length - 1];
        if (!top) {
          if (this.seenTopKeys.has(key)) this.fail('duplicate id', [key]);
          this.seenTopKeys.add(key);
          this.topKey = key;
        } else if (top.kind === 'object') {
          if (Object.prototype.hasOwnProperty.call(top.value, key)) this.fail('duplicate key', [...top.path, key]);
          top.key = key;
        }
        return;
      }
      case 'stringValue':
        this.place(token.value);
        return;
      case 'numberValue':
        this.place(Number(token.value));
        return;
      case 'trueValue':
        this.place(true);
        return;
      case 'falseValue':
        this.place(false);
        return;
      case 'nullValue':
        this.place(null);
        return;
      default:
        return; // partial-value tokens are not produced with packValues and no streamValues
    }
  }
}

async function* streamEntries(
  source: JsonSource,
  expected: 'object' | 'array',
  options: JsonStreamOptions,
): AsyncGenerator<[string | number, unknown]> {
  const input = openSource(source, options.onBytes);
  const tokens = input.pipe(streamJson.parser({ packValues: true, streamValues: false }));
  const ready: [string | number, unknown][] = [];
  const assembler = new EntryAssembler(expected, (key, value) => ready.push([key, value]), options.file);
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const onError = (error: Error): void => {
    failure ??= error instanceof GraphFormatError
      ? error
      : new GraphFormatError(`malformed JSON (${error.message})`, assembler.currentPath(), options.file);
    notify();
  };
  input.on('error', (error: Error) => {
    failure ??= new GraphFormatError(`cannot read: ${error.message}`, [], options.file);
    notify();
  });
  tokens.on('error', onError);
  tokens.on('data', (token: Token) => {
    if (failure) return;
    try {
      assembler.accept(token);
    } catch (error) {
      onError(error as Error);
      tokens.destroy();
      input.destroy();
    }
    // Bounded memory: stop reading while the consumer has entries to take.
    if (ready.length >= 64) tokens.pause();
    notify();
  });
  tokens.on('end', () => {
    ended = true;
    notify();
  });
  try {
    for (;;) {
      if (failure) throw failure;
      const entry = ready.shift();
      if (entry) {
        yield entry;
        continue;
      }
      if (ended) break;
      tokens.resume();
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (failure) throw failure;
    if (!assembler.done) throw new GraphFormatError('unexpected end of JSON', assembler.currentPath(), options.file);
  } finally {
    tokens.destroy();
    input.destroy();
  }
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
