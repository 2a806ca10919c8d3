/**
 * Streaming readers of GQA files. Each entry is validated as it is read, so a bad field is reported with
 * its JSON path and file name, and memory holds one entry at a time.
 */
import { GraphFormatError } from '../errors/graph-format-error.ts';
import type { SceneGraph } from '../scene-graph.ts';
import { streamJsonArray, streamJsonObject, type JsonSource, type JsonStreamOptions } from './json-stream.ts';
import { sceneGraphFromGqa } from './gqa.ts';
import {
  GqaChoiceSchema,
  GqaPredictionSchema,
  GqaQuestionSchema,
  GqaSceneSchema,
  parseWith,
  type GqaChoice,
  type GqaPrediction,
  type GqaQuestion,
  type GqaScene,
} from './gqa-schema.ts';

export type ReadOptions = Pick<JsonStreamOptions, 'onBytes'>;

function streamOptions(source: JsonSource, options: ReadOptions): JsonStreamOptions {
  return { ...options, file: typeof source === 'string' ? source : undefined };
}

/** `[imageId, validated GQA scene JSON]` for each scene of a sceneGraphs file. */
export async function* readGqaScenes(source: JsonSource, options: ReadOptions = {}): AsyncGenerator<[string, GqaScene]> {
  const opts = streamOptions(source, options);
  const file = opts.file;
  for await (const [imageId, value] of streamJsonObject(source, opts)) {
    yield [imageId, parseWith(GqaSceneSchema, value, [imageId], file)];
  }
}

/** Each scene of a sceneGraphs file as a SceneGraph (relations checked against the scene's objects). */
export async function* readSceneGraphs(source: JsonSource, options: ReadOptions = {}): AsyncGenerator<SceneGraph> {
  const opts = streamOptions(source, options);
  const file = opts.file;
  for await (const [imageId, value] of streamJsonObject(source, opts)) {
    yield sceneGraphFromGqa(imageId, value, { file });
  }
}

/** `[questionId, question]` for each entry of a GQA questions file. */
export async function* readGqaQuestions(source: JsonSource, options: ReadOptions = {}): AsyncGenerator<[string, GqaQuestion]> {
  const opts = streamOptions(source, options);
  const file = opts.file;
  for await (const [qid, value] of streamJsonObject(source, opts)) {
    yield [qid, parseWith(GqaQuestionSchema, value, [qid], file)];
  }
}

/** Each prediction of an official-format predictions file; a repeated questionId is an error. */
export async function* readGqaPredictions(source: JsonSource, options: ReadOptions = {}): AsyncGenerator<GqaPrediction> {
  const opts = streamOptions(source, options);
  const file = opts.file;
  const seen = new Set<string>();
  for await (const [index, value] of streamJsonArray(source, opts)) {
    const prediction = parseWith(GqaPredictionSchema, value, [index], file);
    if (seen.has(prediction.questionId)) {
      throw new GraphFormatError(`duplicate questionId "${prediction.questionId}"`, [index, 'questionId'], file);
    }
    seen.add(prediction.questionId);
    yield prediction;
  }
}

/** `[questionId, choice]` for each entry of a choices file. */
export async function* readGqaChoices(source: JsonSource, options: ReadOptions = {}): AsyncGenerator<[string, GqaChoice]> {
  const opts = streamOptions(source, options);
  const file = opts.file;
  for await (const [qid, value] of streamJsonObject(source, opts)) {
    yield [qid, parseWith(GqaChoiceSchema, value, [qid], file)];
  }
}

/** Drains an async iterable into an array (for small files and tests). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
