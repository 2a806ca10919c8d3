/**
 * A GQA-style data folder for VQA training: `<data>/train`, `<data>/val` and optionally `<data>/test`, each
 * a split folder (questions.json, sceneGraphs.json, images/, manifest.json from `sgvqa world generate`).
 * Vocabularies: words and answers from the training questions; the graph vocabularies from the world
 * manifest's label lists when there is one (ids then do not depend on which labels a sample happens to
 * contain), else collected from the training graphs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VqaDataError } from '../errors/vqa-data-error.ts';
import { type GraphVocabularies, graphVocabulariesFromGraphs, graphVocabulariesFromLists } from '../features/graph-vocabularies.ts';
import { AnswerVocabulary } from '../question/answer-vocabulary.ts';
import { QuestionVocabulary } from '../question/question-vocabulary.ts';
import { type VqaSplit, loadSplit } from './vqa-split.ts';

export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

export interface WorldVocabularyJson {
  names: string[];
  attributes: Record<string, string[]>;
  predicates: string[];
  locations: string[];
}

/** Graph vocabularies from a split's manifest.json (shapes world), or null when it has none. */
export async function worldGraphVocabularies(splitDir: string): Promise<GraphVocabularies | null> {
  const path = join(splitDir, 'manifest.json');
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { vocabulary?: WorldVocabularyJson };
  const v = manifest.vocabulary;
  if (!v || !Array.isArray(v.names) || !Array.isArray(v.predicates)) return null;
  return graphVocabulariesFromLists({ classes: v.names, predicates: v.predicates, attributeGroups: v.attributes ?? {}, locations: v.locations ?? [] });
}

export function splitDir(dataDir: string, split: SplitName): string {
  return join(dataDir, split);
}

export async function requireSplit(dataDir: string, split: SplitName): Promise<VqaSplit> {
  const dir = splitDir(dataDir, split);
  if (!existsSync(join(dir, 'questions.json'))) throw new VqaDataError(`vqa/data: ${dir} is not a split folder (no questions.json); expected ${dataDir}/{train,val,test}`);
  return loadSplit(dir);
}

export interface BuiltVocabularies {
  readonly words: QuestionVocabulary;
  readonly answers: AnswerVocabulary;
  readonly graph: GraphVocabularies;
}

export async function buildVocabularies(train: VqaSplit): Promise<BuiltVocabularies> {
  const words = QuestionVocabulary.build(train.questions.map(([, q]) => q.question));
  const answers = AnswerVocabulary.build(train.questions.flatMap(([, q]) => (q.answer === undefined ? [] : [q.answer])));
  const graph = (await worldGraphVocabularies(train.dir)) ?? graphVocabulariesFromGraphs([...train.graphs.values()], {});
  return { words, answers, graph };
}
