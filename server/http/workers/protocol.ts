/**
 * Messages between the server and its inference workers. Graphs cross as GQA JSON (lossless, scores and
 * the predicted location included), images as their bytes, errors as data: an HttpError keeps its
 * status, code, message and path; anything else arrives as an internal error with its message (for the
 * log only).
 */
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { JsonPath } from '../../../graph/errors/graph-format-error.ts';
import type { HttpErrorCode } from '../errors/http-error.ts';
import type { ImageFormat } from '../images/decode-image.ts';
import type { LoadedModels, ModelAnswer, ModelDescription, NodeCorrespondence, Timings } from '../models/model-ports.ts';

export interface WireGraph {
  imageId: string;
  scene: GqaScene;
}

export interface WorkerInit {
  type: 'init';
  sgg: string;
  vqa: string;
  maxPixels: number;
}

export type WorkerRequest =
  | { type: 'extract'; id: number; bytes: Uint8Array; format: ImageFormat; width: number; height: number; imageId: string }
  | { type: 'views'; id: number; bytes: Uint8Array; format: ImageFormat; width: number; height: number; imageId: string }
  | { type: 'answer'; id: number; graph: WireGraph; question: string }
  | { type: 'answerImage'; id: number; bytes: Uint8Array; format: ImageFormat; width: number; height: number; imageId: string; question: string };

export type WireError =
  | { kind: 'http'; status: number; code: HttpErrorCode; message: string; path?: JsonPath }
  | { kind: 'internal'; message: string; stack?: string };

export type WorkerReply =
  | { type: 'ready'; sgg: ModelDescription | undefined; vqa: ModelDescription | undefined; unavailable: LoadedModels['unavailable'] }
  | { type: 'extracted'; id: number; graph: WireGraph; timings: Timings }
  | { type: 'viewed'; id: number; views: { png: Uint8Array; graph: WireGraph; transform: Record<string, unknown> }[]; correspondence: NodeCorrespondence[]; timings: Timings }
  | { type: 'answered'; id: number; answer: ModelAnswer }
  | { type: 'answeredImage'; id: number; graph: WireGraph; answer: ModelAnswer; timings: Timings }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'fatal'; error: WireError };
