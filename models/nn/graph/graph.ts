/**
 * The graph builder: records inputs, parameters, constants and nodes in creation order (which is a
 * topological order), infers every value's dtype and shape, and hands out counter-based names so the
 * same model code always builds the same graph.
 */
import { type AnyTypedArray, type DType, allocTyped } from '../onnx/dtype.ts';
import { GraphError } from '../errors/graph-error.ts';
import type { NodeRecord, OpDef } from './op.ts';
import type { Parameter } from './parameter.ts';
import { type Shape, formatShape, staticSize } from './shape.ts';
import { Tensor } from './tensor.ts';
import { Identity } from '../ops/identity.ts';

/** What a graph input stands for; the runtime feeds each role from a different place. */
export type InputRole = 'data' | 'target' | 'param' | 'state' | 'hyper';

export interface GraphInput {
  readonly tensor: Tensor;
  readonly role: InputRole;
}

export interface GraphParam {
  readonly parameter: Parameter;
  readonly tensor: Tensor;
}

export interface GraphConstant {
  readonly tensor: Tensor;
  readonly data: AnyTypedArray;
}

export interface GraphOutput {
  readonly name: string;
  readonly tensor: Tensor;
}

export interface GraphOptions {
  /** Training mode switches dropout on; eval/inference graphs are built with `training: false`. */
  readonly training?: boolean;
}

export class Graph {
  readonly training: boolean;
  readonly nodes: NodeRecord[] = [];
  readonly inputs: GraphInput[] = [];
  readonly params: GraphParam[] = [];
  readonly constants: GraphConstant[] = [];
  readonly outputs: GraphOutput[] = [];
  private readonly names = new Set<string>();
  private readonly producers = new Map<string, NodeRecord>();
  private readonly memos = new Map<string, unknown>();
  private nodeCounter = 0;
  private dimCounter = 0;
  private constCounter = 0;

  constructor(
    readonly name: string,
    options: GraphOptions = {},
  ) {
    this.training = options.training ?? false;
  }

  /** A graph input fed at run time. */
  input(name: string, dtype: DType, shape: Shape, role: InputRole = 'data'): Tensor {
    this.claim(name);
    const tensor = new Tensor(this, name, dtype, [...shape]);
    this.inputs.push({ tensor, role });
    return tensor;
  }

  /** The tensor standing for a parameter; the first use registers it (parameter order = first use). */
  param(parameter: Parameter): Tensor {
    const known = this.params.find((p) => p.parameter.name === parameter.name);
    if (known) {
      // Two modules that picked the same name would otherwise share weights without anyone noticing.
      if (known.parameter !== parameter) throw new GraphError(`nn/graph: two different parameters are named '${parameter.name}'`);
      return known.tensor;
    }
    this.claim(parameter.name);
    const tensor = new Tensor(this, parameter.name, parameter.dtype, [...parameter.shape]);
    this.params.push({ parameter, tensor });
    return tensor;
  }

  /** A constant (an ONNX initializer). Small constants are shared. */
  constant(data: AnyTypedArray, dtype: DType, dims: readonly number[]): Tensor {
    const size = staticSize(dims) ?? 0;
    if (data.length !== size) throw new GraphError(`nn/graph: constant of shape ${formatShape(dims)} given ${data.length} values`);
    const key = size <= 16 ? `const:${dtype}:${dims.join('x')}:${Array.from(data as ArrayLike<number | bigint>, String).join(',')}` : undefined;
    const make = (): Tensor => {
      const name = this.autoName(`const_${this.constCounter++}`);
      const tensor = new Tensor(this, name, dtype, [...dims]);
      this.constants.push({ tensor, data });
      return tensor;
    };
    return key === undefined ? make() : this.memo(key, make);
  }

  /** A scalar (rank 0) constant. */
  scalar(value: number | bigint, dtype: DType): Tensor {
    const data = allocTyped(dtype, 1);
    if (data instanceof BigInt64Array) data[0] = BigInt(value);
    else data[0] = Number(value);
    return this.constant(data, dtype, []);
  }

  /** A 1-D int64 constant, the form ONNX wants for axes, shapes, starts and ends. */
  ints(values: readonly number[]): Tensor {
    return this.constant(BigInt64Array.from(values, (v) => BigInt(v)), 'int64', [values.length]);
  }

  /** Records one node; returns its outputs. All tensor inputs must belong to this graph. */
  apply<A extends object>(op: OpDef<A>, inputs: readonly (Tensor | null)[], attrs: A, outputNames?: readonly string[]): Tensor[] {
    for (const t of inputs) {
      if (t && t.graph !== this) throw new GraphError(`nn/graph: ${op.type} got ${t.name} from graph '${t.graph.name}' while building '${this.name}'`);
    }
    const infos = op.infer(inputs, attrs, this);
    const id = this.nodeCounter++;
    const base = `${op.type}_${id}`;
    const outputs = infos.map((info, k) => {
      const wanted = outputNames?.[k];
      const name = wanted ?? this.autoName(infos.length === 1 ? base : `${base}_${k}`);
      if (wanted !== undefined) this.claim(wanted);
      return new Tensor(this, name, info.dtype, info.shape);
    });
    const node: NodeRecord<A> = { id, name: base, op, inputs: [...inputs], outputs, attrs };
    this.nodes.push(node as unknown as NodeRecord);
    for (const t of outputs) this.producers.set(t.name, node as unknown as NodeRecord);
    return outputs;
  }

  /** Marks a graph output under `name` (an Identity node renames the value when needed). */
  output(name: string, tensor: Tensor): Tensor {
    if (tensor.graph !== this) throw new GraphError(`nn/graph: output '${name}' comes from graph '${tensor.graph.name}'`);
    if (this.outputs.some((o) => o.name === name)) throw new GraphError(`nn/graph: output '${name}' is defined twice`);
    const isSourceValue = this.inputs.some((i) => i.tensor === tensor) || this.params.some((p) => p.tensor === tensor);
    const renamed = tensor.name === name && !isSourceValue ? tensor : this.apply(Identity, [tensor], {}, [name])[0]!;
    this.outputs.push({ name, tensor: renamed });
    return renamed;
  }

  /** The node that produced a tensor; undefined for inputs, parameters and constants. */
  producer(tensor: Tensor): NodeRecord | undefined {
    return this.producers.get(tensor.name);
  }

  /** A fresh anonymous dimension symbol. */
  freshDim(): string {
    return `?${this.dimCounter++}`;
  }

  /** Builds a value once per key (shape tensors, shared constants, per-graph inputs). */
  memo<T>(key: string, make: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = make();
    this.memos.set(key, value);
    return value;
  }

  /** The registered input of that name, if any. */
  findInput(name: string): GraphInput | undefined {
    return this.inputs.find((i) => i.tensor.name === name);
  }

  private claim(name: string): void {
    if (name.length === 0) throw new GraphError('nn/graph: empty value name');
    if (this.names.has(name)) throw new GraphError(`nn/graph: the name '${name}' is already used in graph '${this.name}'`);
    this.names.add(name);
  }

  private autoName(base: string): string {
    let name = base;
    for (let k = 1; this.names.has(name); k++) name = `${base}__${k}`;
    this.names.add(name);
    return name;
  }
}
