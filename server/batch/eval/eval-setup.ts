/**
 * The parts of an evaluation run, loaded from its options: the answerer (the VQA model, or the symbolic
 * executor), with the identities of the answerer and of the graphs (the scene-graphs file, or the image
 * folder and the generator) that the journal's fingerprint records. The model runs with one onnxruntime
 * thread (on a shared 2-core machine one thread is faster per run than two), in a worker thread.
 */
import { resolve } from 'node:path';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import type { VqaModel } from '../../../models/vqa/infer/index.ts';
import type { QuestionAnswerer } from './eval-types.ts';
import { fileIdentity, imageFolderIdentity, sha256Of, type RunFingerprint } from './run-fingerprint.ts';
import { SymbolicAnswerer } from './symbolic-answerer.ts';
import { VqaModelAnswerer } from './vqa-model-answerer.ts';
import { WorkerSession } from './worker-session.ts';

export interface EvalSetupOptions {
  readonly sceneGraphs?: string;
  readonly images?: string;
  /** `symbolic`, or a VQA model file. */
  readonly model: string;
  /** The generator (`--images`). */
  readonly sgg?: string;
  readonly execute?: ExecuteOptions;
  /** Report each answer's attention (for the grounding metric). */
  readonly withAttention: boolean;
  /** Run the VQA model in a worker thread, overlapping with the main thread's work (default true). */
  readonly modelWorker?: boolean;
}

export interface EvalSetup {
  readonly answerer: QuestionAnswerer;
  /** In words, for the report. */
  readonly answererDescription: string;
  readonly model: VqaModel | undefined;
  readonly fingerprint: Pick<RunFingerprint, 'answerer' | 'graphs'>;
  /** Batches to keep in flight (2 when the model runs in a worker). */
  readonly inFlight: number;
  release(): Promise<void>;
}

export async function loadEvalSetup(options: EvalSetupOptions): Promise<EvalSetup> {
  let model: VqaModel | undefined;
  let worker: WorkerSession | undefined;
  try {
    let answerer: QuestionAnswerer;
    let answererDescription: string;
    let answererFingerprint: string;
    if (options.model === 'symbolic') {
      answerer = new SymbolicAnswerer({ ...(options.execute ? { execute: options.execute } : {}), withAttention: options.withAttention });
      answererDescription = 'the symbolic executor (graph/program) running each question\'s GQA program';
      answererFingerprint = `symbolic:${sha256Of(JSON.stringify(options.execute ?? {}))}`;
    } else {
      // Loaded lazily: onnxruntime and the model code are only needed by runs that use a model.
      const { loadVqaModel } = await import('../../../models/vqa/infer/index.ts');
      model = await loadVqaModel(options.model, { threads: 1 });
      if (options.modelWorker !== false) worker = await WorkerSession.start(options.model, 1);
      answerer = new VqaModelAnswerer(model, { withAttention: options.withAttention, ...(worker ? { runner: worker } : {}) });
      answererDescription = `VQA model ${resolve(options.model)} (${model.manifest.name ?? 'unnamed'}, step ${model.manifest.step}, sha256 ${model.manifest.sha256.slice(0, 12)})`;
      answererFingerprint = `model:${model.manifest.sha256}`;
    }
    let graphs: RunFingerprint['graphs'];
    if (options.images !== undefined) {
      // The generator itself runs in a worker thread (image-folder-graphs.ts); here only its identity.
      const { fileSha256 } = await import('../../../models/vqa/views/index.ts');
      graphs = imageFolderIdentity(options.images, await fileSha256(options.sgg!));
    } else {
      graphs = { kind: 'scene-graphs', file: fileIdentity(options.sceneGraphs!) };
    }
    const loaded = { model, worker };
    return {
      answerer,
      answererDescription,
      model,
      fingerprint: { answerer: answererFingerprint, graphs },
      inFlight: worker ? 2 : 1,
      async release() {
        await loaded.worker?.close();
        await loaded.model?.release();
      },
    };
  } catch (error) {
    await worker?.close();
    await model?.release();
    throw error;
  }
}
