/** onnxruntime-node session settings shared by the trainer and inference models. */
import { availableParallelism } from 'node:os';
import { InferenceSession } from 'onnxruntime-node';
import { TrainerError } from '../errors/trainer-error.ts';

export type GraphOptimization = 'disabled' | 'basic' | 'extended' | 'all';

export interface SessionSettings {
  /** Intra-op threads; default: all cores. */
  readonly threads?: number;
  /** ORT graph optimization level; default 'all'. */
  readonly graphOptimization?: GraphOptimization;
}

export function defaultThreads(): number {
  return availableParallelism();
}

export async function createSession(model: Uint8Array | string, settings: SessionSettings = {}, what = 'model'): Promise<InferenceSession> {
  const threads = settings.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new TrainerError(`nn/runtime: threads must be a positive integer, got ${threads}`);
  try {
    return await InferenceSession.create(model as Uint8Array, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: settings.graphOptimization ?? 'all',
      enableCpuMemArena: true,
      enableMemPattern: true,
      logSeverityLevel: 3,
      // Flush denormals to zero: tiny gradients and decaying Adam moments otherwise reach the
      // subnormal range, where x86 float arithmetic runs many times slower.
      extra: { session: { set_denormal_as_zero: '1' } },
    });
  } catch (e) {
    throw new TrainerError(`nn/runtime: onnxruntime could not load the ${what}: ${(e as Error).message}`, { cause: e });
  }
}
