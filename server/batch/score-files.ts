/**
 * `scoreGqaFiles`: GQA metrics of official-format files of any size. The files are streamed one after
 * the other (predictions, scene graphs, questions, choices, attentions), each entry validated as read.
 */
import { readGqaChoices, readGqaPredictions, readGqaQuestions, readGqaScenes } from '../../graph/formats/gqa-files.ts';
import type { JsonSource } from '../../graph/formats/json-stream.ts';
import { ScoreInputError } from './errors/score-input-error.ts';
import { readAttentions } from './attention-file.ts';
import { computeGqaMetrics } from './metrics/compute-metrics.ts';
import type { GqaMetrics } from './metrics/gqa-metrics.ts';

export interface ScoreFiles {
  questions: string;
  predictions: string;
  choices?: string;
  sceneGraphs?: string;
  attentions?: string;
}

/** Reports reading progress of one file; `stop` is called when the file is done. */
export type FileProgressFactory = (label: string, path: string) => { onBytes: (bytes: number) => void; stop: () => void };

export interface ScoreFilesOptions {
  allowMissing?: boolean;
  progress?: FileProgressFactory;
}

/** Every GQA metric of the predictions in `files` (see GqaMetrics). */
export async function scoreGqaFiles(files: ScoreFiles, options: ScoreFilesOptions = {}): Promise<GqaMetrics> {
  if ((files.sceneGraphs === undefined) !== (files.attentions === undefined)) {
    throw new ScoreInputError('grounding needs both --scene-graphs and --attentions');
  }
  const progress = options.progress;
  /** Wraps a reader so its progress bar starts when the file is first read and stops when it ends. */
  async function* tracked<T>(label: string, path: string, read: (source: JsonSource, opts: { onBytes?: (n: number) => void }) => AsyncIterable<T>): AsyncGenerator<T> {
    const bar = progress?.(label, path);
    try {
      yield* read(path, { onBytes: bar?.onBytes });
    } finally {
      bar?.stop();
    }
  }
  return computeGqaMetrics({
    predictions: tracked('predictions', files.predictions, readGqaPredictions),
    questions: tracked('questions', files.questions, readGqaQuestions),
    choices: files.choices === undefined ? undefined : tracked('choices', files.choices, readGqaChoices),
    scenes: files.sceneGraphs === undefined ? undefined : tracked('scene graphs', files.sceneGraphs, readGqaScenes),
    attentions: files.attentions === undefined ? undefined : tracked('attentions', files.attentions, readAttentions),
  }, { allowMissing: options.allowMissing });
}
