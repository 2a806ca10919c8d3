import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneGraphFromGqa } from '../../graph/formats/gqa.ts';
import { GqaChoicesFileSchema, GqaQuestionsFileSchema, GqaSceneGraphsFileSchema } from '../../graph/formats/gqa-schema.ts';
import { executeProgram, parseSemantic } from '../../graph/program/index.ts';
import { generateWorldDataset, WORLD_EXECUTE_OPTIONS, type WorldManifest } from '../../graph/world/index.ts';

let root: string;
let first: string;
let second: string;
let manifest: WorldManifest;
const options = { scenes: 8, questionsPerScene: 12, seed: 5, split: 'val' };

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sgvqa-world-'));
  first = join(root, 'a');
  second = join(root, 'b');
  manifest = await generateWorldDataset({ ...options, out: first });
  await generateWorldDataset({ ...options, out: second, concurrency: 1 });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('world dataset folder', () => {
  it('is byte-identical for the same options, whatever the render concurrency', async () => {
    const files = ['sceneGraphs.json', 'questions.json', 'choices.json', 'manifest.json'];
    const images = (await readdir(join(first, 'images'))).sort();
    expect(images).toHaveLength(8);
    expect((await readdir(join(second, 'images'))).sort()).toEqual(images);
    for (const file of [...files, ...images.map((i) => join('images', i))]) {
      expect(Buffer.compare(await readFile(join(first, file)), await readFile(join(second, file))), file).toBe(0);
    }
  });

  it('writes files that validate with the GQA schemas and agree with the manifest', async () => {
    const graphs = GqaSceneGraphsFileSchema.parse(await readJson(join(first, 'sceneGraphs.json')));
    const questions = GqaQuestionsFileSchema.parse(await readJson(join(first, 'questions.json')));
    const choices = GqaChoicesFileSchema.parse(await readJson(join(first, 'choices.json')));
    expect(Object.keys(graphs)).toHaveLength(8);
    expect(Object.keys(questions)).toHaveLength(manifest.counts.questions);
    expect(Object.keys(choices).sort()).toEqual(Object.keys(questions).sort());
    expect(manifest.counts.questions).toBe(8 * 12);
    expect(Object.values(graphs).reduce((n, g) => n + Object.keys(g.objects).length, 0)).toBe(manifest.counts.objects);
    for (const [qid, q] of Object.entries(questions)) {
      expect(choices[qid]!.valid).toEqual([q.answer]);
      expect(choices[qid]!.plausible).toContain(q.answer);
      expect(graphs[q.imageId]!.location).toMatch(/^(light|dark|grid)$/);
    }
  });

  it('every question is re-answered identically by the executor from the written files', async () => {
    const graphs = GqaSceneGraphsFileSchema.parse(await readJson(join(first, 'sceneGraphs.json')));
    const questions = GqaQuestionsFileSchema.parse(await readJson(join(first, 'questions.json')));
    for (const q of Object.values(questions)) {
      const graph = sceneGraphFromGqa(q.imageId, graphs[q.imageId]);
      const result = executeProgram(graph, parseSemantic(q.semantic!, { strict: true }), WORLD_EXECUTE_OPTIONS);
      expect(result.kind === 'answer' && result.answer).toBe(q.answer);
    }
  });

  it('writes one 256x256 PNG per scene', async () => {
    const graphs = GqaSceneGraphsFileSchema.parse(await readJson(join(first, 'sceneGraphs.json')));
    for (const imageId of Object.keys(graphs)) {
      const meta = await sharp(join(first, 'images', `${imageId}.png`)).metadata();
      expect([meta.width, meta.height, meta.channels]).toEqual([256, 256, 3]);
    }
  });

  it('rejects a bad split name with a WorldError', async () => {
    await expect(generateWorldDataset({ ...options, out: join(root, 'c'), split: '../x' })).rejects.toMatchObject({ name: 'WorldError' });
  });
});
