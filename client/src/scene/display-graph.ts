/**
 * The graphology graph sigma draws: one node per displayed object at its layout position, one edge per
 * displayed relation (parallel and reciprocal relations are separate edges; sigma curves them apart).
 * Node and edge attributes are data about the object (its shape name, color, score, status); how they
 * look under hover, selection and attention is decided by the graph view's styles, not stored here.
 */
import { MultiDirectedGraph } from 'graphology';
import type { DisplayScene } from './display-scene.ts';
import type { ObjectDiffStatus, RelationDiffStatus } from './graph-diff.ts';
import { layoutFromBoxes } from './layout.ts';

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
}

export interface DisplayEdgeAttributes {
  label: string;
  predicate: string;
  score: number;
  status?: RelationDiffStatus;
}

export type DisplayGraph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

export function displayGraph(display: DisplayScene, shortId: (object: DisplayScene['objects'][number]) => string = (o) => o.key): DisplayGraph {
  const graph: DisplayGraph = new MultiDirectedGraph();
  // The predicted box when there is one (that is where the generator put the node), else the annotated one.
  const boxes = display.objects.map((o) => (o.boxes.find((b) => b.source !== 'annotated') ?? o.boxes[0]!).box);
  const positions = layoutFromBoxes(boxes, display);
  display.objects.forEach((object, i) => {
    const position = positions[i]!;
    graph.addNode(object.key, {
      x: position.x,
      y: position.y,
      label: `${shortId(object)} ${object.label}`,
      shortLabel: `${shortId(object)} ${object.name}`,
      name: object.name,
      color: object.color,
      score: object.score,
      ...(object.status ? { status: object.status } : {}),
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
