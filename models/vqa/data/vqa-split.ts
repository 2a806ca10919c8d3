/**
 * One split of a GQA-style folder (the shapes world writes these): questions.json, sceneGraphs.json,
 * choices.json and images/. Questions are kept whole (consistency scoring needs the entailed ones);
 * scene graphs are the annotated graphs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readGqaQuestions, readSceneGraphs } from '../../../graph/formats/gqa-files.ts';
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';

export interface VqaSplit {
  readonly dir: string;
  readonly questions: readonly (readonly [string, GqaQuestion])[];
  /** Annotated scene graphs by image id. */
  readonly graphs: ReadonlyMap<string, SceneGraph>;
  /** choices.json when present (validity / plausibility). */
  readonly choicesPath: string | undefined;
  readonly imagesDir: string;
}

export async function loadSplit(dir: string, options: { graphs?: boolean } = {}): Promise<VqaSplit> {
  const questionsPath = join(dir, 'questions.json');
  const graphsPath = join(dir, 'sceneGraphs.json');
  if (!existsSync(questionsPath)) throw new VqaDataError(`vqa/data: no questions.json in ${dir}`);
  const questions: [string, GqaQuestion][] = [];
  for await (const entry of readGqaQuestions(questionsPath)) questions.push(entry);
  const graphs = new Map<string, SceneGraph>();
  if (options.graphs !== false) {
    if (!existsSync(graphsPath)) throw new VqaDataError(`vqa/data: no sceneGraphs.json in ${dir}`);
    for await (const graph of readSceneGraphs(graphsPath)) graphs.set(graph.getAttribute('imageId'), graph);
  }
  const choicesPath = join(dir, 'choices.json');
  return { dir, questions, graphs, choicesPath: existsSync(choicesPath) ? choicesPath : undefined, imagesDir: join(dir, 'images') };
}
