import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../helpers/shared-data.ts';

function sgvqa(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SGVQA_PROGRESS: '0', SGVQA_DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempJson(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sgvqa-cli-')), name);
  writeFileSync(path, text);
  return path;
}

const scene = { width: 100, height: 80, objects: { '1': { name: 'cup', x: 1, y: 2, w: 3, h: 4, attributes: ['red'], relations: [] } } };
const debugGraphs = sharedData('gqa-graphvqa-debug', 'debug_sceneGraphs.json');

describe('sgvqa CLI', () => {
  it('answers --help with every command group', () => {
    const { status, stdout } = sgvqa('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/graph/);
    expect(stdout).toMatch(/program/);
    expect(sgvqa('graph', 'stats', '--help').stdout).toMatch(/--top/);
  });

  it('validates a good file and exits 0', () => {
    const { status, stdout } = sgvqa('graph', 'validate', tempJson('s.json', JSON.stringify({ a: scene })));
    expect(status).toBe(0);
    expect(stdout).toMatch(/ok: 1 scene graphs, 1 objects, 0 relations/);
  });

  it.each([
    ['malformed JSON', '{"a": {"width": 10,, }}', /malformed JSON/],
    ['a wrong type', JSON.stringify({ a: { ...scene, width: 'wide' } }), /\$\.a\.width: .*number/],
    ['a relation to a missing object', JSON.stringify({ a: { ...scene, objects: { '1': { ...scene.objects['1'], relations: [{ name: 'on', object: '7' }] } } } }),
      /\$\.a\.objects\["1"\]\.relations\[0\]\.object: relation "on" points to missing object "7"/],
    ['a duplicate id', `{"a": ${JSON.stringify(scene)}, "a": ${JSON.stringify(scene)}}`, /\$\.a: duplicate id/],
  ])('rejects %s with one line naming the place and no stack', (_label, text, pattern) => {
    const { status, stderr } = sgvqa('graph', 'validate', tempJson('bad.json', text));
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unknown program operation with its path', () => {
    const questions = { q1: { imageId: 'a', question: 'Is it?', semantic: [
      { operation: 'select', argument: 'cup (1)', dependencies: [] },
      { operation: 'teleport', argument: 'x', dependencies: [0] },
    ] } };
    const { status, stderr } = sgvqa('graph', 'validate', tempJson('q.json', JSON.stringify(questions)));
    expect(status).toBe(1);
    expect(stderr).toMatch(/\$\.q1\.semantic\[1\]\.operation.*teleport/);
  });

  it('fails with usage errors for a missing file and a bad option', () => {
    const missing = sgvqa('graph', 'stats', '/nonexistent/file.json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/file not found: \/nonexistent\/file.json/);
    expect(sgvqa('graph', 'validate', tempJson('s.json', '{}'), '--kind', 'nonsense').status).toBe(2);
  });

  it.skipIf(!debugGraphs.present)('prints stats of the real GQA graphs', () => {
    const { status, stdout } = sgvqa('graph', 'stats', debugGraphs.path, '--json');
    expect(status).toBe(0);
    const stats = JSON.parse(stdout) as { images: number; objects: number; relations: number; vocabulary: { locations: number } };
    expect(stats).toMatchObject({ images: 4, objects: 59, relations: 178 });
    expect(stats.vocabulary.locations).toBe(2);
  });
});

const debugQuestions = sharedData('gqa-graphvqa-debug', 'debug_questions_official.json');

describe('sgvqa program run', () => {
  it.skipIf(!debugGraphs.present || !debugQuestions.present)('answers the real GQA questions from their graphs', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sgvqa-cli-')), 'predictions.json');
    const { status, stdout } = sgvqa('program', 'run', '--questions', debugQuestions.path, '--scene-graphs', debugGraphs.path, '--out', out, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ questions: 2, correct: 2, accuracy: 1, unsupported: 0 });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([
      { questionId: '02930152', prediction: 'yes' },
      { questionId: '07333408', prediction: 'pipe' },
    ]);
  });

  it('counts unsupported operations and gives them an empty prediction', () => {
    const graphs = tempJson('g.json', JSON.stringify({ a: scene }));
    const questions = tempJson('q.json', JSON.stringify({
      q1: { imageId: 'a', question: 'Is there a cup?', answer: 'yes', semantic: [
        { operation: 'select', argument: 'cup (1)', dependencies: [] }, { operation: 'exist', argument: '?', dependencies: [0] }] },
      q2: { imageId: 'a', question: '?', answer: 'red', semantic: [
        { operation: 'select', argument: 'cup (1)', dependencies: [] }, { operation: 'teleport', argument: 'x', dependencies: [0] }] },
    }));
    const out = join(mkdtempSync(join(tmpdir(), 'sgvqa-cli-')), 'p.json');
    const { status, stdout } = sgvqa('program', 'run', '--questions', questions, '--scene-graphs', graphs, '--out', out, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ questions: 2, correct: 1, unsupported: 1, unsupportedShare: 0.5, unsupportedOperations: [['teleport', 1]] });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([{ questionId: 'q1', prediction: 'yes' }, { questionId: 'q2', prediction: '' }]);
  });

  it('names a question whose image has no scene graph', () => {
    const graphs = tempJson('g.json', JSON.stringify({ a: scene }));
    const questions = tempJson('q.json', JSON.stringify({ q9: { imageId: 'zzz', question: '?', semantic: [
      { operation: 'select', argument: 'cup', dependencies: [] }, { operation: 'exist', argument: '?', dependencies: [0] }] } }));
    const { status, stderr } = sgvqa('program', 'run', '--questions', questions, '--scene-graphs', graphs);
    expect(status).toBe(1);
    expect(stderr).toMatch(/question q9 asks about image zzz/);
  });
});

const clevrScenes = sharedData('clevr-nsvqa-pr18', 'val-scenes.json');
const vgObjects = sharedData('vg-hf-datasets-dummy', 'objects.json');

describe('sgvqa graph import', () => {
  it.skipIf(!clevrScenes.present)('turns real CLEVR scenes into a valid GQA file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sgvqa-cli-')), 'clevr.json');
    const imported = sgvqa('graph', 'import', 'clevr', clevrScenes.path, '--out', out);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/wrote 11 scene graphs/);
    const scenes = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { objects: Record<string, { name: string; attributes: string[] }> }>;
    const first = Object.values(scenes)[0]!;
    expect(['cube', 'sphere', 'cylinder']).toContain(Object.values(first.objects)[0]!.name);
    expect(sgvqa('graph', 'validate', out).status).toBe(0);
  });

  it.skipIf(!vgObjects.present)('turns Visual Genome annotations into a valid GQA file', () => {
    const dir = join(vgObjects.path, '..');
    const out = join(mkdtempSync(join(tmpdir(), 'sgvqa-cli-')), 'vg.json');
    const imported = sgvqa('graph', 'import', 'vg', '--objects', join(dir, 'objects.json'), '--relationships', join(dir, 'relationships.json'),
      '--attributes', join(dir, 'attributes.json'), '--image-data', join(dir, 'image_data.json'), '--out', out);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/wrote 5 scene graphs/);
    expect(sgvqa('graph', 'validate', out).stdout).toMatch(/ok: 5 scene graphs/);
  });

  it('refuses a VG import without annotation files', () => {
    const { status, stderr } = sgvqa('graph', 'import', 'vg', '--out', '/tmp/never.json');
    expect(status).toBe(2);
    expect(stderr).toMatch(/at least one of --objects/);
  });
});
