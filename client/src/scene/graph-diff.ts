/**
 * Predicted vs annotated: which annotated objects the generator found, missed or invented, which it
 * named or described wrongly, and which relations between found objects are right, missed, spurious
 * or wrong (another predicate for the same ordered pair).
 *
 * Objects are matched one-to-one by box overlap, greedily by decreasing IoU, keeping pairs with
 * IoU ≥ minIou (0.5, the usual detection rule): with a handful of objects per image this gives the
 * same pairs as an optimal assignment except in contrived ties.
 */
import type { Scene } from '../api/types.ts';
import { iou } from './box.ts';

export interface ObjectMatch {
  annotatedId: string;
  predictedId: string;
  iou: number;
}

export type ObjectDiffStatus = 'correct' | 'wrong-label' | 'wrong-attributes' | 'missed' | 'spurious';
export type RelationDiffStatus = 'correct' | 'missed' | 'spurious' | 'wrong';

export interface ObjectDiff {
  /** Stable display key: `a:<annotated id>` for annotated (matched or missed) objects, `p:<predicted id>` for spurious ones. */
  key: string;
  status: ObjectDiffStatus;
  annotatedId?: string;
  predictedId?: string;
  iou?: number;
  /** The annotated name where the predicted one differs. */
  expectedName?: string;
  /** Annotated attributes the prediction lacks, and predicted ones the annotation lacks. */
  missingAttributes: string[];
  extraAttributes: string[];
}

export interface RelationDiff {
  key: string;
  sourceKey: string;
  targetKey: string;
  /** The predicate drawn: the predicted one, or the annotated one for a missed relation. */
  predicate: string;
  status: RelationDiffStatus;
  /** For a wrong relation: the annotated predicate the prediction replaced. */
  expected?: string;
  /** Relation score of a predicted relation. */
  score?: number;
}

export interface SceneDiff {
  objects: ObjectDiff[];
  relations: RelationDiff[];
  matches: ObjectMatch[];
  objectCounts: Record<ObjectDiffStatus, number>;
  relationCounts: Record<RelationDiffStatus, number>;
}

export function matchObjects(annotated: Scene, predicted: Scene, minIou = 0.5): ObjectMatch[] {
  const pairs: ObjectMatch[] = [];
  for (const [annotatedId, a] of Object.entries(annotated.objects)) {
    for (const [predictedId, p] of Object.entries(predicted.objects)) {
      const overlap = iou(a, p);
      if (overlap >= minIou) pairs.push({ annotatedId, predictedId, iou: overlap });
    }
  }
  pairs.sort((x, y) => y.iou - x.iou);
  const usedA = new Set<string>();
  const usedP = new Set<string>();
  const matches: ObjectMatch[] = [];
  for (const pair of pairs) {
    if (usedA.has(pair.annotatedId) || usedP.has(pair.predictedId)) continue;
    usedA.add(pair.annotatedId);
    usedP.add(pair.predictedId);
    matches.push(pair);
  }
  return matches;
}

/** Predicates from `source` to `target` in a scene (a multiset in order; duplicates kept). */
function predicates(scene: Scene, source: string, target: string): { name: string; score?: number }[] {
  return (scene.objects[source]?.relations ?? []).filter((r) => r.object === target).map((r) => ({ name: r.name, ...(r.score !== undefined ? { score: r.score } : {}) }));
}

export function diffScenes(annotated: Scene, predicted: Scene, options: { minIou?: number } = {}): SceneDiff {
  const matches = matchObjects(annotated, predicted, options.minIou ?? 0.5);
  const byAnnotated = new Map(matches.map((m) => [m.annotatedId, m]));
  const byPredicted = new Map(matches.map((m) => [m.predictedId, m]));
  const objects: ObjectDiff[] = [];
  const keyOfAnnotated = (id: string): string => `a:${id}`;
  const keyOfPredicted = (id: string): string => {
    const match = byPredicted.get(id);
    return match ? `a:${match.annotatedId}` : `p:${id}`;
  };

  for (const [annotatedId, a] of Object.entries(annotated.objects)) {
    const match = byAnnotated.get(annotatedId);
    if (!match) {
      objects.push({ key: keyOfAnnotated(annotatedId), status: 'missed', annotatedId, missingAttributes: [], extraAttributes: [] });
      continue;
    }
    const p = predicted.objects[match.predictedId]!;
    const missingAttributes = a.attributes.filter((x) => !p.attributes.includes(x));
    const extraAttributes = p.attributes.filter((x) => !a.attributes.includes(x));
    const nameWrong = a.name !== p.name;
    const status: ObjectDiffStatus = nameWrong ? 'wrong-label' : missingAttributes.length + extraAttributes.length > 0 ? 'wrong-attributes' : 'correct';
    objects.push({
      key: keyOfAnnotated(annotatedId),
      status,
      annotatedId,
      predictedId: match.predictedId,
      iou: match.iou,
      ...(nameWrong ? { expectedName: a.name } : {}),
      missingAttributes,
      extraAttributes,
    });
  }
  for (const predictedId of Object.keys(predicted.objects)) {
    if (!byPredicted.has(predictedId)) objects.push({ key: `p:${predictedId}`, status: 'spurious', predictedId, missingAttributes: [], extraAttributes: [] });
  }

  const relations: RelationDiff[] = [];
  const seen = new Map<string, number>();
  const push = (relation: Omit<RelationDiff, 'key'>): void => {
    const base = `${relation.sourceKey}|${relation.predicate}|${relation.targetKey}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    relations.push({ key: n === 0 ? base : `${base}#${n}`, ...relation });
  };

  // Ordered pairs that have a relation in either graph, in display keys.
  const pairs = new Map<string, { sourceKey: string; targetKey: string; gold: { name: string }[]; pred: { name: string; score?: number }[] }>();
  const pairOf = (sourceKey: string, targetKey: string) => {
    const id = `${sourceKey}\u0000${targetKey}`;
    let entry = pairs.get(id);
    if (!entry) pairs.set(id, (entry = { sourceKey, targetKey, gold: [], pred: [] }));
    return entry;
  };
  for (const [sourceId, object] of Object.entries(annotated.objects)) {
    for (const targetId of new Set(object.relations.map((r) => r.object))) {
      pairOf(keyOfAnnotated(sourceId), keyOfAnnotated(targetId)).gold.push(...predicates(annotated, sourceId, targetId));
    }
  }
  for (const [sourceId, object] of Object.entries(predicted.objects)) {
    for (const targetId of new Set(object.relations.map((r) => r.object))) {
      pairOf(keyOfPredicted(sourceId), keyOfPredicted(targetId)).pred.push(...predicates(predicted, sourceId, targetId));
    }
  }

  for (const { sourceKey, targetKey, gold, pred } of pairs.values()) {
    const bothFound = sourceKey.startsWith('a:') && targetKey.startsWith('a:') && byAnnotated.has(sourceKey.slice(2)) && byAnnotated.has(targetKey.slice(2));
    const missed = [...gold];
    const spurious: typeof pred = [];
    for (const p of pred) {
      const at = missed.findIndex((g) => g.name === p.name);
      if (at >= 0) {
        missed.splice(at, 1);
        push({ sourceKey, targetKey, predicate: p.name, status: 'correct', ...(p.score !== undefined ? { score: p.score } : {}) });
      } else spurious.push(p);
    }
    // Between two found objects, a predicted predicate standing where an annotated one was is "wrong".
    while (bothFound && missed.length > 0 && spurious.length > 0) {
      const p = spurious.shift()!;
      const g = missed.shift()!;
      push({ sourceKey, targetKey, predicate: p.name, status: 'wrong', expected: g.name, ...(p.score !== undefined ? { score: p.score } : {}) });
    }
    for (const g of missed) push({ sourceKey, targetKey, predicate: g.name, status: 'missed' });
    for (const p of spurious) push({ sourceKey, targetKey, predicate: p.name, status: 'spurious', ...(p.score !== undefined ? { score: p.score } : {}) });
  }

  const objectCounts: Record<ObjectDiffStatus, number> = { correct: 0, 'wrong-label': 0, 'wrong-attributes': 0, missed: 0, spurious: 0 };
  for (const o of objects) objectCounts[o.status] += 1;
  const relationCounts: Record<RelationDiffStatus, number> = { correct: 0, missed: 0, spurious: 0, wrong: 0 };
  for (const r of relations) relationCounts[r.status] += 1;
  return { objects, relations, matches, objectCounts, relationCounts };
}
