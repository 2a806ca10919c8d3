/**
 * Finite-difference gradient checks through real onnxruntime sessions. For a case y = f(inputs) the
 * checker builds L = sum(y * w) with a fixed random w, takes dL/dx from the engine's gradient graph,
 * and compares it element by element with central differences of L run through ORT. It prefers
 * float64 and falls back to float32 (looser tolerances) when ORT lacks a double kernel for some op.
 */
import type { AnyTypedArray, DType, FloatDType } from '../../../models/nn/onnx/dtype.ts';
import { Graph } from '../../../models/nn/graph/graph.ts';
import type { Dim } from '../../../models/nn/graph/shape.ts';
import type { Tensor } from '../../../models/nn/graph/tensor.ts';
import { gradients } from '../../../models/nn/autodiff/index.ts';
import { mul, reduceSum } from '../../../models/nn/ops/index.ts';
import { initialValues } from '../../../models/nn/runtime/init.ts';
import { type Feed, openSession, runSession } from './session.ts';
import { hashString, seededRandom } from './rng.ts';

export type Fill = 'positive' | 'negative' | 'zero' | 'mixed' | 'unit' | readonly number[];

export interface FloatInput {
  readonly shape: readonly number[];
  readonly fill?: Fill;
  /** Symbolic shape to declare in the graph (defaults to the static shape). */
  readonly declare?: readonly Dim[];
  /** Check the gradient for this input (default true). */
  readonly wrt?: boolean;
}
export interface IntInput {
  readonly shape: readonly number[];
  readonly int64: readonly number[];
  readonly declare?: readonly Dim[];
}
export interface BoolInput {
  readonly shape: readonly number[];
  readonly bool: readonly boolean[];
}
export type CaseInput = FloatInput | IntInput | BoolInput;

export interface GradCase {
  readonly name: string;
  readonly inputs: Readonly<Record<string, CaseInput>>;
  readonly build: (inputs: Record<string, Tensor>) => Tensor;
  /** Preferred float type (default float64). */
  readonly dtype?: FloatDType;
  /** Points at kinks: accept a one-sided difference as well as the central one. */
  readonly kinks?: boolean;
  /** At most this many elements per input are perturbed (chosen at random beyond it). */
  readonly maxElements?: number;
  /** Also check the gradients of the parameters the case uses (default true). */
  readonly checkParams?: boolean;
}

export interface GradReport {
  readonly name: string;
  readonly dtype: FloatDType;
  readonly checked: number;
  readonly maxError: number;
  readonly failures: readonly string[];
}

const isInt = (i: CaseInput): i is IntInput => 'int64' in i;
const isBool = (i: CaseInput): i is BoolInput => 'bool' in i;

function fillValues(fill: Fill, n: number, rand: () => number): number[] {
  if (Array.isArray(fill)) return [...(fill as number[])];
  return Array.from({ length: n }, () => {
    const u = rand();
    switch (fill) {
      case 'positive':
        return 0.5 + 1.5 * u;
      case 'negative':
        return -0.5 - 1.5 * u;
      case 'zero':
        return 0;
      case 'unit':
        return u;
      default:
        return (u < 0.5 ? -1 : 1) * (0.3 + 1.7 * rand());
    }
  });
}

function floatArray(dtype: FloatDType, values: ArrayLike<number>): Float32Array | Float64Array {
  return dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
}

function buildGraph(c: GradCase, dtype: FloatDType, name: string): { graph: Graph; ins: Record<string, Tensor>; y: Tensor } {
  const graph = new Graph(name, { training: true });
  const ins: Record<string, Tensor> = {};
  for (const [k, spec] of Object.entries(c.inputs)) {
    const declared = !isBool(spec) && spec.declare ? spec.declare : spec.shape;
    const dt: DType = isInt(spec) ? 'int64' : isBool(spec) ? 'bool' : dtype;
    ins[k] = graph.input(k, dt, declared);
  }
  return { graph, ins, y: c.build(ins) };
}

async function check(c: GradCase, dtype: FloatDType): Promise<GradReport> {
  const rand = seededRandom(hashString(c.name));
  const feeds: Record<string, Feed> = {};
  for (const [k, spec] of Object.entries(c.inputs)) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    let data: AnyTypedArray;
    if (isInt(spec)) data = BigInt64Array.from(spec.int64, (v) => BigInt(v));
    else if (isBool(spec)) data = Uint8Array.from(spec.bool, (v) => (v ? 1 : 0));
    else data = floatArray(dtype, fillValues(spec.fill ?? 'mixed', n, rand));
    if (data.length !== n) throw new Error(`gradcheck ${c.name}: input ${k} has ${data.length} values for shape [${spec.shape}]`);
    feeds[k] = { data, dims: spec.shape };
  }

  // 1. forward once for y's run-time shape
  const fwd = buildGraph(c, dtype, `${c.name}-forward`);
  fwd.graph.output('__y', fwd.y);
  const paramNames = fwd.graph.params.map((p) => p.parameter.name);
  for (const { parameter } of fwd.graph.params) {
    feeds[parameter.name] = { data: floatArray(parameter.dtype, initialValues(parameter, 11)), dims: parameter.shape };
  }
  const fwdSession = await openSession(fwd.graph);
  const yOut = (await runSession(fwdSession, feeds)).__y!;
  await fwdSession.release();
  const w = floatArray(dtype, fillValues('mixed', yOut.data.length, rand));
  feeds.__w = { data: w, dims: yOut.dims };

  // 2. loss and analytic gradients
  const wrtNames = Object.entries(c.inputs)
    .filter(([, s]) => !isInt(s) && !isBool(s) && (s as FloatInput).wrt !== false)
    .map(([k]) => k);
  if (c.checkParams ?? true) wrtNames.push(...paramNames);
  const withLoss = (name: string) => {
    const b = buildGraph(c, dtype, name);
    const wt = b.graph.input('__w', dtype, yOut.dims);
    return { ...b, loss: reduceSum(mul(b.y, wt)) };
  };
  const gradGraph = withLoss(`${c.name}-grad`);
  const tensorOf = (k: string): Tensor => gradGraph.ins[k] ?? gradGraph.graph.params.find((p) => p.parameter.name === k)!.tensor;
  const grads = gradients(gradGraph.loss, wrtNames.map(tensorOf));
  gradGraph.graph.output('loss', gradGraph.loss);
  grads.forEach((g, i) => {
    if (g) gradGraph.graph.output(`d_${wrtNames[i]}`, g);
  });
  const gradSession = await openSession(gradGraph.graph);
  const analytic = await runSession(gradSession, feeds);
  await gradSession.release();

  // 3. central differences of the loss
  const lossGraph = withLoss(`${c.name}-loss`);
  lossGraph.graph.output('loss', lossGraph.loss);
  const lossSession = await openSession(lossGraph.graph);
  const lossAt = async (): Promise<number> => Number((await runSession(lossSession, feeds)).loss!.data[0]);
  const eps = dtype === 'float64' ? 1e-6 : 1e-2;
  const [atol, rtol] = dtype === 'float64' ? [1e-6, 1e-5] : [5e-3, 2e-2];
  const failures: string[] = [];
  let checked = 0;
  let maxError = 0;
  const base = await lossAt();
  for (const k of wrtNames) {
    const x = feeds[k]!.data as Float32Array | Float64Array;
    const g = analytic[`d_${k}`]?.data as Float32Array | Float64Array | undefined;
    const limit = c.maxElements ?? 48;
    const indices = Array.from({ length: x.length }, (_, i) => i);
    while (indices.length > limit) indices.splice(Math.floor(rand() * indices.length), 1);
    for (const i of indices) {
      const x0 = x[i]!;
      x[i] = x0 + eps;
      const up = await lossAt();
      x[i] = x0 - eps;
      const down = await lossAt();
      x[i] = x0;
      const central = (up - down) / (2 * eps);
      const candidates = c.kinks ? [central, (up - base) / eps, (base - down) / eps] : [central];
      const a = g ? g[i]! : 0;
      const err = Math.min(...candidates.map((n) => Math.abs(a - n) / (atol + rtol * Math.abs(n))));
      maxError = Math.max(maxError, err);
      checked++;
      if (err > 1) failures.push(`${k}[${i}]: analytic ${a}, numeric ${candidates.map((v) => v.toPrecision(6)).join(' / ')} (x = ${x0})`);
    }
  }
  await lossSession.release();
  return { name: c.name, dtype, checked, maxError, failures: failures.slice(0, 8) };
}

function lacksKernel(e: unknown): boolean {
  const m = String((e as Error)?.message ?? e);
  return /NOT_IMPLEMENTED|Could not find an implementation|not supported|Type Error/i.test(m);
}

/** Runs the check in the preferred dtype, falling back to float32 when ORT has no double kernel. */
export async function gradCheck(c: GradCase): Promise<GradReport> {
  const dtype = c.dtype ?? 'float64';
  try {
    return await check(c, dtype);
  } catch (e) {
    if (dtype === 'float64' && lacksKernel(e)) return check(c, 'float32');
    throw e;
  }
}
