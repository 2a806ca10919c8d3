/**
 * The sidecar manifest of a scene-graph generator (`model.onnx` -> `model.json`): what a loader needs to
 * feed the model and read its outputs (input geometry and normalization, label lists, K), plus the
 * provenance our own models carry (config, training run, data, measured metrics). Any model with a
 * manifest of this shape and an ONNX file honouring the contract can be plugged in with `--sgg FILE`.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContractError } from '../errors/contract-error.ts';

export const SGG_MANIFEST_FORMAT = 'sgvqa-sgg';

const rgbTriple = z.tuple([z.number(), z.number(), z.number()]);

export const SggManifestSchema = z.object({
  format: z.literal(SGG_MANIFEST_FORMAT),
  version: z.literal(1),
  name: z.string().optional(),
  /** The ONNX file's base name and its sha256, when the manifest pins one. */
  onnx: z.string().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  input: z.object({
    name: z.literal('image'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** x = (value / 255 - mean[c]) / std[c], RGB. */
    normalization: z.object({ mean: rgbTriple, std: rgbTriple.refine((s) => s.every((v) => v > 0), 'std must be positive') }),
    /** Decode at width x factor, height x factor, then box-average by factor (default 1: decode at the input size). */
    boxFactor: z.number().int().positive().default(1),
  }),
  labels: z.object({
    classes: z.array(z.string()).min(1),
    attributeGroups: z.array(z.object({ name: z.string().regex(/^[A-Za-z][\w-]*$/), values: z.array(z.string()).min(1) })),
    /** predicates[0] stands for "no relation". */
    predicates: z.array(z.string()).min(2),
  }),
  maxDetections: z.number().int().positive(),
  /** Decoding defaults the model was tuned with (each optional). */
  decode: z.object({
    scoreThreshold: z.number().min(0).max(1),
    nmsIou: z.number().min(0).max(1),
    relationThreshold: z.number().min(0).max(1),
  }).partial().optional(),
  config: z.unknown().optional(),
  training: z.unknown().optional(),
  metrics: z.unknown().optional(),
});

export type SggManifest = z.infer<typeof SggManifestSchema>;

/** The manifest path beside an .onnx path (`x.onnx` -> `x.json`). */
export function sggManifestPath(onnxPath: string): string {
  return onnxPath.replace(/\.onnx$/i, '') + '.json';
}

/** Parses a manifest object; problems name the JSON path of the bad field. */
export function parseSggManifest(json: unknown, source: string): SggManifest {
  const parsed = SggManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new ContractError(`sgg/contract: ${source}: manifest field $${path}: ${issue.message}`);
  }
  return parsed.data;
}

export async function readSggManifest(onnxPath: string): Promise<SggManifest> {
  const path = sggManifestPath(onnxPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ContractError(`sgg/contract: ${onnxPath}: cannot read its manifest ${path} (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContractError(`sgg/contract: ${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return parseSggManifest(json, path);
}
