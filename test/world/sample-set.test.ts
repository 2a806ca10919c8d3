import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sceneGraphFromGqa } from '../../graph/formats/gqa.ts';
import { GqaChoicesFileSchema, GqaQuestionsFileSchema, GqaSceneGraphsFileSchema } from '../../graph/formats/gqa-schema.ts';
import { executeProgram, parseSemantic } from '../../graph/program/index.ts';
import { generateWorldDataset, WORLD_EXECUTE_OPTIONS } from '../../graph/world/index.ts';
import { repoRoot } from '../helpers/shared-data.ts';

const sample = join(repoRoot, 'samples/world');
const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(join(sample, file), 'utf8'));

describe('committed shapes-world sample set', () => {
  it('is complete, small, and valid GQA', async () => {
    const graphs = GqaSceneGraphsFileSchema.parse(await readJson('sceneGraphs.json'));
    const questions = GqaQuestionsFileSchema.parse(await readJson('questions.json'));
    const choices = GqaChoicesFileSchema.parse(await readJson('choices.json'));
    expect(Object.keys(graphs)).toHaveLength(32);
    expect(Object.keys(questions)).toHaveLength(320);
    expect(Object.keys(choices)).toHaveLength(320);
    let bytes = 0;
    for (const file of ['sceneGraphs.json', 'questions.json', 'choices.json', 'manifest.json']) bytes += (await readFile(join(sample, file))).length;
    for (const imageId of Object.keys(graphs)) {
      expect(existsSync(join(sample, 'images', `${imageId}.png`))).toBe(true);
      bytes += (await readFile(join(sample, 'images', `${imageId}.png`))).length;
    }
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    for (const q of Object.values(questions)) {
      const result = executeProgram(sceneGraphFromGqa(q.imageId, graphs[q.imageId]), parseSemantic(q.semantic!, { strict: true }), WORLD_EXECUTE_OPTIONS);
      expect(result.kind === 'answer' && result.answer).toBe(q.answer);
    }
  });

  it('is reproduced byte for byte by the command in samples/world/README.md', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sgvqa-sample-'));
    try {
      await generateWorldDataset({ out, scenes: 32, questionsPerScene: 10, seed: 2024, split: 'sample', compressionLevel: 9 });
      const images = (await readdir(join(out, 'images'))).map((i) => join('images', i));
      for (const file of ['sceneGraphs.json', 'questions.json', 'choices.json', 'manifest.json', ...images]) {
        const same = Buffer.compare(await readFile(join(out, file)), await readFile(join(sample, file))) === 0;
        expect(same, `${file} differs: the generator changed; regenerate samples/world (see its README)`).toBe(true);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
