/**
 * The reports of `sgvqa score --report`: the same report.md / report.html as `sgvqa eval`, for any
 * official-format predictions file. A predictions file carries no confidence, so the "worst questions"
 * are the first wrong ones of the questions file; graph links and executor traces come with
 * `--scene-graphs`. Reads the predictions (kept as a map: one string pair per question) and streams the
 * questions and, for the few scenes the report links to, the scene graphs.
 */
import { resolve } from 'node:path';
import { readGqaPredictions, readGqaQuestions, readGqaScenes } from '../../../graph/formats/gqa-files.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import type { GqaMetrics } from '../metrics/gqa-metrics.ts';
import type { ScoreFiles } from '../score-files.ts';
import { ReportCollector } from './report-collector.ts';
import { writeReports, type WrittenReports } from './write-reports.ts';

export interface ScoreReportOptions {
  /** The executor's options for the traces (the questions' ontology). */
  readonly execute?: ExecuteOptions;
  readonly executeSource?: string;
}

export async function writeScoreReport(files: ScoreFiles, outDir: string, metrics: GqaMetrics, options: ScoreReportOptions = {}): Promise<WrittenReports> {
  const predictions = new Map<string, string>();
  for await (const { questionId, prediction } of readGqaPredictions(files.predictions)) predictions.set(questionId, prediction);
  const collector = new ReportCollector();
  let ordinal = 0;
  for await (const [questionId, question] of readGqaQuestions(files.questions)) {
    const prediction = predictions.get(questionId);
    collector.add(ordinal++, questionId, question, {
      prediction: prediction ?? '',
      confidence: null,
      ...(prediction === undefined ? { cause: 'no-prediction' } : prediction === '' ? { cause: 'empty-prediction' } : {}),
    });
  }
  const collected = collector.result();
  const wanted = new Set(collected.worst.map((q) => q.imageId));
  const scenes = new Map<string, GqaScene>();
  if (files.sceneGraphs !== undefined && wanted.size > 0) {
    for await (const [imageId, scene] of readGqaScenes(files.sceneGraphs)) if (wanted.has(imageId)) scenes.set(imageId, scene);
  }
  const facts: [string, string][] = [
    ['Questions', `${resolve(files.questions)} (${ordinal} questions)`],
    ['Predictions', `${resolve(files.predictions)} (${predictions.size} predictions)`],
    ['Choices', files.choices !== undefined ? resolve(files.choices) : 'none (no validity / plausibility)'],
    ['Scene graphs', files.sceneGraphs !== undefined ? resolve(files.sceneGraphs) : 'none (no graph links, traces or grounding)'],
    ['Attentions', files.attentions !== undefined ? resolve(files.attentions) : 'none (no grounding)'],
    ['Executor options', options.executeSource ?? 'graph/program defaults (GQA ontology)'],
  ];
  return writeReports(outDir, {
    run: { command: 'sgvqa score', createdAt: new Date().toISOString(), facts, notes: [] },
    metrics,
    collected,
  }, {
    scene: (imageId) => scenes.get(imageId),
    ...(options.execute ? { execute: options.execute } : {}),
  });
}
