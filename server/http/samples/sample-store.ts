/**
 * The committed world samples (samples/world), loaded once at start-up: annotated scene graphs, their
 * questions with programs, choices, and the manifest's executor options. Small (32 scenes), so held in
 * memory; image files are streamed from disk on request and looked up only by known id, never by a path
 * taken from the request.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isGraphFormatError } from '../../../graph/errors/graph-format-error.ts';
import { sceneGraphFromGqa } from '../../../graph/formats/gqa.ts';
import {
  GqaChoicesFileSchema,
  GqaQuestionsFileSchema,
  GqaSceneGraphsFileSchema,
  parseWith,
  type GqaChoice,
  type GqaQuestion,
  type GqaScene,
} from '../../../graph/formats/gqa-schema.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { SampleSetError } from '../errors/sample-set-error.ts';

const ManifestSchema = z.looseObject({
  name: z.string(),
  split: z.string(),
  seed: z.union([z.number(), z.string()]),
  vocabulary: z.looseObject({
    names: z.array(z.string()),
    attributes: z.record(z.string(), z.array(z.string())),
    predicates: z.array(z.string()),
  }),
  executor: z.object({
    ontology: z.record(z.string(), z.array(z.string())),
    hypernyms: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export type SampleManifest = z.infer<typeof ManifestSchema>;

export interface SampleQuestion {
  id: string;
  question: GqaQuestion;
}

export interface Sample {
  id: string;
  scene: GqaScene;
  graph: SceneGraph;
  imagePath: string;
  questions: SampleQuestion[];
}

export class SampleStore {
  private constructor(
    readonly dir: string,
    readonly manifest: SampleManifest,
    private readonly samples: Map<string, Sample>,
    private readonly questionsById: Map<string, SampleQuestion>,
    private readonly choicesById: Map<string, GqaChoice>,
  ) {}

  /** Loads and validates `dir`; every scene must have its image and every question its scene. */
  static async load(dir: string): Promise<SampleStore> {
    const json = async (name: string): Promise<unknown> => {
      const path = join(dir, name);
      try {
        return JSON.parse(await readFile(path, 'utf8')) as unknown;
      } catch (error) {
        throw new SampleSetError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const [manifestJson, scenesJson, questionsJson, choicesJson] = await Promise.all([
      json('manifest.json'), json('sceneGraphs.json'), json('questions.json'), json('choices.json'),
    ]);
    try {
      const manifest = parseWith(ManifestSchema, manifestJson, [], join(dir, 'manifest.json'));
      const scenes = parseWith(GqaSceneGraphsFileSchema, scenesJson, [], join(dir, 'sceneGraphs.json'));
      const questions = parseWith(GqaQuestionsFileSchema, questionsJson, [], join(dir, 'questions.json'));
      const choices = parseWith(GqaChoicesFileSchema, choicesJson, [], join(dir, 'choices.json'));
      const samples = new Map<string, Sample>();
      for (const [id, scene] of Object.entries(scenes)) {
        const imagePath = join(dir, 'images', `${id}.png`);
        if (!existsSync(imagePath)) throw new SampleSetError(`scene ${id} has no image at ${imagePath}`);
        samples.set(id, { id, scene, graph: sceneGraphFromGqa(id, scene, { file: join(dir, 'sceneGraphs.json') }), imagePath, questions: [] });
      }
      const questionsById = new Map<string, SampleQuestion>();
      for (const [id, question] of Object.entries(questions)) {
        const sample = samples.get(question.imageId);
        if (!sample) throw new SampleSetError(`question ${id} refers to unknown scene ${question.imageId}`);
        const entry = { id, question };
        sample.questions.push(entry);
        questionsById.set(id, entry);
      }
      return new SampleStore(dir, manifest, samples, questionsById, new Map(Object.entries(choices)));
    } catch (error) {
      if (isGraphFormatError(error)) throw new SampleSetError(error.message);
      throw error;
    }
  }

  get size(): number {
    return this.samples.size;
  }

  ids(): string[] {
    return [...this.samples.keys()];
  }

  get(id: string): Sample | undefined {
    return this.samples.get(id);
  }

  question(id: string): SampleQuestion | undefined {
    return this.questionsById.get(id);
  }

  /** Every question of the set, in file order. */
  questions(): SampleQuestion[] {
    return [...this.questionsById.values()];
  }

  choice(id: string): GqaChoice | undefined {
    return this.choicesById.get(id);
  }

  /** The executor options the questions were generated with (the world's ontology and name classes). */
  executeOptions(): ExecuteOptions {
    const { ontology, hypernyms } = this.manifest.executor;
    return hypernyms ? { ontology, hypernyms } : { ontology };
  }
}
