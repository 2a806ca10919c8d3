/**
 * Which side of its node each label goes, so labels of nearby nodes do not cover each other or the
 * nodes: objects that touch in the image sit close in the graph (the layout keeps the image's
 * arrangement), and with every label below its node the renderer hides all but one of a cluster's.
 *
 * Greedy, deterministic: nodes are placed in the given priority order (the caller puts the labels that
 * must show first, e.g. differences); each takes the side whose label box overlaps least with the
 * nodes, the labels placed before it and the area outside the drawing, with "below" preferred on ties.
 * Sizes are in graph units, which the graph view draws at about one pixel each.
 */
import type { Point } from './layout.ts';

export type LabelSide = 'below' | 'above' | 'right' | 'left';

export interface LabelPlacementInput {
  point: Point;
  /** Label width in graph units (estimate: characters × `charWidth`). */
  width: number;
}

export interface LabelSideOptions {
  /** Node radius, graph units. */
  radius: number;
  /** Label height, graph units. Default 16. */
  height?: number;
  /** Drawing extent the labels should stay inside (graph units, y up as in the layout). */
  bounds?: { minX: number; maxX: number; minY: number; maxY: number };
  /** Placement order (indices into the inputs); default the input order. */
  order?: readonly number[];
}

interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const SIDES: readonly LabelSide[] = ['below', 'above', 'right', 'left'];
/** A small cost per side so that, all else equal, labels go below, then above, then to the sides. */
const SIDE_BIAS: Record<LabelSide, number> = { below: 0, above: 0.5, right: 1, left: 1.5 };

function labelRect(p: Point, side: LabelSide, width: number, height: number, radius: number): Rect {
  switch (side) {
    case 'below':
      return { x0: p.x - width / 2, x1: p.x + width / 2, y0: p.y - radius - height, y1: p.y - radius };
    case 'above':
      return { x0: p.x - width / 2, x1: p.x + width / 2, y0: p.y + radius, y1: p.y + radius + height };
    case 'right':
      return { x0: p.x + radius, x1: p.x + radius + width, y0: p.y - height / 2, y1: p.y + height / 2 };
    case 'left':
      return { x0: p.x - radius - width, x1: p.x - radius, y0: p.y - height / 2, y1: p.y + height / 2 };
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Area of `r` outside `bounds`. */
function outside(r: Rect, bounds: NonNullable<LabelSideOptions['bounds']>): number {
  const area = (r.x1 - r.x0) * (r.y1 - r.y0);
  return area - overlap(r, { x0: bounds.minX, x1: bounds.maxX, y0: bounds.minY, y1: bounds.maxY });
}

/** Rounds of the improvement pass after the greedy one (each stops early when nothing changes). */
const SWEEPS = 4;

/** One side per input, in input order. */
export function labelSides(inputs: readonly LabelPlacementInput[], options: LabelSideOptions): LabelSide[] {
  const height = options.height ?? 16;
  const { radius, bounds } = options;
  const nodes = inputs.map(({ point }) => ({ x0: point.x - radius, x1: point.x + radius, y0: point.y - radius, y1: point.y + radius }));
  const order = (options.order ?? inputs.map((_, i) => i)).filter((i) => inputs[i] !== undefined);
  const sides: LabelSide[] = inputs.map(() => 'below');
  const rects: (Rect | undefined)[] = inputs.map(() => undefined);

  // Area costs are normalised by the label's own area, so the side bias stays a tie-breaker.
  const best = (i: number): { side: LabelSide; rect: Rect } => {
    const input = inputs[i]!;
    const area = Math.max(1, input.width * height);
    let choice: { side: LabelSide; cost: number; rect: Rect } | undefined;
    for (const side of SIDES) {
      const rect = labelRect(input.point, side, input.width, height, radius);
      let covered = 0;
      nodes.forEach((node, j) => {
        // Covering a node hides the object itself: twice as bad as covering a label.
        if (j !== i) covered += 2 * overlap(rect, node);
      });
      rects.forEach((other, j) => {
        if (other && j !== i) covered += overlap(rect, other);
      });
      if (bounds) covered += 2 * outside(rect, bounds);
      const cost = (covered / area) * 10 + SIDE_BIAS[side];
      if (!choice || cost < choice.cost) choice = { side, cost, rect };
    }
    return choice!;
  };

  // Greedy in priority order (each label sees the ones placed before it), then improvement sweeps in
  // which every label, seeing all the others, moves to its best side; a local search, deterministic.
  for (const i of order) {
    const { side, rect } = best(i);
    sides[i] = side;
    rects[i] = rect;
  }
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let changed = false;
    for (const i of order) {
      const { side, rect } = best(i);
      if (side !== sides[i]) changed = true;
      sides[i] = side;
      rects[i] = rect;
    }
    if (!changed) break;
  }
  return sides;
}
