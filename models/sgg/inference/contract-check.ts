/**
 * The ONNX contract check (DESIGN §3) run when a generator is loaded, so a model that does not fit is
 * refused up front with a message naming what is wrong instead of failing on the first image:
 * - one input, `image`, float32 [1, 3, H, W] with H, W as the manifest says;
 * - outputs `boxes [K, 4]`, `scores [K]`, `class_logits [K, C]`, `attr_<g>_logits [K, A_g]` for every
 *   attribute group of the manifest, `rel_logits [K, K, R]`, with C, A_g, R the manifest's label counts
 *   and one K throughout.
 * Declared shapes are checked where the model states them (symbolic dimensions pass), then one run on a
 * blank image checks the shapes the model actually produces.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { ContractError } from '../errors/contract-error.ts';
import type { SggManifest } from './manifest.ts';

/** Expected dims of one output: numbers are fixed, 'K' is the shared detection count. */
type ExpectedDim = number | 'K';

export interface ContractSpec {
  readonly outputs: ReadonlyMap<string, readonly ExpectedDim[]>;
  /** Why each fixed size is what it is, for messages. */
  readonly reasons: ReadonlyMap<string, string>;
}

export function contractSpec(manifest: SggManifest): ContractSpec {
  const { classes, attributeGroups, predicates } = manifest.labels;
  const outputs = new Map<string, ExpectedDim[]>([
    ['boxes', ['K', 4]],
    ['scores', ['K']],
    ['class_logits', ['K', classes.length]],
  ]);
  const reasons = new Map<string, string>([['class_logits', `${classes.length} classes in the manifest`], ['boxes', 'x1, y1, x2, y2']]);
  for (const g of attributeGroups) {
    outputs.set(`attr_${g.name}_logits`, ['K', g.values.length]);
    reasons.set(`attr_${g.name}_logits`, `${g.values.length} values of attribute group "${g.name}" in the manifest`);
  }
  outputs.set('rel_logits', ['K', 'K', predicates.length]);
  reasons.set('rel_logits', `${predicates.length} predicates in the manifest, 0 = no relation`);
  return { outputs, reasons };
}

const format = (dims: readonly (number | string)[]): string => `[${dims.join(', ')}]`;

/** Checks one output's dims (numbers or symbolic names) and returns its K when it fixes one. */
function checkDims(source: string, name: string, dims: readonly (number | string)[], expected: readonly ExpectedDim[], spec: ContractSpec, k: { value?: number }): void {
  const why = spec.reasons.get(name);
  const fail = (): never => {
    throw new ContractError(
      `sgg/contract: ${source}: output '${name}' has shape ${format(dims)}, expected ${format(expected)}${why ? ` (${why})` : ''}`,
    );
  };
  if (dims.length !== expected.length) fail();
  expected.forEach((e, i) => {
    const d = dims[i]!;
    if (typeof d !== 'number' || d < 0) return;
    if (e === 'K') {
      if (k.value === undefined) k.value = d;
      else if (k.value !== d) {
        throw new ContractError(`sgg/contract: ${source}: output '${name}' has ${d} detections on axis ${i}, other outputs have K = ${k.value}`);
      }
    } else if (d !== e) fail();
  });
}

/** Checks the declared inputs and outputs of a session. */
export function checkDeclared(session: InferenceSession, manifest: SggManifest, source: string): void {
  const spec = contractSpec(manifest);
  const inputs = session.inputNames;
  if (!inputs.includes('image')) throw new ContractError(`sgg/contract: ${source}: the model has no input 'image' (inputs: ${inputs.join(', ') || 'none'})`);
  const extra = inputs.filter((n) => n !== 'image');
  if (extra.length > 0) throw new ContractError(`sgg/contract: ${source}: the model wants inputs the contract does not feed: ${extra.join(', ')}`);
  const meta = session.inputMetadata.find((m) => m.name === 'image');
  if (meta?.isTensor) {
    if (meta.type !== 'float32') throw new ContractError(`sgg/contract: ${source}: input 'image' is ${meta.type}, expected float32`);
    const want = [1, 3, manifest.input.height, manifest.input.width];
    const dims = meta.shape;
    const bad = dims.length !== 4 || dims.some((d, i) => typeof d === 'number' && d >= 0 && d !== want[i]);
    if (dims.length > 0 && bad) throw new ContractError(`sgg/contract: ${source}: input 'image' has shape ${format(dims)}, expected ${format(want)}`);
  }
  const k: { value?: number } = {};
  for (const [name, expected] of spec.outputs) {
    if (!session.outputNames.includes(name)) {
      throw new ContractError(`sgg/contract: ${source}: the model has no output '${name}' ${format(expected)} (outputs: ${session.outputNames.join(', ')})`);
    }
    const m = session.outputMetadata.find((o) => o.name === name);
    if (m?.isTensor) {
      if (m.type !== 'float32') throw new ContractError(`sgg/contract: ${source}: output '${name}' is ${m.type}, expected float32`);
      if (m.shape.length > 0) checkDims(source, name, m.shape, expected, spec, k);
    }
  }
}

/** Checks the outputs of an actual run; returns K. */
export function checkProduced(outputs: Readonly<Record<string, OrtTensor>>, manifest: SggManifest, source: string): number {
  const spec = contractSpec(manifest);
  const k: { value?: number } = {};
  for (const [name, expected] of spec.outputs) {
    const t = outputs[name];
    if (!t) throw new ContractError(`sgg/contract: ${source}: the model produced no output '${name}'`);
    if (t.type !== 'float32') throw new ContractError(`sgg/contract: ${source}: output '${name}' is ${t.type}, expected float32`);
    checkDims(source, name, t.dims, expected, spec, k);
  }
  return k.value ?? 0;
}

/** Runs the model once on a blank image and checks what it produces; returns K. */
export async function checkByRunning(session: InferenceSession, manifest: SggManifest, source: string): Promise<number> {
  const { width, height } = manifest.input;
  const image = new OrtTensor('float32', new Float32Array(3 * width * height), [1, 3, height, width]);
  let outputs: Readonly<Record<string, OrtTensor>>;
  try {
    outputs = (await session.run({ image })) as Record<string, OrtTensor>;
  } catch (error) {
    throw new ContractError(`sgg/contract: ${source}: the model fails on a blank ${width}x${height} image: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return checkProduced(outputs, manifest, source);
}
