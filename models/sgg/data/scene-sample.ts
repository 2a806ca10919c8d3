/**
 * A scene graph as label indices: what training targets and evaluation compare against. Boxes are
 * normalized (x1, y1, x2, y2 in 0..1 of the image); labels are indices into the generator's label lists
 * (-1 when the graph's label is not in the list, or the object has no value of a group).
 */
import { type SceneGraph, objectsOf, relationsOf, sceneOf } from '../../../graph/scene-graph.ts';
import type { SggLabels } from '../config.ts';

export type NormalizedBox = readonly [number, number, number, number];

export interface SampleObject {
  readonly id: string;
  readonly box: NormalizedBox;
  readonly classIndex: number;
  /** One index per attribute group, in the labels' group order. */
  readonly attributes: readonly number[];
}

export interface SampleRelation {
  readonly subject: number;
  /** Index into labels.predicates (>= 1). */
  readonly predicate: number;
  readonly object: number;
}

export interface SceneSample {
  readonly imageId: string;
  readonly width: number;
  readonly height: number;
  readonly objects: readonly SampleObject[];
  readonly relations: readonly SampleRelation[];
}

/** Label lookups built once per label set. */
export class LabelIndex {
  private readonly classes: Map<string, number>;
  private readonly groups: Map<string, number>[];
  private readonly predicates: Map<string, number>;

  constructor(readonly labels: SggLabels) {
    this.classes = new Map(labels.classes.map((c, i) => [c, i]));
    this.groups = labels.attributeGroups.map((g) => new Map(g.values.map((v, i) => [v, i])));
    this.predicates = new Map(labels.predicates.map((p, i) => [p, i]));
  }

  classOf(name: string): number {
    return this.classes.get(name) ?? -1;
  }

  /** Per group: the index of the first attribute that belongs to it, or -1. */
  attributesOf(attributes: readonly string[]): number[] {
    return this.groups.map((values) => {
      for (const a of attributes) {
        const i = values.get(a);
        if (i !== undefined) return i;
      }
      return -1;
    });
  }

  predicateOf(name: string): number {
    return this.predicates.get(name) ?? -1;
  }
}

/** The sample of a scene graph; relations with a predicate outside the labels are left out. */
export function sceneSample(graph: SceneGraph, index: LabelIndex): SceneSample {
  const scene = sceneOf(graph);
  const objects = objectsOf(graph);
  const position = new Map(objects.map((o, i) => [o.id, i]));
  const { width, height } = scene;
  const sampleObjects = objects.map((o): SampleObject => ({
    id: o.id,
    box: [o.box.x / width, o.box.y / height, (o.box.x + o.box.w) / width, (o.box.y + o.box.h) / height],
    classIndex: index.classOf(o.name),
    attributes: index.attributesOf(o.attributes),
  }));
  const relations: SampleRelation[] = [];
  for (const r of relationsOf(graph)) {
    const predicate = index.predicateOf(r.predicate);
    const subject = position.get(r.subject);
    const object = position.get(r.object);
    if (predicate >= 1 && subject !== undefined && object !== undefined) relations.push({ subject, predicate, object });
  }
  return { imageId: scene.imageId, width, height, objects: sampleObjects, relations };
}
