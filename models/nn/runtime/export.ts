/**
 * Exporting a trained model for inference: the forward-only graph with parameters as initializers
 * (`<name>.onnx`) and a sidecar manifest (`<name>.json`) describing inputs, outputs, parameters,
 * config and training state. Both files are written atomically.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TrainerError } from '../errors/trainer-error.ts';
import type { AnyTypedArray, DType } from '../onnx/dtype.ts';
import { isAnonymousDim } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import { IR_VERSION, OPSET_VERSION, PRODUCER_NAME, toOnnx } from '../graph/to-onnx.ts';
import type { BuiltGraph } from '../model/contract.ts';
import type { JsonValue } from '../optim/optimizer.ts';
import { writeFileAtomic } from './atomic-write.ts';

export const MANIFEST_FORMAT = 'sgvqa-nn-inference';

export interface ManifestTensor {
  readonly name: string;
  readonly dtype: DType;
  /** Sizes; names for sizes that vary, null where the size is not known ahead. */
  readonly shape: readonly (number | string | null)[];
}

export interface InferenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly name: string;
  readonly onnx: string;
  readonly sha256: string;
  readonly opset: number;
  readonly irVersion: number;
  readonly producer: string;
  readonly inputs: readonly ManifestTensor[];
  readonly outputs: readonly ManifestTensor[];
  readonly parameters: { readonly count: number; readonly tensors: readonly { readonly name: string; readonly shape: readonly number[] }[] };
  readonly step: number;
  readonly config: JsonValue;
  readonly trainer: JsonValue;
  /** Whatever the caller adds: vocabularies, label lists, measured metrics, data description. */
  readonly extra: JsonValue;
}

export interface ExportMeta {
  readonly step: number;
  readonly config: JsonValue;
  readonly trainer: JsonValue;
  readonly extra?: JsonValue;
}

function describe(t: Tensor, name = t.name): ManifestTensor {
  return { name, dtype: t.dtype, shape: t.shape.map((d) => (typeof d === 'string' && isAnonymousDim(d) ? null : d)) };
}

/** The manifest path beside an .onnx path. */
export function manifestPathFor(onnxPath: string): string {
  return onnxPath.replace(/\.onnx$/i, '') + '.json';
}

export async function writeInferenceModel(
  built: BuiltGraph,
  paramValues: ReadonlyMap<string, AnyTypedArray>,
  onnxPath: string,
  meta: ExportMeta,
): Promise<{ onnxPath: string; manifestPath: string; manifest: InferenceManifest }> {
  if (built.kind !== 'inference') throw new TrainerError(`nn/export: expected the inference graph, got '${built.kind}'`);
  if (!onnxPath.toLowerCase().endsWith('.onnx')) throw new TrainerError(`nn/export: ${onnxPath} should end in .onnx`);
  const name = built.graph.name.replace(/\.inference$/, '');
  const bytes = toOnnx(built.graph, { paramValues, docString: `${name}: inference graph`, metadata: { step: String(meta.step) } });
  const used = built.graph.params.map((p) => p.parameter);
  const manifest: InferenceManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    name,
    onnx: basename(onnxPath),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    opset: OPSET_VERSION,
    irVersion: IR_VERSION,
    producer: PRODUCER_NAME,
    inputs: built.graph.inputs.map((i) => describe(i.tensor)),
    outputs: built.graph.outputs.map((o) => describe(o.tensor, o.name)),
    parameters: { count: used.reduce((s, p) => s + p.size, 0), tensors: used.map((p) => ({ name: p.name, shape: p.shape })) },
    step: meta.step,
    config: meta.config,
    trainer: meta.trainer,
    extra: meta.extra ?? null,
  };
  const manifestPath = manifestPathFor(onnxPath);
  await writeFileAtomic(onnxPath, [bytes]);
  await writeFileAtomic(manifestPath, [new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n')]);
  return { onnxPath, manifestPath, manifest };
}

/** Reads a manifest and checks that the .onnx beside it is the file it describes. */
export async function readInferenceManifest(onnxPath: string): Promise<InferenceManifest> {
  const manifestPath = manifestPathFor(onnxPath);
  let manifest: InferenceManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as InferenceManifest;
  } catch (e) {
    throw new TrainerError(`nn/export: cannot read manifest ${manifestPath}: ${(e as Error).message}`, { cause: e });
  }
  if (manifest.format !== MANIFEST_FORMAT) throw new TrainerError(`nn/export: ${manifestPath} is not an inference manifest`);
  const bytes = await readFile(onnxPath).catch((e: Error) => {
    throw new TrainerError(`nn/export: cannot read ${onnxPath}: ${e.message}`, { cause: e });
  });
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    throw new TrainerError(`nn/export: ${onnxPath} does not match its manifest (sha256)`);
  }
  return manifest;
}
