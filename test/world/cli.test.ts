import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared-data.ts';

function sgvqa(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SGVQA_PROGRESS: '0', SGVQA_DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const root = mkdtempSync(join(tmpdir(), 'sgvqa-world-cli-'));
const out = join(root, 'train');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sgvqa world', () => {
  it('generates a folder with images, GQA files and a manifest', () => {
    const { status, stdout, stderr } = sgvqa('world', 'generate', '--out', out, '--scenes', '6', '--questions-per-scene', '5', '--seed', '9', '--split', 'train');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/wrote 6 scenes, \d+ objects, 30 questions/);
    for (const file of ['sceneGraphs.json', 'questions.json', 'choices.json', 'manifest.json', 'images/train-000005.png']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.config.scenes).toBe(6);
    expect(manifest.vocabulary.names).toEqual(['circle', 'square', 'triangle', 'star', 'hexagon', 'diamond']);
    expect(manifest.seed).toBe(9);
  });

  it('draws a contact sheet', async () => {
    const sheet = join(root, 'sheet.png');
    const { status } = sgvqa('world', 'sheet', out, '--out', sheet, '--count', '4', '--columns', '4');
    expect(status).toBe(0);
    const meta = await sharp(sheet).metadata();
    // 4 legend cells + 4 scenes in rows of 4.
    expect(meta.width).toBe(8 + 4 * 264);
    expect(meta.height).toBe(8 + 2 * (264 + 18));
  });

  it('prints type distributions, answers and the blind baseline', () => {
    const { status, stdout } = sgvqa('world', 'stats', out, '--train', out, '--json');
    expect(status).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats.distribution.questions).toBe(30);
    expect(stats.baseline.testQuestions).toBe(30);
    expect(sgvqa('world', 'stats', out).stdout).toMatch(/blind baseline/);
  });

  it('reports bad options and folders in one line with exit code 2', () => {
    const bad = sgvqa('world', 'generate', '--out', join(root, 'x'), '--scenes', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^sgvqa: --scenes must be a positive integer/);
    const missing = sgvqa('world', 'stats', join(root, 'nowhere'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/not a world folder/);
  });
});
