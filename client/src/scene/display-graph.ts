/**
 * The graphology graph sigma draws: one node per displayed object at its layout position, one edge per
 * displayed relation (parallel and reciprocal relations are separate edges; sigma curves them apart).
 * Node and edge attributes are data about the object (its shape name, color, score, status); how they
 * look under hover, selection and attention is decided by the graph view's styles, not stored here.
 */
import { MultiDirectedGraph } from 'graphology';
import type { DisplayScene } from './display-scene.ts';
import type { ObjectDiffStatus, RelationDiffStatus } from './graph-diff.ts';
import { labelSides, type LabelSide } from './label-sides.ts';
import { graphFrame, layoutFromBoxes } from './layout.ts';

export interface DisplayNodeAttributes {
  x: number;
  y: number;
  /** The full description ("#3 small blue dotted circle") and the short one drawn by default ("#3 circle"). */
  label: string;
  shortLabel: string;
  /** The object's name, which picks the node's shape when sigma has one for it. */
  name: string;
  color: string;
  score: number;
  status?: ObjectDiffStatus;
  /** Where the label goes: away from the nodes and labels around it. */
  labelSide: LabelSide;
}

export interface DisplayEdgeAttributes {
  label: string;
  predicate: string;
  score: number;
  status?: RelationDiffStatus;
}

export type DisplayGraph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

/** The word drawn before a node's label in the differences view (with the status colour: never colour alone). */
export const NODE_STATUS_WORDS: Partial<Record<ObjectDiffStatus, string>> = {
  'wrong-label': 'wrong label: ',
  'wrong-attributes': 'wrong attributes: ',
  missed: 'missed: ',
  spurious: 'spurious: ',
};

/** Node radius in graph units for a display of this size (graph units are image pixels). */
export function nodeRadius(display: Pick<DisplayScene, 'width' | 'height'>): number {
  return Math.max(display.width, display.height) * 0.042;
}

/**
 * Label sizes in screen pixels (12 px text), and the width the graph view is assumed to have when
 * they are turned into graph units for placing labels (the Inspect graph at 1280 px; the Views graphs
 * and narrow layouts are a little wider, which only leaves more room).
 */
const LABEL_CHAR_PX = 6.8;
const LABEL_HEIGHT_PX = 16;
const VIEW_PX = 340;

export function displayGraph(display: DisplayScene, shortId: (object: DisplayScene['objects'][number]) => string = (o) => o.key): DisplayGraph {
  const graph: DisplayGraph = new MultiDirectedGraph();
  // The predicted box when there is one (that is where the generator put the node), else the annotated one.
  const boxes = display.objects.map((o) => (o.boxes.find((b) => b.source !== 'annotated') ?? o.boxes[0]!).box);
  const positions = layoutFromBoxes(boxes, display);
  const shortLabels = display.objects.map((object) => `${shortId(object)} ${object.name}`);
  // Marked differences are always labelled, so they choose their side first.
  const marked = (i: number) => (display.objects[i]!.status ?? 'correct') !== 'correct';
  const indices = display.objects.map((_, i) => i);
  // The part of the plane the graph view will frame (graphFrame of the same points), and graph units per pixel there.
  const frame = graphFrame(positions, display);
  const unitsPerPx = Math.max(frame.maxX - frame.minX, frame.maxY - frame.minY) / VIEW_PX;
  const sides = labelSides(
    positions.map((point, i) => ({ point, width: unitsPerPx * LABEL_CHAR_PX * ((NODE_STATUS_WORDS[display.objects[i]!.status ?? 'correct'] ?? '').length + shortLabels[i]!.length) })),
    { radius: nodeRadius(display), height: unitsPerPx * LABEL_HEIGHT_PX, bounds: frame, order: [...indices.filter(marked), ...indices.filter((i) => !marked(i))] },
  );
  display.objects.forEach((object, i) => {
    const position = positions[i]!;
    graph.addNode(object.key, {
      x: position.x,
      y: position.y,
      label: `${shortId(object)} ${object.label}`,
      shortLabel: shortLabels[i]!,
      name: object.name,
      color: object.color,
      score: object.score,
      ...(object.status ? { status: object.status } : {}),
      labelSide: sides[i]!,
    });
  });
  for (const relation of display.relations) {
    if (!graph.hasNode(relation.source) || !graph.hasNode(relation.target) || relation.source === relation.target) continue;
    graph.addDirectedEdgeWithKey(relation.key, relation.source, relation.target, {
      label: relation.label,
      predicate: relation.predicate,
      score: relation.score,
      ...(relation.status ? { status: relation.status } : {}),
    });
  }
  return graph;
}
