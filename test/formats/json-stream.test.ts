import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GraphFormatError } from '../../graph/errors/graph-format-error.ts';
import { collect } from '../../graph/formats/gqa-files.ts';
import { streamJsonArray, streamJsonObject } from '../../graph/formats/json-stream.ts';

/** The text as a stream of chunks of the given sizes (cycled), to put boundaries everywhere. */
function chunked(text: string, sizes: number[]): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

const tricky = {
  'plain': { a: 1, b: [1, 2, { c: 'x' }] },
  'quote " and \\ backslash': 'a string with } ] , : { [ and \\" inside',
  'unicode ünï 🚀': ['é', '日本', '🚀🚀'],
  'scalar number': -12.5e3,
  'true': true,
  'null': null,
  'empty object': {},
  'empty array': [],
  'nested': { x: { y: { z: [[[]], {}] } } },
};

describe('streamed JSON entries', () => {
  it.each([[1], [2], [3], [7], [64], [1 << 20]])('match JSON.parse with chunks of %i bytes', async (size) => {
    const text = JSON.stringify(tricky, null, 1);
    const entries = await collect(streamJsonObject(chunked(text, [size, size + 1])));
    expect(Object.fromEntries(entries)).toEqual(tricky);
    expect(entries.map(([key]) => key)).toEqual(Object.keys(tricky));
  });

  it('reads arrays, including empty ones and scalars', async () => {
    const items = [1, 'two', { three: 3 }, [4], null, false];
    expect((await collect(streamJsonArray(chunked(JSON.stringify(items), [3])))).map(([, v]) => v)).toEqual(items);
    expect(await collect(streamJsonArray(chunked(' [ ] ', [1])))).toEqual([]);
    expect(await collect(streamJsonObject(chunked('{}', [1])))).toEqual([]);
  });

  it.each([
    ['trailing comma', '{"a": 1,}', []],
    ['missing value', '{"a": , "b": 2}', ['a']],
    ['truncated', '{"a": {"b": [1, 2', []],
    ['data after the end', '{"a": 1} x', []],
    ['mismatched bracket', '{"a": 1]', []],
    ['duplicate nested key', '{"a": {"k": {"x": 1, "x": 2}}}', ['a', 'k', 'x']],
    ['bad token inside an entry', '{"a": {"k": [1, 2, nope]}}', ['a', 'k', 2]],
  ])('reports %s with its path', async (_label, text, path) => {
    const error = await collect(streamJsonObject(chunked(text, [2]))).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GraphFormatError);
    expect((error as GraphFormatError).path).toEqual(path);
  });
});
