/** `sgvqa score` end to end, in a child process, on the parity fixture written to files. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GqaMetrics } from '../../server/batch/index.ts';
import { repoRoot } from '../helpers/shared-data.ts';
import {
  parityAttentions,
  parityChoices,
  parityPredictionsComplete,
  parityPredictionsWithGaps,
  parityQuestions,
  parityScenes,
} from './fixtures/gqa-parity-fixture.ts';

function sgvqa(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SGVQA_PROGRESS: '0', SGVQA_DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-score-cli-'));
const file = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

let files: Record<'questions' | 'complete' | 'gaps' | 'choices' | 'scenes' | 'attentions', string>;
beforeAll(() => {
  files = {
    questions: file('questions.json', Object.fromEntries(parityQuestions)),
    complete: file('predictions.json', parityPredictionsComplete),
    gaps: file('predictions-gaps.json', parityPredictionsWithGaps),
    choices: file('choices.json', Object.fromEntries(parityChoices)),
    scenes: file('scenes.json', Object.fromEntries(parityScenes)),
    attentions: file('attentions.json', parityAttentions),
  };
});

describe('sgvqa score', () => {
  it('writes metrics.json atomically and prints a readable table', () => {
    const out = join(dir, 'run-table');
    const { status, stdout, stderr } = sgvqa('score', '--questions', files.questions, '--predictions', files.complete,
      '--choices', files.choices, '--scene-graphs', files.scenes, '--attentions', files.attentions, '--out', out);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // values as derived in parity.test.ts (strict case)
    expect(stdout).toMatch(/Accuracy\s+45\.45%\s+11 questions/);
    expect(stdout).toMatch(/Consistency\s+55\.56%\s+3 correct questions/);
    expect(stdout).toMatch(/Validity\s+81\.82%/);
    expect(stdout).toMatch(/Plausibility\s+63\.64%/);
    expect(stdout).toMatch(/Grounding\s+19\.32%/);
    expect(stdout).toMatch(/Distribution\s+0\.01\s+lower is better/);
    expect(stdout).toMatch(/Accuracy \/ semantic type:\n\s+attr \(attribute\)/);
    expect(stdout).toMatch(/1 predictions match no question/);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as GqaMetrics;
    expect(metrics.accuracy).toBeCloseTo(45.45, 2);
    expect(metrics.distribution).toBeCloseTo(0.007, 10);
    expect(readdirSync(out)).toEqual(['metrics.json']); // no temporary file left behind
  });

  it('prints JSON with --json', () => {
    const out = join(dir, 'run-json');
    const { status, stdout } = sgvqa('score', '--questions', files.questions, '--predictions', files.complete, '--out', out, '--json');
    expect(status).toBe(0);
    const printed = JSON.parse(stdout) as GqaMetrics;
    expect(printed).toEqual(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')));
    expect(printed.validity).toBeNull();
    expect(printed.counts.balanced).toBe(11);
  });

  it('fails on missing predictions with one line naming them, unless --allow-missing', () => {
    const out = join(dir, 'run-missing');
    const strict = sgvqa('score', '--questions', files.questions, '--predictions', files.gaps, '--out', out);
    expect(strict.status).toBe(1);
    expect(strict.stderr.trim().split('\n')).toHaveLength(1);
    expect(strict.stderr).toMatch(/2 of 14 questions have no prediction \(first: "qK", "qM"\).*--allow-missing/);
    expect(existsSync(join(out, 'metrics.json'))).toBe(false);

    const lenient = sgvqa('score', '--questions', files.questions, '--predictions', files.gaps, '--out', out, '--allow-missing', '--json');
    expect(lenient.status).toBe(0);
    const metrics = JSON.parse(lenient.stdout) as GqaMetrics;
    expect(metrics.accuracy).toBe(50);
    expect(metrics.counts.missingPredictions).toBe(2);
  });

  it('rejects usage errors with exit code 2', () => {
    const lone = sgvqa('score', '--questions', files.questions, '--predictions', files.complete, '--attentions', files.attentions, '--out', dir);
    expect(lone.status).toBe(2);
    expect(lone.stderr).toMatch(/--scene-graphs and --attentions go together/);
    const missing = sgvqa('score', '--questions', '/nonexistent/q.json', '--predictions', files.complete, '--out', dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/questions file not found: \/nonexistent\/q.json/);
  });

  it('reports a malformed predictions file with its JSON path', () => {
    const bad = file('bad-predictions.json', [{ questionId: 'qA', prediction: 3 }]);
    const { status, stderr } = sgvqa('score', '--questions', files.questions, '--predictions', bad, '--out', dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/bad-predictions\.json: \$\[0\]\.prediction: /);
  });
});
