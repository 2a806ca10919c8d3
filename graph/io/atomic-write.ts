/**
 * Atomic file writes: data goes to a temporary file beside the target, is flushed, then renamed over it,
 * so a crash or a full disk never leaves a half-written file that looks complete.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
}

/** Writes `chunks` (strings or bytes, possibly produced lazily) to `path` atomically. */
export async function writeFileAtomic(
  path: string,
  chunks: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w');
  try {
    if (typeof chunks === 'string' || chunks instanceof Uint8Array) {
      await handle.writeFile(chunks);
    } else {
      for await (const chunk of chunks) {
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
      }
    }
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes a JSON object `{key: value, ...}` entry by entry, so huge files never sit in memory whole. */
export async function writeJsonObjectAtomic(
  path: string,
  entries: Iterable<[string, unknown]> | AsyncIterable<[string, unknown]>,
): Promise<void> {
  async function* chunks(): AsyncGenerator<string> {
    let first = true;
    yield '{';
    for await (const [key, value] of entries) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(key)}: ${JSON.stringify(value)}`;
      first = false;
    }
    yield first ? '}\n' : '\n}\n';
  }
  await writeFileAtomic(path, bufferChunks(chunks()));
}

/** Writes a JSON array item by item (one item per line), atomically. */
export async function writeJsonArrayAtomic(path: string, items: Iterable<unknown> | AsyncIterable<unknown>): Promise<void> {
  async function* chunks(): AsyncGenerator<string> {
    let first = true;
    yield '[';
    for await (const item of items) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
  }
  await writeFileAtomic(path, bufferChunks(chunks()));
}

/** Joins small string chunks into ~1 MB writes. */
async function* bufferChunks(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= 1 << 20) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
