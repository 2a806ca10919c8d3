/**
 * Writes a built graph as an ONNX model. Only nodes and constants that some output depends on are
 * written; every declared input is kept, so a graph's feed list does not change with its outputs.
 */
import { type AnyTypedArray, ONNX_DATA_TYPE, typedBytes } from '../onnx/dtype.ts';
import { ATTRIBUTE_TYPE, type AttributeJson, type DimensionJson, type ModelJson, type NodeJson, type TensorProtoJson, type ValueInfoJson, encodeModel } from '../onnx/proto.ts';
import { GraphError } from '../errors/graph-error.ts';
import type { AttrValue, ConstantTensor } from './attributes.ts';
import type { Graph } from './graph.ts';
import type { Shape } from './shape.ts';
import type { Tensor } from './tensor.ts';

/** The ONNX default-domain opset the engine targets (LayerNormalization 17, reductions with axes inputs 18). */
export const OPSET_VERSION = 18;
/** IR version 8 goes with opset 18 and loads in every onnxruntime since 1.14. */
export const IR_VERSION = 8;
export const PRODUCER_NAME = 'selfgraphvqa-nn';

export interface ToOnnxOptions {
  /** When given, parameters are written as initializers with these values (the inference graph); otherwise they are graph inputs. */
  readonly paramValues?: ReadonlyMap<string, AnyTypedArray>;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

function dimension(d: Shape[number]): DimensionJson {
  if (typeof d === 'number') return { dimValue: d };
  return /^[A-Za-z_]\w*$/.test(d) ? { dimParam: d } : {};
}

function valueInfo(t: Tensor): ValueInfoJson {
  return { name: t.name, type: { tensorType: { elemType: ONNX_DATA_TYPE[t.dtype], shape: { dim: t.shape.map(dimension) } } } };
}

function tensorProto(name: string | undefined, c: ConstantTensor): TensorProtoJson {
  return { ...(name !== undefined ? { name } : {}), dims: [...c.dims], dataType: ONNX_DATA_TYPE[c.dtype], rawData: typedBytes(c.data) };
}

function attribute(name: string, a: AttrValue): AttributeJson {
  switch (a.kind) {
    case 'int':
      return { name, type: ATTRIBUTE_TYPE.INT, i: a.value };
    case 'float':
      return { name, type: ATTRIBUTE_TYPE.FLOAT, f: a.value };
    case 'ints':
      return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...a.value] };
    case 'floats':
      return { name, type: ATTRIBUTE_TYPE.FLOATS, floats: [...a.value] };
    case 'string':
      return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(a.value) };
    case 'tensor':
      return { name, type: ATTRIBUTE_TYPE.TENSOR, t: tensorProto(undefined, a.value) };
  }
}

/** Names of the values the outputs depend on. */
function liveValues(graph: Graph): Set<string> {
  const live = new Set(graph.outputs.map((o) => o.tensor.name));
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i]!;
    if (node.outputs.some((t) => live.has(t.name))) for (const t of node.inputs) if (t) live.add(t.name);
  }
  return live;
}

export function toModelJson(graph: Graph, options: ToOnnxOptions = {}): ModelJson {
  if (graph.outputs.length === 0) throw new GraphError(`nn/to-onnx: graph '${graph.name}' has no outputs`);
  const live = liveValues(graph);
  const nodes: NodeJson[] = graph.nodes
    .filter((n) => n.outputs.some((t) => live.has(t.name)))
    .map((n) => ({
      name: n.name,
      opType: n.op.type,
      ...(n.op.domain ? { domain: n.op.domain } : {}),
      input: n.inputs.map((t) => t?.name ?? ''),
      output: n.outputs.map((t) => t.name),
      attribute: Object.entries(n.op.attributes?.(n.attrs) ?? {}).map(([k, v]) => attribute(k, v)),
    }));
  const initializer: TensorProtoJson[] = graph.constants
    .filter((c) => live.has(c.tensor.name))
    .map((c) => tensorProto(c.tensor.name, { dtype: c.tensor.dtype, dims: c.tensor.shape as number[], data: c.data }));
  const inputs: ValueInfoJson[] = graph.inputs.map((i) => valueInfo(i.tensor));
  const values = options.paramValues;
  for (const { parameter, tensor } of graph.params) {
    if (!values) {
      inputs.push(valueInfo(tensor));
      continue;
    }
    if (!live.has(tensor.name)) continue;
    const data = values.get(parameter.name);
    if (!data) throw new GraphError(`nn/to-onnx: no value for parameter '${parameter.name}'`);
    if (data.length !== parameter.size) throw new GraphError(`nn/to-onnx: '${parameter.name}' has ${data.length} values, expected ${parameter.size}`);
    initializer.push(tensorProto(parameter.name, { dtype: parameter.dtype, dims: parameter.shape, data }));
  }
  return {
    irVersion: IR_VERSION,
    producerName: PRODUCER_NAME,
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    ...(options.docString ? { docString: options.docString } : {}),
    ...(options.metadata ? { metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })) } : {}),
    graph: {
      name: graph.name,
      node: nodes,
      initializer,
      input: inputs,
      output: graph.outputs.map((o) => valueInfo(o.tensor)),
    },
  };
}

/** The graph as ONNX protobuf bytes. */
export function toOnnx(graph: Graph, options: ToOnnxOptions = {}): Uint8Array {
  return encodeModel(toModelJson(graph, options));
}
