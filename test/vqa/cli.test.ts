/**
 * `sgvqa train`, `sgvqa ask` and `sgvqa experiment` from the command line: a tiny training run on the
 * committed world sample (linked as train / val / test), then questions to the model it wrote; usage
 * errors exit 2 with one line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared-data.ts';
import { linkSampleSplits } from '../helpers/sample-splits.ts';

function sgvqa(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SGVQA_PROGRESS: '0', SGVQA_DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sample = join(repoRoot, 'samples/world');
const root = mkdtempSync(join(tmpdir(), 'vqa-cli-'));
const data = join(root, 'data');
mkdirSync(data);
linkSampleSplits(data);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sgvqa train / ask', () => {
  it('refuses bad usage with exit code 2 and one line', () => {
    for (const [args, message] of [
      [['train', '--data', data, '--out', join(root, 'x'), '--graphs', 'drawn'], /--graphs must be annotated or predicted/],
      [['ask', 'Is there a circle?'], /exactly one of --image FILE and --scene-graph FILE/],
      [['experiment', 'ablation', '--graphs', 'painted'], /--graphs takes annotated and\/or predicted/],
    ] as const) {
      const r = sgvqa(...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('trains a tiny model and answers questions about a scene graph with it', () => {
    const out = join(root, 'run');
    const train = sgvqa('train', '--data', data, '--out', out, '--epochs', '1', '--hidden', '8', '--rounds', '1', '--batch-size', '16',
      '--max-train-questions', '64', '--max-eval-questions', '32', '--json');
    expect(train.status, train.stderr).toBe(0);
    const summary = JSON.parse(train.stdout) as { test: Record<string, { accuracy: number }> };
    expect(summary.test['test/annotated']!.accuracy).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(out, 'vqa.onnx'))).toBe(true);

    const ask = (...args: string[]) => sgvqa('ask', '--scene-graph', join(sample, 'sceneGraphs.json'), '--image-id', 'sample-000003', '--model', join(out, 'vqa.onnx'), ...args);
    const json = ask('Is there a red circle?', '--json');
    expect(json.status, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { answer: string; topK: unknown[]; grounding: { objects: unknown[] }[]; sceneGraph: Record<string, unknown> };
    expect(typeof result.answer).toBe('string');
    expect(result.topK).toHaveLength(5);
    expect(result.grounding).toHaveLength(2);
    expect(Object.keys(result.sceneGraph)).toEqual(['sample-000003']);

    const text = ask('Is there a purple zeppelin?');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/warning: unknown words \(read as <unk>\): zeppelin/);

    const empty = ask('???');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/vqa\/question: the question is empty/);
    const manifest = JSON.parse(readFileSync(join(out, 'vqa.json'), 'utf8')) as { extra: { kind: string } };
    expect(manifest.extra.kind).toBe('sgvqa-vqa');
  });
});
