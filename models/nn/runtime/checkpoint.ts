/**
 * Checkpoint files: one binary file holding a JSON header and raw little-endian tensors.
 *
 *   bytes 0..7   magic "SGNNCKP1"
 *   bytes 8..15  header length H (uint64 LE)
 *   16..16+H     header JSON (UTF-8), then zero padding to a multiple of 8
 *   data         each tensor's bytes at header.tensors[i].offset (relative to the data start, 8-aligned)
 *
 * The header records a SHA-256 of the data section, so a damaged file is refused instead of loaded.
 * Files are written atomically (temporary file + rename).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CheckpointError } from '../errors/checkpoint-error.ts';
import { type AnyTypedArray, type DType, dtypeByteSize, typedBytes, typedFromBytes } from '../onnx/dtype.ts';
import type { JsonValue } from '../optim/optimizer.ts';
import { writeFileAtomic } from './atomic-write.ts';

const MAGIC = 'SGNNCKP1';
export const CHECKPOINT_FORMAT = 'sgvqa-nn-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointTensor {
  readonly name: string;
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly data: AnyTypedArray;
}

export interface CheckpointMeta {
  readonly model: string;
  /** Optimizer updates done. */
  readonly step: number;
  /** Training micro-steps done (differs from step under gradient accumulation). */
  readonly microStep: number;
  /** The model definition's config. */
  readonly config: JsonValue;
  /** Trainer settings: optimizer kind and hyperparameters, seed, clipping, accumulation. */
  readonly trainer: JsonValue;
}

interface TensorEntry {
  readonly name: string;
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly offset: number;
  readonly byteLength: number;
}

interface Header extends CheckpointMeta {
  readonly format: string;
  readonly version: number;
  readonly dataSha256: string;
  readonly tensors: readonly TensorEntry[];
}

export interface Checkpoint extends CheckpointMeta {
  readonly tensors: ReadonlyMap<string, CheckpointTensor>;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export async function writeCheckpoint(path: string, meta: CheckpointMeta, tensors: readonly CheckpointTensor[]): Promise<void> {
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    const byteLength = t.data.byteLength;
    entries.push({ name: t.name, dtype: t.dtype, dims: [...t.dims], offset, byteLength });
    offset = align8(offset + byteLength);
  }
  const data = new Uint8Array(offset);
  tensors.forEach((t, i) => data.set(typedBytes(t.data), entries[i]!.offset));
  const header: Header = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    ...meta,
    dataSha256: createHash('sha256').update(data).digest('hex'),
    tensors: entries,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(16 + align8(json.byteLength));
  prefix.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(prefix.buffer).setBigUint64(8, BigInt(json.byteLength), true);
  prefix.set(json, 16);
  await writeFileAtomic(path, [prefix, data]);
}

export async function readCheckpoint(path: string): Promise<Checkpoint> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new CheckpointError(`nn/checkpoint: cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (bytes.byteLength < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new CheckpointError(`nn/checkpoint: ${path} is not a checkpoint (bad magic)`);
  }
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 16).getBigUint64(8, true));
  if (16 + headerLength > bytes.byteLength) throw new CheckpointError(`nn/checkpoint: ${path} is truncated (header)`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as Header;
  } catch (e) {
    throw new CheckpointError(`nn/checkpoint: ${path} has a malformed header`, { cause: e });
  }
  if (header.format !== CHECKPOINT_FORMAT || header.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(`nn/checkpoint: ${path} has format ${header.format} v${header.version}, expected ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION}`);
  }
  const data = bytes.subarray(16 + align8(headerLength));
  const expectedEnd = header.tensors.reduce((end, t) => Math.max(end, t.offset + t.byteLength), 0);
  if (data.byteLength < expectedEnd) throw new CheckpointError(`nn/checkpoint: ${path} is truncated (data)`);
  if (createHash('sha256').update(data).digest('hex') !== header.dataSha256) {
    throw new CheckpointError(`nn/checkpoint: ${path} is damaged (data checksum mismatch)`);
  }
  const tensors = new Map<string, CheckpointTensor>();
  for (const t of header.tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count * dtypeByteSize(t.dtype) !== t.byteLength) throw new CheckpointError(`nn/checkpoint: ${path}: tensor ${t.name} has a size that does not match its dims`);
    tensors.set(t.name, { name: t.name, dtype: t.dtype, dims: t.dims, data: typedFromBytes(t.dtype, data.subarray(t.offset, t.offset + t.byteLength)) });
  }
  return { model: header.model, step: header.step, microStep: header.microStep, config: header.config, trainer: header.trainer, tensors };
}
