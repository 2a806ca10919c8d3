/**
 * Ground-truth relations of the shapes world (DESIGN §5), from box centres and pixel coverage:
 * - direction: from each object to each of its (up to) `neighbours` nearest others (box-centre distance,
 *   ties by drawing order), one predicate per pair along the axis of the larger centre offset:
 *   |dx| >= |dy| gives `to the left of` / `to the right of`, otherwise `above` / `below` (y grows down);
 * - depth: between objects whose painted pixels overlap, the later-drawn one is `in front of` the other
 *   and the other is `behind` it;
 * - inside: an object all of whose pixels lie in a hollow object's interior is `inside` it. Such a pair
 *   gets no direction (their centres nearly coincide) and is not counted among each other's neighbours.
 * Relations are stored sparsely, as GQA does: a pair that is not listed is not asserted either way.
 */
import type { Box } from '../scene-graph.ts';
import type { SceneCoverage } from './coverage.ts';
import { INSIDE_PREDICATE, type DirectionPredicate, type Predicate } from './vocabulary.ts';

export interface WorldRelation {
  /** Indices into the scene's objects (drawing order). */
  subject: number;
  predicate: Predicate;
  object: number;
}

/** What the depth and inside rules need besides the boxes. */
export interface RelationEvidence {
  /** Pixels painted by both objects. */
  overlapPixels(i: number, j: number): number;
  /** True when object i lies within hollow object c's interior. */
  isInside(i: number, c: number): boolean;
}

export interface RelationRuleOptions {
  /** Neighbours each object gets a direction to (default 3). */
  neighbours?: number;
  /** Shared pixels from which two objects count as overlapping (default 1). */
  minOverlapPixels?: number;
}

export function evidenceFromCoverage(coverage: SceneCoverage): RelationEvidence {
  const n = coverage.count;
  return {
    overlapPixels: (i, j) => coverage.overlap[i * n + j] ?? 0,
    isInside: (i, c) => coverage.inside[i * n + c] === 1,
  };
}

export function boxCentre(box: Box): [number, number] {
  return [box.x + box.w / 2, box.y + box.h / 2];
}

/** Where `subject` is relative to `object`: the axis of the larger centre offset decides. */
export function dominantDirection(subject: Box, object: Box): DirectionPredicate {
  const [sx, sy] = boxCentre(subject);
  const [ox, oy] = boxCentre(object);
  const dx = sx - ox;
  const dy = sy - oy;
  if (Math.abs(dx) >= Math.abs(dy)) return dx < 0 ? 'to the left of' : 'to the right of';
  return dy < 0 ? 'above' : 'below';
}

/** How far a pair is from the diagonal where the dominant axis flips: ||dx| - |dy|| in pixels. */
export function directionMargin(a: Box, b: Box): number {
  const [ax, ay] = boxCentre(a);
  const [bx, by] = boxCentre(b);
  return Math.abs(Math.abs(ax - bx) - Math.abs(ay - by));
}

/** Indices of the `k` objects nearest to `index` by box-centre distance, excluding `skip(j)`. */
export function nearestNeighbours(boxes: readonly Box[], index: number, k: number, skip: (j: number) => boolean = () => false): number[] {
  const self = boxes[index];
  if (!self) return [];
  const [cx, cy] = boxCentre(self);
  const candidates: { j: number; d: number }[] = [];
  boxes.forEach((box, j) => {
    if (j === index || skip(j)) return;
    const [x, y] = boxCentre(box);
    candidates.push({ j, d: (x - cx) ** 2 + (y - cy) ** 2 });
  });
  candidates.sort((a, b) => a.d - b.d || a.j - b.j);
  return candidates.slice(0, k).map((c) => c.j);
}

/**
 * All relations of a scene, grouped by subject in drawing order; within a subject: directions (nearest
 * first), then depth, then inside.
 */
export function worldRelations(boxes: readonly Box[], evidence: RelationEvidence, options: RelationRuleOptions = {}): WorldRelation[] {
  const neighbours = options.neighbours ?? 3;
  const minOverlap = options.minOverlapPixels ?? 1;
  const n = boxes.length;
  const linkedByInside = (i: number, j: number): boolean => evidence.isInside(i, j) || evidence.isInside(j, i);
  const relations: WorldRelation[] = [];
  for (let i = 0; i < n; i++) {
    const subjectBox = boxes[i]!;
    for (const j of nearestNeighbours(boxes, i, neighbours, (j) => linkedByInside(i, j))) {
      relations.push({ subject: i, predicate: dominantDirection(subjectBox, boxes[j]!), object: j });
    }
    for (let j = 0; j < n; j++) {
      if (j === i || linkedByInside(i, j) || evidence.overlapPixels(i, j) < minOverlap) continue;
      relations.push({ subject: i, predicate: i > j ? 'in front of' : 'behind', object: j });
    }
    for (let c = 0; c < n; c++) {
      if (c !== i && evidence.isInside(i, c)) relations.push({ subject: i, predicate: INSIDE_PREDICATE, object: c });
    }
  }
  return relations;
}
