/**
 * Summary statistics of a collection of GQA scenes, accumulated one scene at a time so that files of any
 * size go through in bounded memory (the counters grow with the vocabulary, not with the file).
 */
import type { GqaScene } from '../formats/gqa-schema.ts';

export interface Histogram {
  /** value -> count, sorted by value. */
  bins: [number, number][];
  min: number;
  max: number;
  mean: number;
}

export interface SceneGraphStats {
  images: number;
  objects: number;
  relations: number;
  attributes: number;
  vocabulary: { names: number; attributes: number; predicates: number; locations: number };
  objectsPerImage: Histogram;
  relationsPerImage: Histogram;
  attributesPerObject: Histogram;
  topNames: [string, number][];
  topAttributes: [string, number][];
  topPredicates: [string, number][];
}

function histogram(counts: Map<number, number>): Histogram {
  const bins = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let weighted = 0;
  for (const [value, count] of bins) {
    total += count;
    weighted += value * count;
  }
  return { bins, min: bins[0]?.[0] ?? 0, max: bins[bins.length - 1]?.[0] ?? 0, mean: total ? weighted / total : 0 };
}

function top(counts: Map<string, number>, k: number): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, k);
}

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export class SceneGraphStatsAccumulator {
  private images = 0;
  private objects = 0;
  private relations = 0;
  private attributes = 0;
  private readonly names = new Map<string, number>();
  private readonly attributeCounts = new Map<string, number>();
  private readonly predicates = new Map<string, number>();
  private readonly locations = new Map<string, number>();
  private readonly objectsPerImage = new Map<number, number>();
  private readonly relationsPerImage = new Map<number, number>();
  private readonly attributesPerObject = new Map<number, number>();

  add(scene: GqaScene): void {
    this.images++;
    let objects = 0;
    let relations = 0;
    for (const object of Object.values(scene.objects)) {
      objects++;
      bump(this.names, object.name);
      bump(this.attributesPerObject, object.attributes.length);
      for (const attribute of object.attributes) bump(this.attributeCounts, attribute);
      this.attributes += object.attributes.length;
      for (const relation of object.relations) bump(this.predicates, relation.name);
      relations += object.relations.length;
    }
    if (scene.location !== undefined) bump(this.locations, scene.location);
    this.objects += objects;
    this.relations += relations;
    bump(this.objectsPerImage, objects);
    bump(this.relationsPerImage, relations);
  }

  result(topK = 10): SceneGraphStats {
    return {
      images: this.images,
      objects: this.objects,
      relations: this.relations,
      attributes: this.attributes,
      vocabulary: {
        names: this.names.size,
        attributes: this.attributeCounts.size,
        predicates: this.predicates.size,
        locations: this.locations.size,
      },
      objectsPerImage: histogram(this.objectsPerImage),
      relationsPerImage: histogram(this.relationsPerImage),
      attributesPerObject: histogram(this.attributesPerObject),
      topNames: top(this.names, topK),
      topAttributes: top(this.attributeCounts, topK),
      topPredicates: top(this.predicates, topK),
    };
  }
}
