/**
 * The inspection page's logic, run in Node on the committed world samples: predicted-vs-annotated
 * differences, counterfactual edits, node layout, object naming, evaluation files and scoring. The
 * "predicted" graphs here are annotated graphs changed in known ways, so every expected difference
 * follows from the change made in the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Prediction, SampleQuestion, Scene } from '../../client/src/api/index.ts';
import { attentionFoci } from '../../client/src/app/attention.ts';
import { classifyEvaluationFile, comparePredictions } from '../../client/src/evaluation/index.ts';
import {
  applyEdit,
  applyEdits,
  describeObject,
  diffScenes,
  displayDiff,
  displayGraph,
  displayScene,
  displayShortId,
  graphFrame,
  iou,
  labelSides,
  layoutFromBoxes,
  matchObjects,
  orderAttributes,
  sharedIdStem,
  shortId,
  type SceneEdit,
} from '../../client/src/scene/index.ts';
import { repoRoot } from './browser-harness.ts';

const samples = join(repoRoot, 'samples/world');
const scenes = JSON.parse(readFileSync(join(samples, 'sceneGraphs.json'), 'utf8')) as Record<string, Scene>;
const questions = JSON.parse(readFileSync(join(samples, 'questions.json'), 'utf8')) as Record<string, SampleQuestion>;
const groups = (JSON.parse(readFileSync(join(samples, 'manifest.json'), 'utf8')) as { vocabulary: { attributes: Record<string, string[]> } }).vocabulary.attributes;

const clone = (scene: Scene): Scene => structuredClone(scene);
const scene0 = scenes['sample-000000']!;
const ids0 = Object.keys(scene0.objects);

describe('matching and differences', () => {
  it('computes IoU from boxes', () => {
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 0, w: 10, h: 10 })).toBe(1);
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(50 / 150);
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 20, w: 5, h: 5 })).toBe(0);
    expect(iou({ x: 0, y: 0, w: 0, h: 0 }, { x: 0, y: 0, w: 0, h: 0 })).toBe(0);
  });

  it('finds nothing to report between a graph and itself, for every sample', () => {
    for (const scene of Object.values(scenes)) {
      const diff = diffScenes(scene, clone(scene));
      const objects = Object.keys(scene.objects).length;
      const relations = Object.values(scene.objects).reduce((n, o) => n + o.relations.length, 0);
      expect(diff.objectCounts).toEqual({ correct: objects, 'wrong-label': 0, 'wrong-attributes': 0, missed: 0, spurious: 0 });
      expect(diff.relationCounts).toEqual({ correct: relations, missed: 0, spurious: 0, wrong: 0 });
    }
  });

  it('matches renamed, shifted objects one to one by overlap', () => {
    const predicted: Scene = { ...scene0, objects: {} };
    ids0.forEach((id, i) => {
      const o = scene0.objects[id]!;
      predicted.objects[`p${i}`] = { ...o, x: o.x + 2, y: o.y - 1, relations: o.relations.map((r) => ({ ...r, object: `p${ids0.indexOf(r.object)}` })) };
    });
    const matches = matchObjects(scene0, predicted);
    expect(matches).toHaveLength(ids0.length);
    for (const m of matches) expect(m.predictedId).toBe(`p${ids0.indexOf(m.annotatedId)}`);
    expect(diffScenes(scene0, predicted).relationCounts.correct).toBe(Object.values(scene0.objects).reduce((n, o) => n + o.relations.length, 0));
  });

  it('marks missed, spurious, wrong label, wrong attributes and wrong relations', () => {
    const [dropped, renamed, recoloured, source] = ids0 as [string, string, string, string];
    // A deep copy: edits share untouched objects with the original, and this test then mutates one.
    const predicted = clone(applyEdits(scene0, [
      { kind: 'delete-object', id: dropped },
      { kind: 'rename-object', id: renamed, name: scene0.objects[renamed]!.name === 'star' ? 'square' : 'star' },
      { kind: 'replace-attribute', id: recoloured, from: scene0.objects[recoloured]!.attributes[0]!, to: 'purple' },
    ]));
    // A relation with its predicate swapped, and an object far from every annotated box.
    const swapped = predicted.objects[source]!.relations.findIndex((r) => r.object !== dropped);
    const original = predicted.objects[source]!.relations[swapped]!;
    predicted.objects[source]!.relations[swapped] = { ...original, name: original.name === 'inside' ? 'behind' : 'inside' };
    predicted.objects.extra = { name: 'circle', x: 300, y: 300, w: 10, h: 10, attributes: ['red'], relations: [{ name: 'above', object: source }] };
    predicted.width = 400;

    const diff = diffScenes(scene0, predicted);
    const status = (key: string) => diff.objects.find((o) => o.key === key)?.status;
    expect(status(`a:${dropped}`)).toBe('missed');
    expect(status(`a:${renamed}`)).toBe('wrong-label');
    expect(diff.objects.find((o) => o.key === `a:${renamed}`)?.expectedName).toBe(scene0.objects[renamed]!.name);
    expect(status(`a:${recoloured}`)).toBe('wrong-attributes');
    expect(diff.objects.find((o) => o.key === `a:${recoloured}`)).toMatchObject({ missingAttributes: [scene0.objects[recoloured]!.attributes[0]], extraAttributes: ['purple'] });
    expect(status('p:extra')).toBe('spurious');
    expect(diff.objectCounts).toEqual({ correct: ids0.length - 3, 'wrong-label': 1, 'wrong-attributes': 1, missed: 1, spurious: 1 });

    const wrong = diff.relations.filter((r) => r.status === 'wrong');
    expect(wrong).toEqual([expect.objectContaining({ sourceKey: `a:${source}`, targetKey: `a:${original.object}`, predicate: original.name === 'inside' ? 'behind' : 'inside', expected: original.name })]);
    // Every relation touching the dropped object is missed; the extra object's relation is spurious.
    const touching = Object.entries(scene0.objects).reduce((n, [id, o]) => n + o.relations.filter((r) => r.object === dropped || id === dropped).length, 0);
    expect(diff.relationCounts.missed).toBe(touching);
    expect(diff.relations.filter((r) => r.status === 'spurious')).toEqual([expect.objectContaining({ sourceKey: 'p:extra', targetKey: `a:${source}`, predicate: 'above' })]);
  });

  it('draws the differences with both boxes of a found object and one of a missed one', () => {
    const predicted = applyEdit(scene0, { kind: 'delete-object', id: ids0[0]! });
    const display = displayDiff(scene0, predicted, diffScenes(scene0, predicted), groups);
    const missed = display.objects.find((o) => o.key === `a:${ids0[0]}`)!;
    expect(missed.boxes.map((b) => b.source)).toEqual(['annotated']);
    expect(missed.note).toBe('missed');
    expect(display.objects.find((o) => o.key === `a:${ids0[1]}`)!.boxes.map((b) => b.source)).toEqual(['annotated', 'predicted']);
    expect(displayShortId(missed, 'sample-000000')).toBe('#0');
    const graph = displayGraph(display);
    expect(graph.order).toBe(ids0.length);
    expect(graph.size).toBe(display.relations.length);
  });
});

describe('edits', () => {
  const [a, b] = ids0 as [string, string];

  it('deletes an object with every relation that points at it, leaving the original untouched', () => {
    const before = JSON.stringify(scene0);
    const edited = applyEdit(scene0, { kind: 'delete-object', id: a });
    expect(edited.objects[a]).toBeUndefined();
    for (const object of Object.values(edited.objects)) expect(object.relations.some((r) => r.object === a)).toBe(false);
    expect(JSON.stringify(scene0)).toBe(before);
  });

  it('relabels, replaces, adds and removes attributes', () => {
    const color = scene0.objects[a]!.attributes[0]!;
    let edited = applyEdit(scene0, { kind: 'rename-object', id: a, name: 'hexagon' });
    expect(edited.objects[a]!.name).toBe('hexagon');
    edited = applyEdit(edited, { kind: 'replace-attribute', id: a, from: color, to: 'yellow' });
    expect(edited.objects[a]!.attributes[0]).toBe('yellow');
    edited = applyEdit(edited, { kind: 'replace-attribute', id: a, from: 'yellow', to: null });
    expect(edited.objects[a]!.attributes).not.toContain('yellow');
    edited = applyEdit(edited, { kind: 'replace-attribute', id: a, from: null, to: 'shiny' });
    expect(edited.objects[a]!.attributes.at(-1)).toBe('shiny');
  });

  it('adds and removes relations, refusing duplicates and missing objects with SceneEditError', () => {
    const added = applyEdit(scene0, { kind: 'add-relation', source: a, predicate: 'inside', target: b });
    expect(added.objects[a]!.relations.at(-1)).toEqual({ name: 'inside', object: b });
    const removed = applyEdit(added, { kind: 'remove-relation', source: a, predicate: 'inside', target: b });
    expect(removed.objects[a]!.relations).toEqual(scene0.objects[a]!.relations);
    const bad: SceneEdit[] = [
      { kind: 'add-relation', source: a, predicate: 'inside', target: 'nope' },
      { kind: 'remove-relation', source: a, predicate: 'inside', target: b },
      { kind: 'rename-object', id: 'nope', name: 'x' },
      { kind: 'replace-attribute', id: a, from: 'not-there', to: null },
    ];
    for (const edit of bad) {
      let error: unknown;
      try {
        applyEdit(scene0, edit);
      } catch (e) {
        error = e;
      }
      expect((error as Error | undefined)?.name).toBe('SceneEditError');
      expect((error as Error).message).toMatch(/^scene\/edit: /);
    }
    expect(() => applyEdit(added, { kind: 'add-relation', source: a, predicate: 'inside', target: b })).toThrow(/already/);
  });
});

describe('layout and naming', () => {
  it('puts nodes at box centres (y up) and pushes overlapping ones apart', () => {
    const boxes = [
      { x: 0, y: 0, w: 20, h: 20 },
      { x: 200, y: 100, w: 20, h: 20 },
      { x: 1, y: 1, w: 20, h: 20 },
      { x: 1, y: 1, w: 20, h: 20 },
    ];
    const points = layoutFromBoxes(boxes, { width: 256, height: 256 }, { minGap: 0.1 });
    expect(points[1]).toEqual({ x: 210, y: -110 });
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(25.5);
    }
    expect(layoutFromBoxes(boxes, { width: 256, height: 256 }, { minGap: 0.1 })).toEqual(points);
  });

  it('frames the nodes with room for labels, never smaller than a share of the image', () => {
    const size = { width: 256, height: 256 };
    const frame = graphFrame([{ x: 100, y: -100 }, { x: 200, y: -220 }], size);
    // Nodes bunched in one part of the image: the frame hugs them (pad 0.12 × 256 on each side).
    expect(frame.minX).toBeCloseTo(100 - 30.72);
    expect(frame.maxX).toBeCloseTo(200 + 30.72);
    expect(frame.maxY).toBeCloseTo(-100 + 30.72);
    expect(frame.minY).toBeCloseTo(-220 - 30.72);
    // One node: the smallest extent, centred on it.
    const single = graphFrame([{ x: 50, y: -50 }], size);
    expect(single.maxX - single.minX).toBeCloseTo(0.6 * 256);
    expect((single.maxX + single.minX) / 2).toBeCloseTo(50);
    expect(graphFrame([], size)).toEqual({ minX: 0, maxX: 256, minY: -256, maxY: 0 });
  });

  it('puts each label on the side free of other nodes and labels, below when all sides are free', () => {
    const radius = 10;
    const at = (x: number, y: number) => ({ point: { x, y }, width: 60 });
    expect(labelSides([at(0, 0)], { radius })).toEqual(['below']);
    // Stacked: the upper label would cover the lower node, so it goes above.
    expect(labelSides([at(0, 0), at(0, -30)], { radius })).toEqual(['above', 'below']);
    // A row: the middle label would cover both neighbours' labels below, so it goes above.
    expect(labelSides([at(0, 0), at(30, 0), at(60, 0)], { radius })).toEqual(['below', 'above', 'below']);
    // The placement order decides who keeps the preferred side.
    expect(labelSides([at(0, 0), at(30, 0), at(60, 0)], { radius, order: [1, 0, 2] })).toEqual(['above', 'below', 'above']);
    // At the bottom edge of the drawing there is no room below.
    expect(labelSides([at(100, -250)], { radius, bounds: { minX: -20, maxX: 276, minY: -260, maxY: 20 } })).toEqual(['above']);
  });

  it('places the labels of marked differences first in a drawn graph', () => {
    // Two objects side by side with long labels: whichever is placed first keeps "below", the other moves above.
    const object = (key: string, x: number, status: 'correct' | 'missed') => ({
      key,
      ids: {},
      name: 'circle',
      attributes: [],
      label: 'circle',
      color: 'red',
      score: 1,
      boxes: [{ box: { x, y: 100, w: 20, h: 20 }, source: 'annotated' as const }],
      status,
    });
    const longId = (o: { key: string }) => `#${o.key}-with-a-long-id`;
    const graph = displayGraph({ mode: 'diff', width: 256, height: 256, objects: [object('a', 100, 'correct'), object('b', 141, 'missed')], relations: [] }, longId);
    expect([graph.getNodeAttribute('a', 'labelSide'), graph.getNodeAttribute('b', 'labelSide')]).toEqual(['above', 'below']);
    const unmarked = displayGraph({ mode: 'diff', width: 256, height: 256, objects: [object('a', 100, 'correct'), object('b', 141, 'correct')], relations: [] }, longId);
    expect([unmarked.getNodeAttribute('a', 'labelSide'), unmarked.getNodeAttribute('b', 'labelSide')]).toEqual(['below', 'above']);
  });

  it("names a reasoning round's foci: the objects near its largest weight, not everything it touches", () => {
    expect(attentionFoci(new Map([['a', 0.6], ['b', 0.32], ['c', 0.05], ['d', 0.03]]))).toEqual(new Set(['a', 'b']));
    expect(attentionFoci(new Map([['a', 0.25], ['b', 0.25], ['c', 0.25], ['d', 0.25]]))).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(attentionFoci(new Map([['a', 0.005]]))).toEqual(new Set());
    expect(attentionFoci(undefined)).toEqual(new Set());
  });

  it('names objects the way questions do', () => {
    expect(orderAttributes(['blue', 'large', 'striped'], groups)).toEqual(['large', 'blue', 'striped']);
    expect(describeObject({ name: 'triangle', attributes: ['blue', 'large', 'striped'] }, groups)).toBe('large blue striped triangle');
    expect(shortId('sample-000000-3', 'sample-000000')).toBe('#3');
    expect(shortId('n7', 'sample-000000')).toBe('n7');
    // The augmented views' ids extend a view id the page is not told: their shared stem is it.
    const viewIds = ['sample-000000-view1-0', 'sample-000000-view1-12'];
    expect(sharedIdStem(viewIds)).toBe('sample-000000-view1');
    expect(viewIds.map((id) => shortId(id, sharedIdStem(viewIds)))).toEqual(['#0', '#12']);
    expect(sharedIdStem(['a-1', 'b-2'])).toBeUndefined();
    expect(sharedIdStem(['n1', 'n2'])).toBeUndefined();
    const display = displayScene(scene0, groups);
    expect(display.objects.map((o) => o.label)).toEqual(ids0.map((id) => describeObject(scene0.objects[id]!, groups)));
  });
});

describe('evaluation files', () => {
  const sampleQuestions = Object.fromEntries(Object.entries(questions).slice(0, 40));
  const truth: Prediction[] = Object.entries(sampleQuestions).map(([questionId, q]) => ({ questionId, prediction: q.answer! }));

  it('recognises metrics, predictions, questions and jobs, and names the file when it cannot', () => {
    const metrics = { accuracy: 90, perStructuralType: {}, perSemanticType: {} };
    expect(classifyEvaluationFile('m.json', metrics).kind).toBe('metrics');
    expect(classifyEvaluationFile('p.json', truth).kind).toBe('predictions');
    expect(classifyEvaluationFile('q.json', sampleQuestions).kind).toBe('questions');
    expect(classifyEvaluationFile('job.json', { id: 'x', status: 'succeeded', progress: { done: 1, total: 1 }, metrics }).kind).toBe('job');
    for (const [name, value] of [['a.json', 5], ['b.json', [{ questionId: 1 }]], ['c.json', { foo: 1 }]] as const) {
      let error: unknown;
      try {
        classifyEvaluationFile(name, value);
      } catch (e) {
        error = e;
      }
      expect((error as Error).name).toBe('EvaluationFileError');
      expect((error as Error).message).toContain(name);
    }
  });

  it('scores predictions by type and lists exactly the wrong ones', () => {
    const wrongIds = truth.filter((_, i) => i % 7 === 3).map((p) => p.questionId);
    const predictions = truth.map((p) => (wrongIds.includes(p.questionId) ? { ...p, prediction: `not ${p.prediction}` } : p));
    predictions.push({ questionId: 'unknown-question', prediction: 'yes' });
    const result = comparePredictions(predictions, sampleQuestions);
    expect(result.scored).toBe(truth.length);
    expect(result.unknown).toBe(1);
    expect(result.correct).toBe(truth.length - wrongIds.length);
    expect(result.wrong.map((w) => w.questionId)).toEqual(wrongIds);
    const structural = Object.values(result.byStructural).reduce((n, e) => n + e.count, 0);
    expect(structural).toBe(truth.length);
    for (const [type, entry] of Object.entries(result.byStructural)) {
      const ids = truth.map((p) => p.questionId).filter((id) => sampleQuestions[id]!.types?.structural === type);
      expect(entry).toEqual({ count: ids.length, correct: ids.filter((id) => !wrongIds.includes(id)).length });
    }
  });
});
