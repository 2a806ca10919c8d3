/**
 * `sgvqa program run`: executes every question's GQA program on its scene graph with the symbolic
 * executor, scores the answers and writes official-format predictions. Questions are streamed; the scene
 * graphs are held as validated GQA JSON and turned into SceneGraphs on demand (a small cache serves
 * consecutive questions about the same image).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { readGqaQuestions, readGqaScenes } from '../../graph/formats/gqa-files.ts';
import { sceneGraphFromGqa } from '../../graph/formats/gqa.ts';
import { parseWith, type GqaScene } from '../../graph/formats/gqa-schema.ts';
import { writeJsonArrayAtomic } from '../../graph/io/atomic-write.ts';
import { executeProgram, parseSemantic, type AttributeOntology } from '../../graph/program/index.ts';
import type { SceneGraph } from '../../graph/scene-graph.ts';
import { CliError } from './cli-error.ts';
import { fileProgress } from './progress.ts';

export interface ProgramRunOptions {
  questions: string;
  sceneGraphs: string;
  out?: string;
  ontology?: string;
  limit?: number | undefined;
}

export interface ProgramRunSummary {
  questions: number;
  withAnswer: number;
  correct: number;
  accuracy: number;
  /** Questions whose program uses an operation (or argument) the executor does not support. */
  unsupported: number;
  unsupportedShare: number;
  /** operation -> questions it made unsupported, most frequent first. */
  unsupportedOperations: [string, number][];
  /** Supported programs the graph cannot answer (empty object set, missing attribute, ...), by cause. */
  unanswerable: number;
  unanswerableCauses: [string, number][];
  questionsPerSecond: number;
  predictions?: string;
}

const OntologySchema = z.record(z.string(), z.array(z.string()));

async function loadScenes(path: string): Promise<Map<string, GqaScene>> {
  const progress = fileProgress('scene graphs', path);
  const scenes = new Map<string, GqaScene>();
  try {
    for await (const [imageId, scene] of readGqaScenes(path, { onBytes: progress.onBytes })) scenes.set(imageId, scene);
  } finally {
    progress.stop();
  }
  return scenes;
}

export async function runPrograms(options: ProgramRunOptions): Promise<ProgramRunSummary> {
  const ontology: AttributeOntology | undefined = options.ontology
    ? parseWith(OntologySchema, JSON.parse(await readFile(options.ontology, 'utf8')), [], options.ontology)
    : undefined;
  const scenes = await loadScenes(options.sceneGraphs);
  const graphCache = new Map<string, SceneGraph>();
  const graphFor = (imageId: string, qid: string): SceneGraph => {
    const cached = graphCache.get(imageId);
    if (cached) return cached;
    const scene = scenes.get(imageId);
    if (!scene) throw new CliError(`question ${qid} asks about image ${imageId}, which is not in ${options.sceneGraphs}`);
    const graph = sceneGraphFromGqa(imageId, scene, { file: options.sceneGraphs });
    if (graphCache.size >= 256) graphCache.delete(graphCache.keys().next().value as string);
    graphCache.set(imageId, graph);
    return graph;
  };

  const predictions: { questionId: string; prediction: string }[] = [];
  const unsupportedOperations = new Map<string, number>();
  let withAnswer = 0;
  let correct = 0;
  let unsupported = 0;
  const unanswerableCauses = new Map<string, number>();
  let unanswerable = 0;
  const started = performance.now();
  const progress = fileProgress('programs', options.questions);
  try {
    for await (const [qid, question] of readGqaQuestions(options.questions, { onBytes: progress.onBytes })) {
      if (options.limit !== undefined && predictions.length >= options.limit) break;
      if (!question.semantic) throw new CliError(`question ${qid} has no \`semantic\` program`);
      const program = parseSemantic(question.semantic, { path: [qid, 'semantic'], file: options.questions });
      const result = executeProgram(graphFor(question.imageId, qid), program, ontology ? { ontology } : {});
      let prediction = '';
      if (result.kind === 'answer') prediction = result.answer;
      else if (result.cause === 'operation' || result.cause === 'argument') {
        unsupported++;
        unsupportedOperations.set(result.operation, (unsupportedOperations.get(result.operation) ?? 0) + 1);
      } else {
        unanswerable++;
        unanswerableCauses.set(result.cause, (unanswerableCauses.get(result.cause) ?? 0) + 1);
      }
      if (question.answer !== undefined) {
        withAnswer++;
        if (prediction === question.answer) correct++;
      }
      predictions.push({ questionId: qid, prediction });
    }
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.out) await writeJsonArrayAtomic(options.out, predictions);
  const summary: ProgramRunSummary = {
    questions: predictions.length,
    withAnswer,
    correct,
    accuracy: withAnswer ? correct / withAnswer : 0,
    unsupported,
    unsupportedShare: predictions.length ? unsupported / predictions.length : 0,
    unsupportedOperations: [...unsupportedOperations.entries()].sort((a, b) => b[1] - a[1]),
    unanswerable,
    unanswerableCauses: [...unanswerableCauses.entries()].sort((a, b) => b[1] - a[1]),
    questionsPerSecond: predictions.length / Math.max(seconds, 1e-9),
  };
  if (options.out) summary.predictions = options.out;
  return summary;
}

const percent = (x: number): string => `${(100 * x).toFixed(2)} %`;

export function formatProgramRunSummary(summary: ProgramRunSummary): string {
  const lines = [
    `questions    ${summary.questions}`,
    `accuracy     ${percent(summary.accuracy)} (${summary.correct}/${summary.withAnswer} questions with an answer)`,
    `unsupported  ${percent(summary.unsupportedShare)} (${summary.unsupported} questions)` +
      (summary.unsupportedOperations.length
        ? `: ${summary.unsupportedOperations.slice(0, 8).map(([op, n]) => `${op} ${n}`).join(', ')}`
        : ''),
    `unanswerable ${percent(summary.unanswerable / Math.max(1, summary.questions))} (${summary.unanswerable} questions)` +
      (summary.unanswerableCauses.length ? `: ${summary.unanswerableCauses.map(([cause, n]) => `${cause} ${n}`).join(', ')}` : ''),
    `speed        ${summary.questionsPerSecond.toFixed(0)} questions/s`,
  ];
  if (summary.predictions) lines.push(`predictions  ${summary.predictions}`);
  return `${lines.join('\n')}\n`;
}
