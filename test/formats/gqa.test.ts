import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphFormatError } from '../../graph/errors/graph-format-error.ts';
import { sceneGraphFromGqa, sceneGraphToGqa } from '../../graph/formats/gqa.ts';
import {
  collect,
  readGqaPredictions,
  readGqaQuestions,
  readGqaScenes,
  readSceneGraphs,
} from '../../graph/formats/gqa-files.ts';
import { writeJsonObjectAtomic } from '../../graph/io/atomic-write.ts';
import { relationsOf } from '../../graph/scene-graph.ts';
import { sharedData } from '../helpers/shared-data.ts';

const debugGraphs = sharedData('gqa-graphvqa-debug', 'debug_sceneGraphs.json');
const oodQuestions = sharedData('gqa-ood-val-questions', 'val_bal_tail_-0.7.json');

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sgvqa-gqa-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function formatErrorOf(promise: Promise<unknown>): Promise<GraphFormatError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('GraphFormatError');
  return error as GraphFormatError;
}

const tinyScene = {
  width: 640,
  height: 480,
  location: 'kitchen',
  objects: {
    '1': { name: 'cup', x: 10, y: 20, w: 30, h: 40, attributes: ['white'], relations: [
      { name: 'on', object: '2' }, { name: 'to the left of', object: '3' }, { name: 'near', object: '2' },
    ] },
    '2': { name: 'table', x: 0, y: 50, w: 600, h: 200, attributes: [], relations: [] },
    '3': { name: 'plate', x: 100, y: 20, w: 50, h: 20, attributes: ['round', 'white'], relations: [
      { name: 'to the right of', object: '1' },
    ] },
  },
};

describe('GQA scene graphs', () => {
  it('keeps objects, attributes, multi-relations and their order through a round trip', () => {
    const graph = sceneGraphFromGqa('img1', tinyScene);
    expect(graph.order).toBe(3);
    expect(graph.size).toBe(4);
    expect(graph.getNodeAttributes('1').box).toEqual({ x: 10, y: 20, w: 30, h: 40 });
    expect(relationsOf(graph).filter((r) => r.subject === '1' && r.object === '2').map((r) => r.predicate))
      .toEqual(['on', 'near']);
    expect(sceneGraphToGqa(graph)).toStrictEqual(tinyScene);
  });

  it('keeps predicted scores and unknown fields', () => {
    const predicted = structuredClone(tinyScene) as Record<string, unknown> & typeof tinyScene;
    Object.assign(predicted, { source: 'sgg-v1' });
    Object.assign(predicted.objects['1'], {
      score: 0.9,
      scores: { name: [{ label: 'cup', p: 0.9 }, { label: 'mug', p: 0.1 }] },
      note: 'kept',
    });
    Object.assign(predicted.objects['1'].relations[0]!, { score: 0.75 });
    const back = sceneGraphToGqa(sceneGraphFromGqa('img1', predicted));
    expect(back).toStrictEqual(predicted);
  });

  it.skipIf(!debugGraphs.present)('loads the real GQA debug graphs and converts them back deep-equal', async () => {
    const original = JSON.parse(await readFile(debugGraphs.path, 'utf8')) as Record<string, unknown>;
    const graphs = await collect(readSceneGraphs(debugGraphs.path));
    // File order (JSON.parse would reorder these integer-like keys; the stream keeps the file's order).
    expect(graphs.map((g) => g.getAttribute('imageId'))).toEqual(['2375429', '2354786', '2336498', '2315892']);
    expect(graphs.map((g) => [g.order, g.size])).toEqual([[21, 61], [12, 26], [20, 76], [6, 15]]);
    for (const graph of graphs) {
      expect(sceneGraphToGqa(graph)).toStrictEqual(original[graph.getAttribute('imageId')]);
    }
  });

  it('names the path of a relation to a missing object', () => {
    const bad = structuredClone(tinyScene);
    bad.objects['3'].relations[0]!.object = '99';
    expect(() => sceneGraphFromGqa('img1', bad)).toThrowError(
      /\$\.img1\.objects\["3"\]\.relations\[0\]\.object: relation "to the right of" points to missing object "99"/,
    );
  });

  it('names the path of a field of the wrong type', () => {
    const bad = structuredClone(tinyScene) as unknown as { objects: Record<string, { x: unknown }> };
    bad.objects['2']!.x = 'left';
    try {
      sceneGraphFromGqa('img1', bad);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('GraphFormatError');
      expect((error as GraphFormatError).path).toEqual(['img1', 'objects', '2', 'x']);
    }
  });
});

describe('streaming readers', () => {
  it('reports malformed JSON with the file and the place', async () => {
    const path = await tempFile('broken.json', '{"a": {"width": 10, "height": 10, "objects": {"1": {"name": "x", "x": }}}}');
    const error = await formatErrorOf(collect(readGqaScenes(path)));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/malformed JSON/);
    expect(error.path.slice(0, 3)).toEqual(['a', 'objects', '1']);
  });

  it('reports a truncated file', async () => {
    const path = await tempFile('cut.json', JSON.stringify({ a: tinyScene, b: tinyScene }).slice(0, 300));
    const error = await formatErrorOf(collect(readGqaScenes(path)));
    expect(error.message).toMatch(/malformed JSON|unexpected end/);
  });

  it('reports duplicate image ids and duplicate object ids, which JSON.parse would hide', async () => {
    const scene = JSON.stringify(tinyScene);
    const dupImages = await tempFile('dup.json', `{"a": ${scene}, "b": ${scene}, "a": ${scene}}`);
    expect((await formatErrorOf(collect(readGqaScenes(dupImages)))).path).toEqual(['a']);
    const dupObjects = await tempFile('dupobj.json',
      `{"a": {"width": 5, "height": 5, "objects": {"1": ${JSON.stringify(tinyScene.objects['2'])}, "1": ${JSON.stringify(tinyScene.objects['2'])}}}}`);
    const error = await formatErrorOf(collect(readGqaScenes(dupObjects)));
    expect(error.path).toEqual(['a', 'objects', '1']);
    expect(error.message).toMatch(/duplicate/);
  });

  it('rejects a top-level array where an object is expected', async () => {
    const path = await tempFile('arr.json', '[1, 2]');
    expect((await formatErrorOf(collect(readGqaScenes(path)))).message).toMatch(/top-level JSON object/);
  });

  it('reads predictions and rejects repeated question ids with their index', async () => {
    const path = await tempFile('p.json', JSON.stringify([
      { questionId: 'q1', prediction: 'yes' }, { questionId: 'q2', prediction: 'no' }, { questionId: 'q1', prediction: 'no' },
    ]));
    const error = await formatErrorOf(collect(readGqaPredictions(path)));
    expect(error.path).toEqual([2, 'questionId']);
  });

  it('writes and streams back a large object file entry by entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sgvqa-gqa-'));
    const path = join(dir, 'many.json');
    const n = 2000;
    await writeJsonObjectAtomic(path, (function* () {
      for (let i = 0; i < n; i++) yield [`img${i}`, { ...tinyScene, width: 100 + i }] as [string, unknown];
    })());
    const scenes = await collect(readGqaScenes(path));
    expect(scenes).toHaveLength(n);
    expect(scenes[1234]).toEqual([`img1234`, { ...tinyScene, width: 1334 }]);
  });

  it.skipIf(!oodQuestions.present)('validates the 1358 real GQA val questions', async () => {
    const questions = await collect(readGqaQuestions(oodQuestions.path));
    expect(questions).toHaveLength(1358);
    const [qid, first] = questions[0]!;
    expect(qid).toBe('00101448');
    expect(first.semantic?.[1]?.argument).toBe('person,in,s (823320)');
  });
});
