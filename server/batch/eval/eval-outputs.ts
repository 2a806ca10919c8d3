/**
 * The files of an evaluation's output folder. The journal (and, with images, the predicted-graphs file)
 * grow while the run goes; everything else is written once at the end, atomically. A run starts by
 * removing the end files of any earlier run in the folder, so a run that is killed never leaves files
 * that look like its complete result.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_FILES_DIR } from '../report/write-reports.ts';
import { JOURNAL_FILE } from './eval-journal.ts';

export interface EvalOutputs {
  readonly dir: string;
  readonly journal: string;
  /** Predicted graphs as they are made (JSON lines; `--images` only). */
  readonly predictedGraphs: string;
  readonly predictions: string;
  readonly metrics: string;
  readonly reportMarkdown: string;
  readonly reportHtml: string;
  readonly reportFiles: string;
  readonly unanswered: string;
  readonly failedImages: string;
  /** `--write-graphs`: the predicted graphs as one GQA scene-graphs file. */
  readonly sceneGraphs: string;
}

export function evalOutputs(dir: string): EvalOutputs {
  return {
    dir,
    journal: join(dir, JOURNAL_FILE),
    predictedGraphs: join(dir, 'predicted-graphs.jsonl'),
    predictions: join(dir, 'predictions.json'),
    metrics: join(dir, 'metrics.json'),
    reportMarkdown: join(dir, 'report.md'),
    reportHtml: join(dir, 'report.html'),
    reportFiles: join(dir, REPORT_FILES_DIR),
    unanswered: join(dir, 'unanswered.json'),
    failedImages: join(dir, 'failed-images.json'),
    sceneGraphs: join(dir, 'scene-graphs.json'),
  };
}

/** Removes the end files of an earlier run (never the journal or the predicted graphs). */
export async function removeFinalOutputs(outputs: EvalOutputs): Promise<void> {
  const finals = [outputs.predictions, outputs.metrics, outputs.reportMarkdown, outputs.reportHtml, outputs.unanswered, outputs.failedImages, outputs.sceneGraphs];
  await Promise.all(finals.map((path) => rm(path, { force: true })));
  await rm(outputs.reportFiles, { recursive: true, force: true });
}
