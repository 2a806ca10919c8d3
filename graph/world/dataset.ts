/**
 * Writes a world split to a folder, the GQA way:
 *   images/<imageId>.png, sceneGraphs.json, questions.json, choices.json, manifest.json
 * Scene i of a split comes from the stream Rng(seed, split, i, 'scene') and its questions from
 * Rng(seed, split, i, 'questions'), so a scene does not depend on how many were generated; questions
 * also depend on the balancing state, so they are generated in scene order. No timestamps anywhere:
 * the same options give byte-identical files. JSON files are written atomically (temp file + rename);
 * images are written directly (one fsync per image would dominate the run), and the manifest is
 * written last, so a folder with a manifest is complete.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GqaChoice, GqaQuestion, GqaScene } from '../formats/gqa-schema.ts';
import { sceneGraphToGqa } from '../formats/gqa.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { Rng } from './prng.ts';
import { WorldQuestionGenerator, WORLD_EXECUTE_OPTIONS } from './questions/question-generator.ts';
import { DEFAULT_COMPRESSION_LEVEL, renderScenes } from './renderer.ts';
import { resolveSamplerOptions, sampleWorldScene, type SceneSamplerOptions } from './scene-sampler.ts';
import { worldVocabulary } from './vocabulary.ts';
import { worldSceneGraph } from './world-graph.ts';
import { WorldError } from './world-error.ts';
import type { WorldScene } from './world-scene.ts';

export interface WorldDatasetOptions {
  out: string;
  scenes: number;
  questionsPerScene: number;
  seed: number | string;
  split: string;
  sampler?: SceneSamplerOptions;
  /** PNG zlib level (default DEFAULT_COMPRESSION_LEVEL = 1). */
  compressionLevel?: number;
  /** Render pipelines in flight (default: renderer's choice). */
  concurrency?: number;
  /** Called after each scene is written. */
  onProgress?: (done: number, total: number) => void;
}

export interface WorldDatasetCounts {
  scenes: number;
  objects: number;
  relations: Record<string, number>;
  questions: number;
  structural: Record<string, number>;
  semantic: Record<string, number>;
  detailed: Record<string, number>;
  /** Drafts dropped because the executor answered them differently (see question-generator.ts). */
  rejectedDrafts: Record<string, number>;
}

export interface WorldManifest {
  name: 'shapes-world';
  formatVersion: 1;
  split: string;
  seed: number | string;
  command: string;
  config: {
    scenes: number;
    questionsPerScene: number;
    imageSize: number;
    sampler: Required<SceneSamplerOptions>;
    pngCompressionLevel: number;
  };
  vocabulary: ReturnType<typeof worldVocabulary>;
  /** Options to run graph/program's executor with on these graphs. */
  executor: { ontology: Record<string, readonly string[]>; hypernyms: Record<string, readonly string[]> };
  counts: WorldDatasetCounts;
  files: { images: string; sceneGraphs: string; questions: string; choices: string };
}

const SPLIT_NAME = /^[A-Za-z0-9_-]+$/;

/** `<split>-<index, 6 digits>`: sortable, unique across splits, safe as a file name. */
export function worldImageId(split: string, index: number): string {
  return `${split}-${String(index).padStart(6, '0')}`;
}

function tally(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** `{\n"k": v,\n...\n}\n` from serialized entries, in ~1 MB chunks (the layout of writeJsonObjectAtomic). */
function* jsonObjectChunks(entries: readonly string[]): Generator<string> {
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  let buffer = '{';
  for (let i = 0; i < entries.length; i++) {
    buffer += `${i === 0 ? '\n' : ',\n'}${entries[i]}`;
    if (buffer.length >= 1 << 20) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}\n}\n`;
}

export async function generateWorldDataset(options: WorldDatasetOptions): Promise<WorldManifest> {
  const { out, scenes: total, questionsPerScene, seed, split } = options;
  if (!Number.isInteger(total) || total < 1) throw new WorldError(`world/dataset: scenes must be a positive integer, got ${total}`);
  if (!SPLIT_NAME.test(split)) throw new WorldError(`world/dataset: split name must match ${SPLIT_NAME}, got "${split}"`);
  const sampler = resolveSamplerOptions(options.sampler);
  const compressionLevel = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  const generator = new WorldQuestionGenerator({ questionsPerScene });
  await mkdir(join(out, 'images'), { recursive: true });

  // Entries are kept serialized: a third of the memory of the objects, for runs of many scenes.
  const graphs: string[] = [];
  const questions: string[] = [];
  const choices: string[] = [];
  const entry = (key: string, value: GqaScene | GqaQuestion | GqaChoice): string => `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  const counts: WorldDatasetCounts = {
    scenes: 0, objects: 0, relations: {}, questions: 0, structural: {}, semantic: {}, detailed: {}, rejectedDrafts: {},
  };

  function* scenes(): Generator<WorldScene> {
    for (let i = 0; i < total; i++) {
      const imageId = worldImageId(split, i);
      const scene = sampleWorldScene(new Rng(seed, split, i, 'scene'), imageId, sampler);
      const graph = worldSceneGraph(scene);
      graphs.push(entry(imageId, sceneGraphToGqa(graph)));
      counts.scenes++;
      counts.objects += graph.order;
      graph.forEachEdge((_key, attrs) => tally(counts.relations, attrs.predicate));
      for (const generated of generator.generate(graph, new Rng(seed, split, i, 'questions'))) {
        questions.push(entry(generated.qid, generated.question));
        choices.push(entry(generated.qid, generated.choice));
        counts.questions++;
        tally(counts.structural, generated.question.types?.structural ?? '');
        tally(counts.semantic, generated.question.types?.semantic ?? '');
        tally(counts.detailed, generated.question.types?.detailed ?? '');
      }
      yield scene;
    }
  }

  let done = 0;
  const renderOptions = options.concurrency === undefined ? { compressionLevel } : { compressionLevel, concurrency: options.concurrency };
  await renderScenes(scenes(), async (scene, png) => {
    await writeFile(join(out, 'images', `${scene.imageId}.png`), png);
    options.onProgress?.(++done, total);
  }, renderOptions);
  counts.rejectedDrafts = Object.fromEntries([...generator.rejected].sort(([a], [b]) => a.localeCompare(b)));

  await writeFileAtomic(join(out, 'sceneGraphs.json'), jsonObjectChunks(graphs));
  await writeFileAtomic(join(out, 'questions.json'), jsonObjectChunks(questions));
  await writeFileAtomic(join(out, 'choices.json'), jsonObjectChunks(choices));
  const manifest: WorldManifest = {
    name: 'shapes-world',
    formatVersion: 1,
    split,
    seed,
    command: `sgvqa world generate --out <dir> --scenes ${total} --questions-per-scene ${questionsPerScene} --seed ${seed} --split ${split}`
      + (compressionLevel === DEFAULT_COMPRESSION_LEVEL ? '' : ` --compression ${compressionLevel}`),
    config: { scenes: total, questionsPerScene, imageSize: 256, sampler, pngCompressionLevel: compressionLevel },
    vocabulary: worldVocabulary(),
    executor: { ontology: { ...WORLD_EXECUTE_OPTIONS.ontology }, hypernyms: { ...WORLD_EXECUTE_OPTIONS.hypernyms } },
    counts,
    files: { images: 'images/<imageId>.png', sceneGraphs: 'sceneGraphs.json', questions: 'questions.json', choices: 'choices.json' },
  };
  await writeFileAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
