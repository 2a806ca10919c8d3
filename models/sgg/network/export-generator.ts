/**
 * Exporting the generator: the contract graph (contract-graph.ts) with the trained parameters as
 * initializers, and the sidecar manifest (inference/manifest.ts) with labels, input geometry, decoding
 * defaults, the full config and whatever provenance the caller adds (training run, data, metrics).
 * Both files are written atomically.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { writeFileAtomic } from '../../../graph/io/atomic-write.ts';
import { toOnnx } from '../../nn/index.ts';
import type { SggConfig } from '../config.ts';
import { DEFAULT_DECODE } from '../inference/decode.ts';
import { SGG_MANIFEST_FORMAT, type SggManifest, sggManifestPath } from '../inference/manifest.ts';
import { buildContractGraph } from './contract-graph.ts';
import type { SggNetwork } from './sgg-network.ts';

export interface GeneratorProvenance {
  readonly name?: string;
  readonly training?: unknown;
  readonly metrics?: unknown;
}

/** The contract model as ONNX bytes, parameters from `values` (by parameter name). */
export function contractModelBytes(network: SggNetwork, values: ReadonlyMap<string, Float32Array | Float64Array>): Uint8Array {
  const graph = buildContractGraph(network);
  return toOnnx(graph, { paramValues: values, docString: 'sgvqa scene-graph generator (DESIGN §3 contract)' });
}

export function generatorManifest(config: SggConfig, bytes: Uint8Array, onnxName: string | undefined, provenance: GeneratorProvenance = {}): SggManifest {
  const a = config.architecture;
  return {
    format: SGG_MANIFEST_FORMAT,
    version: 1,
    name: provenance.name ?? 'sgvqa-sgg',
    ...(onnxName !== undefined ? { onnx: onnxName, sha256: createHash('sha256').update(bytes).digest('hex') } : {}),
    input: {
      name: 'image',
      width: a.inputSize,
      height: a.inputSize,
      normalization: { mean: [...config.normalization.mean], std: [...config.normalization.std] },
      boxFactor: a.sourceSize / a.inputSize,
    },
    labels: {
      classes: [...config.labels.classes],
      attributeGroups: config.labels.attributeGroups.map((g) => ({ name: g.name, values: [...g.values] })),
      predicates: [...config.labels.predicates],
    },
    maxDetections: a.maxDetections,
    decode: { scoreThreshold: DEFAULT_DECODE.scoreThreshold, nmsIou: DEFAULT_DECODE.nmsIou, relationThreshold: DEFAULT_DECODE.relationThreshold },
    config,
    ...(provenance.training !== undefined ? { training: provenance.training } : {}),
    ...(provenance.metrics !== undefined ? { metrics: provenance.metrics } : {}),
  };
}

/** Writes `<onnxPath>` and its manifest `<name>.json`; returns the manifest. */
export async function writeGenerator(
  network: SggNetwork,
  values: ReadonlyMap<string, Float32Array | Float64Array>,
  onnxPath: string,
  provenance: GeneratorProvenance = {},
): Promise<SggManifest> {
  const bytes = contractModelBytes(network, values);
  const manifest = generatorManifest(network.config, bytes, basename(onnxPath), provenance);
  // The shipped model's folder (models/pretrained) does not exist in a fresh clone until a model is built.
  await mkdir(dirname(onnxPath), { recursive: true });
  await writeFileAtomic(onnxPath, bytes);
  await writeFileAtomic(sggManifestPath(onnxPath), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
