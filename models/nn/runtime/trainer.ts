/**
 * The training runtime. One onnxruntime session runs the whole training step (forward, backward,
 * optimizer) and one runs evaluation; parameters and optimizer state live as ORT tensors between
 * steps (each step's `.next` outputs become the next step's inputs), so no JavaScript touches an
 * element in the hot path. Checkpoints restore the exact bytes of parameters and state, so a
 * resumed run continues bit-identically.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { CheckpointError } from '../errors/checkpoint-error.ts';
import { TrainerError } from '../errors/trainer-error.ts';
import type { AnyTypedArray } from '../onnx/dtype.ts';
import type { Parameter } from '../graph/parameter.ts';
import { toOnnx } from '../graph/to-onnx.ts';
import {
  ACCUM_STATE, APPLY_INPUT, type BuiltGraph, DROPOUT_SEED_INPUT, GRAD_NORM_OUTPUT, LOSS_OUTPUT, LR_INPUT, STEP_INPUT,
  type TrainGraph, buildEvalGraph, buildInferenceGraph, buildTrainGraph, metricName, slotName,
} from '../model/contract.ts';
import type { ModelDefinition } from '../model/definition.ts';
import type { JsonValue, Optimizer } from '../optim/optimizer.ts';
import type { Schedule } from '../optim/schedule.ts';
import { type Checkpoint, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { type InferenceManifest, writeInferenceModel } from './export.ts';
import { type FeedValue, scalarBool, scalarFloat, scalarInt64, toOrtTensor } from './feeds.ts';
import { initialValues } from './init.ts';
import { hashSeed } from './rng.ts';
import { type GraphOptimization, createSession, defaultThreads } from './session.ts';

export interface TrainerOptions {
  readonly optimizer: Optimizer;
  /** A constant learning rate or a schedule of the 0-based update count. */
  readonly lr: number | Schedule;
  /** Seeds parameter initialization and dropout (default 0). */
  readonly seed?: number;
  /** onnxruntime intra-op threads (default: all cores). */
  readonly threads?: number;
  readonly clipNorm?: number;
  /** Micro-steps per optimizer update (default 1). */
  readonly accumulation?: number;
  readonly graphOptimization?: GraphOptimization;
}

export interface StepResult<O extends string> {
  readonly loss: number;
  /** Learning rate fed to this micro-step. */
  readonly lr: number;
  /** True when this micro-step applied an optimizer update. */
  readonly applied: boolean;
  /** Global gradient norm before clipping (when clipping is on). */
  readonly gradNorm?: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly outputs: Readonly<Partial<Record<O, OrtTensor>>>;
}

export interface EvalResult<O extends string> {
  readonly loss: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly outputs: Readonly<Partial<Record<O, OrtTensor>>>;
}

function scalarOf(t: OrtTensor | undefined): number {
  return t ? Number((t.data as Float32Array)[0]) : NaN;
}

export class Trainer<I extends string = string, T extends string = string, O extends string = string> {
  private readonly state = new Map<string, OrtTensor>();
  private predictSession: InferenceSession | undefined;
  private updates = 0;
  private micro = 0;

  private constructor(
    readonly definition: ModelDefinition<I, T, O>,
    private readonly options: TrainerOptions,
    readonly train: TrainGraph,
    readonly evalGraph: BuiltGraph,
    readonly inference: BuiltGraph,
    private readonly trainSession: InferenceSession,
    private readonly evalSession: InferenceSession,
  ) {}

  /** Builds the graphs, opens the train and eval sessions, and initializes parameters from the seed. */
  static async create<I extends string, T extends string, O extends string>(
    definition: ModelDefinition<I, T, O>,
    options: TrainerOptions,
  ): Promise<Trainer<I, T, O>> {
    const train = buildTrainGraph(definition as ModelDefinition, {
      optimizer: options.optimizer,
      ...(options.clipNorm !== undefined ? { clipNorm: options.clipNorm } : {}),
      ...(options.accumulation !== undefined ? { accumulation: options.accumulation } : {}),
    });
    const evalGraph = buildEvalGraph(definition as ModelDefinition);
    const inference = buildInferenceGraph(definition as ModelDefinition);
    const settings = {
      threads: options.threads ?? defaultThreads(),
      graphOptimization: options.graphOptimization ?? 'all',
    } as const;
    const [trainSession, evalSession] = await Promise.all([
      createSession(toOnnx(train.graph), settings, `${definition.name} training graph`),
      createSession(toOnnx(evalGraph.graph), settings, `${definition.name} eval graph`),
    ]);
    const trainer = new Trainer(definition, options, train, evalGraph, inference, trainSession, evalSession);
    trainer.initialize();
    return trainer;
  }

  /** Optimizer updates done. */
  get step(): number {
    return this.updates;
  }

  /** Training micro-steps done. */
  get microStep(): number {
    return this.micro;
  }

  /** Every parameter the model uses (train graph order, then any used only at inference). */
  get parameters(): readonly Parameter[] {
    const seen = new Map<string, Parameter>();
    for (const p of [...this.train.params, ...this.evalGraph.params, ...this.inference.params]) seen.set(p.name, p);
    return [...seen.values()];
  }

  /** The learning rate of the next update. */
  currentLr(): number {
    const lr = this.options.lr;
    return typeof lr === 'number' ? lr : lr(this.updates);
  }

  private initialize(): void {
    const seed = this.options.seed ?? 0;
    for (const p of this.parameters) this.state.set(p.name, new OrtTensor(p.dtype, initialValues(p, seed), [...p.shape]));
    const zeros = () => new OrtTensor(this.train.dtype, this.train.dtype === 'float64' ? new Float64Array(this.train.flatSize) : new Float32Array(this.train.flatSize), [this.train.flatSize]);
    for (const s of this.train.slots) this.state.set(slotName(s), zeros());
    if (this.train.accumulation > 1) this.state.set(ACCUM_STATE, zeros());
  }

  private feedsFor(graph: BuiltGraph, session: InferenceSession, feeds: Readonly<Record<string, FeedValue>>, hyper: Record<string, OrtTensor>): Record<string, OrtTensor> {
    const out: Record<string, OrtTensor> = {};
    for (const name of session.inputNames) {
      const input = graph.graph.findInput(name);
      if (input && (input.role === 'data' || input.role === 'target')) {
        const value = feeds[name];
        if (!value) throw new TrainerError(`nn/trainer: missing feed '${name}' for ${graph.graph.name}`);
        out[name] = toOrtTensor(name, value, input.tensor.dtype, input.tensor.shape);
      } else if (hyper[name]) {
        out[name] = hyper[name];
      } else {
        const value = this.state.get(name);
        if (!value) throw new TrainerError(`nn/trainer: no value for graph input '${name}'`);
        out[name] = value;
      }
    }
    return out;
  }

  /** The dropout seed of a micro-step: a function of (seed, micro-step) only, so resumed runs draw the same masks. */
  private dropoutSeed(): bigint {
    return BigInt(hashSeed(this.options.seed ?? 0, `dropout:${this.micro}`) & 0x7fffffff);
  }

  /**
   * One training micro-step: forward, backward and (on the last micro-step of an accumulation
   * window) the optimizer update, in one ORT run. `fetch` names model outputs to return.
   */
  async trainStep(feeds: Readonly<Record<I | T, FeedValue>>, fetch: readonly O[] = []): Promise<StepResult<O>> {
    const apply = (this.micro + 1) % this.train.accumulation === 0;
    const lr = this.currentLr();
    const hyper: Record<string, OrtTensor> = {
      [LR_INPUT]: scalarFloat(lr),
      [STEP_INPUT]: scalarFloat(this.updates + 1),
    };
    if (this.train.usesDropout) hyper[DROPOUT_SEED_INPUT] = scalarInt64(this.dropoutSeed());
    if (this.train.accumulation > 1) hyper[APPLY_INPUT] = scalarBool(apply);
    const ortFeeds = this.feedsFor(this.train, this.trainSession, feeds as Record<string, FeedValue>, hyper);
    const stateOutputs = this.train.graph.outputs.map((o) => o.name).filter((n) => n.endsWith('.next'));
    const metricNames = this.train.metrics.map(metricName);
    const names = [LOSS_OUTPUT, ...metricNames, ...fetch, ...stateOutputs];
    if (this.train.clipNorm !== undefined) names.push(GRAD_NORM_OUTPUT);
    let result: Record<string, OrtTensor>;
    try {
      result = (await this.trainSession.run(ortFeeds, names)) as Record<string, OrtTensor>;
    } catch (e) {
      throw new TrainerError(`nn/trainer: training step ${this.micro} failed: ${(e as Error).message}`, { cause: e });
    }
    for (const n of stateOutputs) this.state.set(n.slice(0, -'.next'.length), result[n]!);
    this.micro++;
    if (apply) this.updates++;
    const metrics: Record<string, number> = {};
    this.train.metrics.forEach((m, i) => (metrics[m] = scalarOf(result[metricNames[i]!])));
    const outputs: Partial<Record<O, OrtTensor>> = {};
    for (const o of fetch) outputs[o] = result[o];
    return {
      loss: scalarOf(result[LOSS_OUTPUT]),
      lr,
      applied: apply,
      ...(this.train.clipNorm !== undefined ? { gradNorm: scalarOf(result[GRAD_NORM_OUTPUT]) } : {}),
      metrics,
      outputs,
    };
  }

  /** Loss, metrics and (by default all) outputs of the eval graph, dropout off. */
  async evaluate(feeds: Readonly<Record<I | T, FeedValue>>, fetch: readonly O[] = this.evalGraph.outputs as O[]): Promise<EvalResult<O>> {
    const ortFeeds = this.feedsFor(this.evalGraph, this.evalSession, feeds as Record<string, FeedValue>, {});
    const metricNames = this.evalGraph.metrics.map(metricName);
    const result = (await this.evalSession.run(ortFeeds, [LOSS_OUTPUT, ...metricNames, ...fetch])) as Record<string, OrtTensor>;
    const metrics: Record<string, number> = {};
    this.evalGraph.metrics.forEach((m, i) => (metrics[m] = scalarOf(result[metricNames[i]!])));
    const outputs: Partial<Record<O, OrtTensor>> = {};
    for (const o of fetch) outputs[o] = result[o];
    return { loss: scalarOf(result[LOSS_OUTPUT]), metrics, outputs };
  }

  /** The inference graph on the current parameters (no targets needed). */
  async predict(feeds: Readonly<Record<I, FeedValue>>, fetch: readonly O[] = this.inference.outputs as O[]): Promise<Partial<Record<O, OrtTensor>>> {
    if (!this.predictSession) {
      this.predictSession = await createSession(toOnnx(this.inference.graph), {
        threads: this.options.threads ?? defaultThreads(),
        graphOptimization: this.options.graphOptimization ?? 'all',
      }, `${this.definition.name} inference graph`);
    }
    const ortFeeds = this.feedsFor(this.inference, this.predictSession, feeds as Record<string, FeedValue>, {});
    return (await this.predictSession.run(ortFeeds, [...fetch])) as Partial<Record<O, OrtTensor>>;
  }

  /** Copies of the current parameter values. */
  parameterValues(): Map<string, Float32Array | Float64Array> {
    const out = new Map<string, Float32Array | Float64Array>();
    for (const p of this.parameters) out.set(p.name, (this.state.get(p.name)!.data as Float32Array | Float64Array).slice());
    return out;
  }

  /** Replaces parameter values (e.g. from a pretrained model); shapes must match. */
  setParameterValues(values: ReadonlyMap<string, ArrayLike<number>>): void {
    for (const [name, data] of values) {
      const p = this.parameters.find((q) => q.name === name);
      if (!p) throw new TrainerError(`nn/trainer: unknown parameter '${name}'`);
      if (data.length !== p.size) throw new TrainerError(`nn/trainer: '${name}' needs ${p.size} values, got ${data.length}`);
      const copy = p.dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data);
      this.state.set(name, new OrtTensor(p.dtype, copy, [...p.shape]));
    }
  }

  /** Settings stored with checkpoints and manifests. */
  describe(): JsonValue {
    const o = this.options;
    return {
      optimizer: { kind: o.optimizer.kind, ...o.optimizer.config },
      lr: typeof o.lr === 'number' ? o.lr : 'schedule',
      seed: o.seed ?? 0,
      clipNorm: o.clipNorm ?? null,
      accumulation: this.train.accumulation,
    };
  }

  /** Writes parameters, optimizer state, step counters and config atomically. */
  async save(path: string): Promise<void> {
    const tensors = [...this.state.entries()].map(([name, t]) => ({ name, dtype: t.type as 'float32', dims: t.dims, data: t.data as AnyTypedArray }));
    await writeCheckpoint(path, {
      model: this.definition.name,
      step: this.updates,
      microStep: this.micro,
      config: this.definition.config ?? null,
      trainer: this.describe(),
    }, tensors);
  }

  /**
   * Restores a checkpoint written by `save` for the same model and optimizer; training then continues
   * exactly as if it had not stopped. With `strict` (default) the model config must match too.
   */
  async load(path: string, options: { strict?: boolean } = {}): Promise<void> {
    const ckpt = await readCheckpoint(path);
    this.check(ckpt, path, options.strict ?? true);
    for (const [name, t] of ckpt.tensors) this.state.set(name, new OrtTensor(t.dtype as 'float32', t.data as Float32Array, [...t.dims]));
    this.updates = ckpt.step;
    this.micro = ckpt.microStep;
  }

  private check(ckpt: Checkpoint, path: string, strict: boolean): void {
    const fail = (why: string) => {
      throw new CheckpointError(`nn/checkpoint: ${path} does not fit model '${this.definition.name}': ${why}`);
    };
    if (ckpt.model !== this.definition.name) fail(`it was written for model '${ckpt.model}'`);
    if (strict && JSON.stringify(ckpt.config) !== JSON.stringify(this.definition.config ?? null)) fail('the model config differs');
    const kind = (ckpt.trainer as { optimizer?: { kind?: string } } | null)?.optimizer?.kind;
    if (kind !== this.options.optimizer.kind) fail(`optimizer '${kind}' vs '${this.options.optimizer.kind}'`);
    for (const [name, current] of this.state) {
      const t = ckpt.tensors.get(name);
      if (!t) fail(`tensor '${name}' is missing`);
      if (t!.dtype !== current.type || t!.dims.join('x') !== current.dims.join('x')) {
        fail(`tensor '${name}' is ${t!.dtype}[${t!.dims.join(', ')}], expected ${current.type}[${current.dims.join(', ')}]`);
      }
    }
    for (const name of ckpt.tensors.keys()) if (!this.state.has(name)) fail(`it has an unknown tensor '${name}'`);
  }

  /** Writes `<path>` (.onnx: forward graph, parameters as initializers) and its `.json` manifest. */
  async exportInference(onnxPath: string, extra?: JsonValue): Promise<{ onnxPath: string; manifestPath: string; manifest: InferenceManifest }> {
    const values = new Map<string, AnyTypedArray>();
    for (const p of this.inference.params) values.set(p.name, this.state.get(p.name)!.data as AnyTypedArray);
    return writeInferenceModel(this.inference, values, onnxPath, {
      step: this.updates,
      config: this.definition.config ?? null,
      trainer: this.describe(),
      ...(extra !== undefined ? { extra } : {}),
    });
  }

  async release(): Promise<void> {
    await Promise.all([this.trainSession.release(), this.evalSession.release(), this.predictSession?.release()]);
  }
}
