/**
 * The exact (and slow) JSON walk: stream-json's tokenizer plus an assembler that knows the JSON path of
 * every token, so malformed JSON and duplicate keys (which JSON.parse silently overwrites) are reported
 * with the path of the place. The fast reader in json-stream.ts calls it only to explain a problem it
 * has detected in one entry.
 */
import { Readable } from 'node:stream';
import streamJson from 'stream-json';
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';

type Token = { name: string; value?: unknown };
type Container = { kind: 'object'; value: Record<string, unknown>; key: string | undefined; path: (string | number)[] } |
  { kind: 'array'; value: unknown[]; path: (string | number)[] };

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
    if (top.kind === 'array') return [...top.path, top.value.length];
    return top.key !== undefined ? [...top.path, top.key] : top.path;
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

/**
 * Walks one JSON document exactly and returns the first problem (malformed JSON, duplicate key, a
 * top-level value of the wrong kind) as a GraphFormatError with its path, or undefined if there is none.
 */
export async function locateJsonProblem(
  text: string,
  expected: 'object' | 'array',
  file: string | undefined,
): Promise<GraphFormatError | undefined> {
  const assembler = new EntryAssembler(expected, () => undefined, file);
  // Tokens are handled synchronously as the tokenizer emits them, so the assembler knows exactly where
  // the tokenizer was when it failed.
  const failure = await new Promise<GraphFormatError | undefined>((resolve) => {
    const tokens = Readable.from([text]).pipe(streamJson.parser({ packValues: true, streamValues: false }));
    tokens.on('data', (token: Token) => {
      try {
        assembler.accept(token);
      } catch (error) {
        tokens.destroy();
        resolve(error as GraphFormatError);
      }
    });
    tokens.on('error', (error: Error) =>
      resolve(new GraphFormatError(`malformed JSON (${error.message})`, assembler.currentPath(), file)));
    tokens.on('end', () => resolve(undefined));
  });
  if (failure) return failure;
  if (!assembler.done) return new GraphFormatError('unexpected end of JSON', assembler.currentPath(), file);
  return undefined;
}
