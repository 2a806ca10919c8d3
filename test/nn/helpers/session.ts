/** Running built graphs through a real onnxruntime session in tests. */
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import type { AnyTypedArray, DType } from '../../../models/nn/onnx/dtype.ts';
import type { Graph } from '../../../models/nn/graph/graph.ts';
import { toOnnx } from '../../../models/nn/graph/to-onnx.ts';

export interface Feed {
  readonly data: AnyTypedArray;
  readonly dims: readonly number[];
}

export interface Fetched {
  readonly data: AnyTypedArray;
  readonly dims: readonly number[];
  readonly type: string;
}

export async function openSession(graph: Graph, paramValues?: ReadonlyMap<string, AnyTypedArray>): Promise<InferenceSession> {
  const bytes = toOnnx(graph, paramValues ? { paramValues } : {});
  return InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 });
}

export function ortType(dtype: DType): OrtTensor.Type {
  return dtype === 'bool' ? 'bool' : dtype;
}

export async function runSession(session: InferenceSession, feeds: Readonly<Record<string, Feed>>): Promise<Record<string, Fetched>> {
  const ortFeeds: Record<string, OrtTensor> = {};
  for (const name of session.inputNames) {
    const f = feeds[name];
    if (!f) throw new Error(`test: no feed for ${name}`);
    ortFeeds[name] = new OrtTensor(typeName(f.data), f.data, f.dims);
  }
  const out = await session.run(ortFeeds);
  const result: Record<string, Fetched> = {};
  for (const [k, v] of Object.entries(out)) {
    const t = v as OrtTensor;
    result[k] = { data: t.data as AnyTypedArray, dims: t.dims, type: t.type };
  }
  return result;
}

function typeName(data: AnyTypedArray): OrtTensor.Type {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

/** Builds, opens and runs a graph once. */
export async function runGraph(graph: Graph, feeds: Readonly<Record<string, Feed>>, paramValues?: ReadonlyMap<string, AnyTypedArray>): Promise<Record<string, Fetched>> {
  const session = await openSession(graph, paramValues);
  try {
    return await runSession(session, feeds);
  } finally {
    await session.release();
  }
}
