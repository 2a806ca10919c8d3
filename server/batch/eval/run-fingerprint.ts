/**
 * What a run's predictions depend on, recorded in its journal so that `--resume` refuses to continue a
 * run with other inputs: the questions file, the graphs (scene-graphs file, or image folder + generator),
 * the answerer (model file, or the executor and its ontology), and the window / batch sizes that fix
 * how questions are batched.
 *
 * Files are identified by their size and the SHA-256 of their first and last MiB (a file of GQA's
 * size is hashed in milliseconds instead of seconds; a different file of the same size whose first and
 * last MiB agree would go unnoticed). Model files by their full SHA-256 (they are small).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';

const SAMPLE_BYTES = 1 << 20;

export interface FileIdentity {
  readonly size: number;
  /** sha256 of the first and last MiB. */
  readonly sample: string;
}

export interface RunFingerprint {
  readonly questions: FileIdentity;
  readonly graphs:
    | { readonly kind: 'scene-graphs'; readonly file: FileIdentity }
    | { readonly kind: 'images'; readonly dir: string; readonly generator: string };
  /** `symbolic:<sha256 of the executor options>` or `model:<sha256 of the model file>`. */
  readonly answerer: string;
  readonly window: number;
  readonly batch: number;
}

function readRange(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

export function fileIdentity(path: string): FileIdentity {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const hash = createHash('sha256');
    if (size <= 2 * SAMPLE_BYTES) hash.update(readRange(fd, 0, size));
    else {
      hash.update(readRange(fd, 0, SAMPLE_BYTES));
      hash.update(readRange(fd, size - SAMPLE_BYTES, SAMPLE_BYTES));
    }
    return { size, sample: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

export function imageFolderIdentity(dir: string, generatorSha256: string): RunFingerprint['graphs'] {
  return { kind: 'images', dir: resolve(dir), generator: generatorSha256 };
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What differs between the journal's fingerprint and this run's, in words (empty when nothing does). */
export function fingerprintDifferences(journal: RunFingerprint, run: RunFingerprint): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(journal.questions, run.questions)) {
    out.push(`another questions file (${journal.questions.size} bytes then, ${run.questions.size} bytes now, or other contents)`);
  }
  if (!same(journal.graphs, run.graphs)) {
    const describe = (g: RunFingerprint['graphs']): string => (g.kind === 'images' ? `images from ${g.dir} through generator ${g.generator.slice(0, 12)}` : `a ${g.file.size}-byte scene-graphs file`);
    out.push(`other graphs (${describe(journal.graphs)} then, ${describe(run.graphs)} now)`);
  }
  if (journal.answerer !== run.answerer) out.push(`another answerer (${journal.answerer.slice(0, 22)} then, ${run.answerer.slice(0, 22)} now)`);
  return out;
}
