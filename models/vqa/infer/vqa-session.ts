/**
 * One onnxruntime session over the VQA inference graph (network/definitions.ts), either built in memory
 * from a network and its current parameter values (evaluation during training) or loaded from a shipped
 * vqa.onnx. Both run the same graph, so what training evaluates is what ships.
 * Outputs: answer_probs [B, A] (softmax), grounding [N', T + 1] (per node row, per round + readout).
 */
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { Tensor } from 'onnxruntime-node';
import { buildInferenceGraph, toOnnx } from '../../nn/index.ts';
import { createSession } from '../../nn/runtime/index.ts';
import type { ArrayFeedLike } from '../features/graph-inputs.ts';
import { vqaInferenceDefinition } from '../network/definitions.ts';
import type { VqaNetwork } from '../network/vqa-network.ts';

export interface VqaRunResult {
  /** [B, A] row-major. */
  readonly probs: Float32Array;
  readonly answers: number;
  /** [N', R] row-major, R = rounds + 1. */
  readonly grounding: Float32Array;
  readonly groundingColumns: number;
}

function dtypeOf(data: ArrayFeedLike['data']): 'float32' | 'int64' | 'bool' {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof BigInt64Array) return 'int64';
  return 'bool';
}

export class VqaSession {
  private constructor(private readonly session: InferenceSession) {}

  /** The inference graph of `network` with `values` as initializers, as ONNX bytes. */
  static inferenceBytes(network: VqaNetwork, values: ReadonlyMap<string, Float32Array | Float64Array>): Uint8Array {
    const built = buildInferenceGraph(vqaInferenceDefinition(network));
    return toOnnx(built.graph, { paramValues: values, docString: 'vqa: inference graph' });
  }

  static async fromParameters(network: VqaNetwork, values: ReadonlyMap<string, Float32Array | Float64Array>, threads?: number): Promise<VqaSession> {
    return new VqaSession(await createSession(VqaSession.inferenceBytes(network, values), threads === undefined ? {} : { threads }, 'vqa inference graph'));
  }

  static async fromModel(model: Uint8Array | string, threads?: number): Promise<VqaSession> {
    return new VqaSession(await createSession(model, threads === undefined ? {} : { threads }, typeof model === 'string' ? model : 'vqa model'));
  }

  async run(feeds: Readonly<Record<string, ArrayFeedLike>>): Promise<VqaRunResult> {
    const ort: Record<string, OrtTensor> = {};
    for (const name of this.session.inputNames) {
      const feed = feeds[name];
      if (!feed) throw new Error(`vqa/session: missing input '${name}'`);
      ort[name] = new Tensor(dtypeOf(feed.data), feed.data as never, [...feed.dims]);
    }
    const out = (await this.session.run(ort, ['answer_probs', 'grounding'])) as Record<string, OrtTensor>;
    const probs = out.answer_probs!;
    const grounding = out.grounding!;
    return {
      probs: probs.data as Float32Array,
      answers: probs.dims[1] as number,
      grounding: grounding.data as Float32Array,
      groundingColumns: grounding.dims[1] as number,
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
