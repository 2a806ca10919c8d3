/**
 * The graph contract: the one place that fixes names, inputs and output order for every graph built
 * from a ModelDefinition. The runtime, checkpoints and exported manifests rely on nothing else.
 *
 * Graphs (each calls `definition.forward` in a fresh builder, so the forward part is the same code):
 * - inference  `<name>.inference`  training = false; inputs -> [outputs...]. Parameters are inputs for
 *              in-process prediction and initializers in the exported file.
 * - eval       `<name>.eval`       training = false (dropout off); inputs, targets, parameters ->
 *              [loss, outputs..., metric.<m>...]. It is the training graph's forward part: the same
 *              definition traced again with dropout off, apart from (so before) any gradient.
 * - gradient   `<name>.grad`       training = true; -> [loss, outputs..., metric.<m>..., <param>_grad...]
 * - train      `<name>.train`      training = true; the gradient graph plus the optimizer ->
 *              [loss, outputs..., metric.<m>..., grad_norm?, <param>.next..., optimizer.<slot>.next...,
 *              optimizer.accum.next?]
 * Names: parameters keep their own names as graph inputs (in first-use order); value names are
 * counter-based (`<Op>_<n>`), so one definition always gives the same graph. Hyper inputs are float32
 * scalars `lr` and `step` (the 1-based update count), int64 scalar `dropout_seed` (only when the
 * model uses dropout) and bool scalar `accumulate.apply` (only with gradient accumulation).
 * Optimizer state is flat: `optimizer.<slot>` holds all trainable parameters' state, [P], in
 * parameter order.
 */
import { GraphError } from '../errors/graph-error.ts';
import type { FloatDType } from '../onnx/dtype.ts';
import { Graph } from '../graph/graph.ts';
import type { Parameter } from '../graph/parameter.ts';
import { Tensor } from '../graph/tensor.ts';
import { gradients } from '../autodiff/gradients.ts';
import { add, cast, concat, mul, reshape, split, where, zerosLike } from '../ops/index.ts';
import { clipByGlobalNorm } from '../optim/clip.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import type { LossResult, ModelDefinition } from './definition.ts';

export const LOSS_OUTPUT = 'loss';
export const GRAD_NORM_OUTPUT = 'grad_norm';
export const LR_INPUT = 'lr';
export const STEP_INPUT = 'step';
export const DROPOUT_SEED_INPUT = 'dropout_seed';
export const APPLY_INPUT = 'accumulate.apply';
export const ACCUM_STATE = 'optimizer.accum';

export const gradName = (param: string): string => `${param}_grad`;
export const nextName = (value: string): string => `${value}.next`;
export const slotName = (slot: string): string => `optimizer.${slot}`;
export const metricName = (metric: string): string => `metric.${metric}`;

export type GraphKind = 'inference' | 'eval' | 'grad' | 'train';

export interface BuiltGraph {
  readonly kind: GraphKind;
  readonly graph: Graph;
  /** Model output names, in output order. */
  readonly outputs: readonly string[];
  /** Metric names (outputs `metric.<name>`), in output order. */
  readonly metrics: readonly string[];
  /** Every parameter the graph uses, in first-use order. */
  readonly params: readonly Parameter[];
}

/** Where each trainable parameter sits in the flat optimizer vectors. */
export interface FlatEntry {
  readonly parameter: Parameter;
  readonly offset: number;
  readonly size: number;
}

export interface TrainGraph extends BuiltGraph {
  readonly trainable: readonly FlatEntry[];
  readonly frozen: readonly Parameter[];
  /** Total trainable elements P. */
  readonly flatSize: number;
  readonly dtype: FloatDType;
  readonly slots: readonly string[];
  readonly accumulation: number;
  readonly clipNorm: number | undefined;
  readonly usesDropout: boolean;
}

export interface TrainGraphOptions {
  readonly optimizer: Optimizer;
  /** Clip the global gradient norm to this value (and output grad_norm). */
  readonly clipNorm?: number;
  /** Micro-steps whose gradients are averaged into one update (default 1). */
  readonly accumulation?: number;
}

interface Traced {
  readonly inputs: Record<string, Tensor>;
  readonly outputs: Record<string, Tensor>;
  readonly lossResult?: LossResult;
}

function trace(def: ModelDefinition, graph: Graph, withLoss: boolean): Traced {
  const inputs: Record<string, Tensor> = {};
  for (const [k, spec] of Object.entries(def.inputs)) inputs[k] = graph.input(k, spec.dtype, spec.shape, 'data');
  const outputs = { ...def.forward(inputs, graph) } as Record<string, Tensor>;
  if (!withLoss) return { inputs, outputs };
  const targets: Record<string, Tensor> = {};
  for (const [k, spec] of Object.entries(def.targets)) targets[k] = graph.input(k, spec.dtype, spec.shape, 'target');
  const result = def.loss(outputs, targets, inputs);
  const lossResult: LossResult = result instanceof Tensor ? { loss: result } : result;
  if (lossResult.loss.rank !== 0) throw new GraphError(`nn/contract: the loss of '${def.name}' must be a scalar, got rank ${lossResult.loss.rank}`);
  return { inputs, outputs, lossResult };
}

function emitOutputs(graph: Graph, t: Traced): { outputs: string[]; metrics: string[] } {
  if (t.lossResult) graph.output(LOSS_OUTPUT, t.lossResult.loss);
  const outputs = Object.keys(t.outputs);
  for (const k of outputs) graph.output(k, t.outputs[k]!);
  const metrics = Object.keys(t.lossResult?.metrics ?? {});
  for (const m of metrics) graph.output(metricName(m), t.lossResult!.metrics![m]!);
  return { outputs, metrics };
}

/** inputs -> outputs, dropout off. */
export function buildInferenceGraph(def: ModelDefinition): BuiltGraph {
  const graph = new Graph(`${def.name}.inference`, { training: false });
  const t = trace(def, graph, false);
  const names = emitOutputs(graph, t);
  return { kind: 'inference', graph, ...names, params: graph.params.map((p) => p.parameter) };
}

/** [loss, outputs..., metrics...], dropout off. */
export function buildEvalGraph(def: ModelDefinition): BuiltGraph {
  const graph = new Graph(`${def.name}.eval`, { training: false });
  const t = trace(def, graph, true);
  const names = emitOutputs(graph, t);
  return { kind: 'eval', graph, ...names, params: graph.params.map((p) => p.parameter) };
}

function gradientsOf(graph: Graph, loss: Tensor, params: readonly Parameter[]): Tensor[] {
  const tensors = params.map((p) => graph.param(p));
  return gradients(loss, tensors).map((g, i) => g ?? zerosLike(tensors[i]!));
}

/** [loss, outputs..., metrics..., <param>_grad...] for every trainable parameter, dropout on. */
export function buildGradientGraph(def: ModelDefinition): BuiltGraph {
  const graph = new Graph(`${def.name}.grad`, { training: true });
  const t = trace(def, graph, true);
  const names = emitOutputs(graph, t);
  const trainable = graph.params.map((p) => p.parameter).filter((p) => p.trainable);
  gradientsOf(graph, t.lossResult!.loss, trainable).forEach((g, i) => graph.output(gradName(trainable[i]!.name), g));
  return { kind: 'grad', graph, ...names, params: graph.params.map((p) => p.parameter) };
}

/** The whole training step as one graph: forward, loss, gradients, clipping, accumulation, optimizer. */
export function buildTrainGraph(def: ModelDefinition, options: TrainGraphOptions): TrainGraph {
  const accumulation = options.accumulation ?? 1;
  if (!Number.isInteger(accumulation) || accumulation < 1) throw new GraphError(`nn/contract: accumulation must be a positive integer, got ${accumulation}`);
  const graph = new Graph(`${def.name}.train`, { training: true });
  const t = trace(def, graph, true);
  const names = emitOutputs(graph, t);
  const params = graph.params.map((p) => p.parameter);
  const trainableParams = params.filter((p) => p.trainable);
  if (trainableParams.length === 0) throw new GraphError(`nn/contract: '${def.name}' has no trainable parameters`);
  const dtype = trainableParams[0]!.dtype;
  if (trainableParams.some((p) => p.dtype !== dtype)) throw new GraphError(`nn/contract: trainable parameters of '${def.name}' mix float32 and float64`);

  let offset = 0;
  const trainable: FlatEntry[] = trainableParams.map((parameter) => {
    const entry = { parameter, offset, size: parameter.size };
    offset += parameter.size;
    return entry;
  });
  const flatSize = offset;
  const flat = (ts: readonly Tensor[]) => concat(ts.map((x) => reshape(x, [-1])), 0);

  const grads = gradientsOf(graph, t.lossResult!.loss, trainableParams);
  let grad = flat(grads);
  const param = flat(trainableParams.map((p) => graph.param(p)));
  const lr = cast(graph.input(LR_INPUT, 'float32', [], 'hyper'), dtype);
  const step = cast(graph.input(STEP_INPUT, 'float32', [], 'hyper'), dtype);
  const slots = options.optimizer.slots.map((s) => graph.input(slotName(s), dtype, [flatSize], 'state'));

  let apply: Tensor | null = null;
  let accumNext: Tensor | null = null;
  if (accumulation > 1) {
    const acc = graph.input(ACCUM_STATE, dtype, [flatSize], 'state');
    apply = graph.input(APPLY_INPUT, 'bool', [], 'hyper');
    const summed = add(acc, grad);
    accumNext = where(apply, 0, summed);
    grad = mul(summed, 1 / accumulation);
  }
  let gradNorm: Tensor | null = null;
  if (options.clipNorm !== undefined) {
    const clipped = clipByGlobalNorm([grad], options.clipNorm);
    grad = clipped.grads[0]!;
    gradNorm = clipped.norm;
  }
  let decayMask: Tensor | null = null;
  if (trainable.some((e) => !e.parameter.weightDecay)) {
    const mask = dtype === 'float64' ? new Float64Array(flatSize) : new Float32Array(flatSize);
    for (const e of trainable) if (e.parameter.weightDecay) mask.fill(1, e.offset, e.offset + e.size);
    decayMask = graph.constant(mask, dtype, [flatSize]);
  }
  const update = options.optimizer.update({ param, grad, slots, lr, step, decayMask });
  const nextParam = apply ? where(apply, update.param, param) : update.param;
  const nextSlots = update.slots.map((s, i) => (apply ? where(apply, s, slots[i]!) : s));

  if (gradNorm) graph.output(GRAD_NORM_OUTPUT, gradNorm);
  const pieces = trainable.length === 1 ? [nextParam] : split(nextParam, trainable.map((e) => e.size), 0);
  pieces.forEach((piece, i) => {
    const p = trainable[i]!.parameter;
    graph.output(nextName(p.name), reshape(piece, [...p.shape]));
  });
  nextSlots.forEach((s, i) => graph.output(nextName(slotName(options.optimizer.slots[i]!)), s));
  if (accumNext) graph.output(nextName(ACCUM_STATE), accumNext);

  return {
    kind: 'train',
    graph,
    ...names,
    params,
    trainable,
    frozen: params.filter((p) => !p.trainable),
    flatSize,
    dtype,
    slots: options.optimizer.slots,
    accumulation,
    clipNorm: options.clipNorm,
    usesDropout: graph.findInput(DROPOUT_SEED_INPUT) !== undefined,
  };
}
