/** Messages between worker-session.ts (main thread) and session-worker.ts (the worker). */
import type { ArrayFeedLike } from '../../../models/vqa/features/graph-inputs.ts';

export interface SessionWorkerInit {
  readonly modelPath: string;
  readonly threads: number;
}

export type SessionRequest =
  | { readonly type: 'run'; readonly id: number; readonly feeds: Readonly<Record<string, ArrayFeedLike>> }
  | { readonly type: 'close' };

export type SessionReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly probs: Float32Array; readonly answers: number; readonly grounding: Float32Array; readonly groundingColumns: number }
  /** `id` null: the worker could not load the model. */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string };
