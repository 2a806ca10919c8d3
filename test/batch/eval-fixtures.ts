/**
 * Shared pieces of the `sgvqa eval` tests: the committed world sample, copies of it under new ids (to make
 * runs long enough to interrupt), a tiny VQA model trained here on the sample (seconds; its answers are
 * not meant to be right), an untrained scene-graph generator of the shipped architecture, and the CLI
 * run in a child process. Nothing here depends on models/pretrained.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialValues } from '../../models/nn/runtime/index.ts';
import { SggNetwork, defaultSggConfig, writeGenerator } from '../../models/sgg/index.ts';
import { prepareVqaData } from '../../models/vqa/data/prepare.ts';
import { trainVqa } from '../../models/vqa/train/train-vqa.ts';
import { DEFAULT_TRAINING } from '../../models/vqa/train/training-config.ts';
import { trainingDataFor } from '../../models/vqa/train/training-data.ts';
import { repoRoot } from '../helpers/shared-data.ts';

export const sample = join(repoRoot, 'samples/world');
export const sampleFiles = {
  questions: join(sample, 'questions.json'),
  sceneGraphs: join(sample, 'sceneGraphs.json'),
  choices: join(sample, 'choices.json'),
  images: join(sample, 'images'),
};

export type Json = Record<string, Record<string, unknown>>;
export const readJson = <T = Json>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function sgvqa(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SGVQA_PROGRESS: '0', SGVQA_DEBUG: '', ...env },
    maxBuffer: 64 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `copies` copies of the world sample's questions, scene graphs and choices in `dir`, copy c under ids
 * suffixed `-c<c>` (entailed and equivalent links follow), with the sample's manifest.json beside them.
 */
export function replicateSample(dir: string, copies: number): { questions: string; sceneGraphs: string; choices: string } {
  mkdirSync(dir, { recursive: true });
  const questions = readJson(sampleFiles.questions);
  const scenes = readJson(sampleFiles.sceneGraphs);
  const choices = readJson(sampleFiles.choices);
  const id = (base: string, c: number): string => (c === 0 ? base : `${base}-c${c}`);
  const outQuestions: Json = {};
  const outScenes: Json = {};
  const outChoices: Json = {};
  for (let c = 0; c < copies; c++) {
    for (const [qid, q] of Object.entries(questions)) {
      outQuestions[id(qid, c)] = {
        ...q,
        imageId: id(q.imageId as string, c),
        entailed: ((q.entailed as string[] | undefined) ?? []).map((e) => id(e, c)),
        equivalent: ((q.equivalent as string[] | undefined) ?? []).map((e) => id(e, c)),
      };
      outChoices[id(qid, c)] = choices[qid]!;
    }
    for (const [imageId, scene] of Object.entries(scenes)) outScenes[id(imageId, c)] = scene;
  }
  const files = { questions: join(dir, 'questions.json'), sceneGraphs: join(dir, 'sceneGraphs.json'), choices: join(dir, 'choices.json') };
  writeFileSync(files.questions, JSON.stringify(outQuestions));
  writeFileSync(files.sceneGraphs, JSON.stringify(outScenes));
  writeFileSync(files.choices, JSON.stringify(outChoices));
  copyFileSync(join(sample, 'manifest.json'), join(dir, 'manifest.json'));
  return files;
}

/** A small VQA model trained for one epoch on the world sample (a few seconds); returns its .onnx path. */
export async function trainTinyVqa(dir: string): Promise<string> {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  for (const split of ['train', 'val']) symlinkSync(sample, join(data, split));
  const config = {
    ...DEFAULT_TRAINING, epochs: 1, batchSize: 16, maxTrainQuestions: 96, maxEvalQuestions: 16,
    network: { hidden: 16, heads: 2, rounds: 2, questionLayers: 1, dropout: 0 },
  };
  const prepared = await prepareVqaData({ dataDir: data });
  const result = await trainVqa(config, trainingDataFor(prepared, config), { outDir: join(dir, 'vqa'), threads: 1 });
  return result.modelPath;
}

/** A scene-graph generator of the shipped architecture with fresh weights (its graphs are noise). */
export async function untrainedGenerator(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const network = new SggNetwork(defaultSggConfig());
  const values = new Map<string, Float32Array | Float64Array>(network.parameters().map((p) => [p.name, initialValues(p, 7)]));
  for (const [name, value] of network.initialOverrides()) values.set(name, value);
  const path = join(dir, 'sgg.onnx');
  await writeGenerator(network, values, path, { name: 'untrained-test-generator' });
  return path;
}
