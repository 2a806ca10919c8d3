/**
 * The questions and graphs of an evaluation request: the committed sample split (annotated graphs, or
 * graphs predicted from its images) or the client's own questions and scene graphs. Submitted data is
 * checked up front so that a job never fails half-way on something the client could have fixed: every
 * question has an answer, every relation points to an object of its scene (422 with the path).
 */
import { readFile } from 'node:fs/promises';
import { formatJsonPath, isGraphFormatError } from '../../../graph/errors/graph-format-error.ts';
import { sceneGraphFromGqa } from '../../../graph/formats/gqa.ts';
import type { GqaChoice, GqaQuestion, GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { predictGraph, type GraphResolver } from '../answering/resolve-graph.ts';
import { HttpError } from '../errors/http-error.ts';
import type { SampleStore } from '../samples/sample-store.ts';
import type { WorkQueue } from '../work-queue.ts';
import type { EvaluationData } from './evaluation-task.ts';

/** Graphs built from submitted JSON are cached; this many at most (consecutive questions share images). */
const GRAPH_CACHE = 256;

function limited<T>(entries: T[], limit: number | undefined): T[] {
  return limit === undefined ? entries : entries.slice(0, limit);
}

export function sampleSplitData(samples: SampleStore, limit: number | undefined): EvaluationData {
  const questions = limited(samples.questions(), limit).map(({ id, question }): [string, GqaQuestion] => [id, question]);
  const choices = questions.flatMap(([id]): [string, GqaChoice][] => {
    const choice = samples.choice(id);
    return choice ? [[id, choice]] : [];
  });
  return { questions, choices, graphOf: async (imageId) => samples.get(imageId)?.graph };
}

/**
 * The sample split on graphs predicted from its images (one extraction per image, cached for the job,
 * run as background work behind live requests).
 */
export function predictedSampleSplitData(samples: SampleStore, resolver: GraphResolver, queue: WorkQueue, limit: number | undefined): EvaluationData {
  const annotated = sampleSplitData(samples, limit);
  const predicted = new Map<string, Promise<SceneGraph | undefined>>();
  const predict = async (imageId: string): Promise<SceneGraph | undefined> => {
    const sample = samples.get(imageId);
    if (!sample) return undefined;
    const bytes = await readFile(sample.imagePath);
    return (await queue.runBackground(() => predictGraph(resolver, bytes, imageId))).graph;
  };
  return {
    ...annotated,
    graphOf: (imageId) => {
      let graph = predicted.get(imageId);
      if (!graph) predicted.set(imageId, (graph = predict(imageId)));
      return graph;
    },
  };
}

export function submittedData(
  questionsFile: Record<string, GqaQuestion>,
  scenes: Record<string, GqaScene>,
  choicesFile: Record<string, GqaChoice> | undefined,
  limit: number | undefined,
): EvaluationData {
  const questions = limited(Object.entries(questionsFile), limit);
  for (const [id, question] of questions) {
    if (question.answer === undefined) {
      const path = ['questions', id, 'answer'];
      throw new HttpError(422, 'invalid_request', `${formatJsonPath(path)}: every question needs its answer to be scored`, { path });
    }
  }
  for (const [imageId, scene] of Object.entries(scenes)) {
    for (const [objectId, object] of Object.entries(scene.objects)) {
      object.relations.forEach((relation, index) => {
        if (!(relation.object in scene.objects)) {
          const path = ['sceneGraphs', imageId, 'objects', objectId, 'relations', index, 'object'];
          throw new HttpError(422, 'invalid_scene_graph', `${formatJsonPath(path)}: relation "${relation.name}" points to missing object "${relation.object}"`, { path });
        }
      });
    }
  }
  const cache = new Map<string, SceneGraph>();
  const graphOf = async (imageId: string): Promise<SceneGraph | undefined> => {
    const cached = cache.get(imageId);
    if (cached) return cached;
    const scene = Object.hasOwn(scenes, imageId) ? scenes[imageId] : undefined;
    if (!scene) return undefined;
    let graph: SceneGraph;
    try {
      graph = sceneGraphFromGqa(imageId, scene, { path: ['sceneGraphs', imageId] });
    } catch (error) {
      if (isGraphFormatError(error)) throw new HttpError(422, 'invalid_scene_graph', error.message, { path: error.path });
      throw error;
    }
    if (cache.size >= GRAPH_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(imageId, graph);
    return graph;
  };
  const asked = new Set(questions.map(([id]) => id));
  const choices = choicesFile ? Object.entries(choicesFile).filter(([id]) => asked.has(id)) : undefined;
  return { questions, choices, graphOf };
}
