/** Messages between graph-worker-client.ts (main thread) and graph-worker.ts (the worker). */
import type { LocationClassifierJson } from '../../../models/vqa/scene/location-classifier.ts';

export interface GraphWorkerInit {
  /** The scene-graph generator's .onnx (its manifest beside it). */
  readonly sggPath: string;
  readonly threads: number;
  /** The VQA model's location classifier, which gives predicted graphs their location; null: none. */
  readonly locations: LocationClassifierJson | null;
  /** Images decoded ahead of the generator. */
  readonly concurrency: number;
}

export interface ImageToPredict {
  readonly imageId: string;
  readonly path: string;
}

export type GraphRequest = { readonly type: 'predict'; readonly items: readonly ImageToPredict[] } | { readonly type: 'close' };

/** One image's result: its GQA scene as JSON text, or why there is none. */
export type PredictedImage =
  | { readonly type: 'graph'; readonly imageId: string; readonly scene: string; readonly seconds: number }
  | { readonly type: 'failure'; readonly imageId: string; readonly message: string };

export type GraphReply = { readonly type: 'ready' } | PredictedImage | { readonly type: 'error'; readonly message: string };
