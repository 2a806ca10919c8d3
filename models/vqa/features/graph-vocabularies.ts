/**
 * Everything the graph side of the model needs to turn SceneGraphs into inputs: the scene vocabularies
 * of graph/tensor (classes, predicates, attribute groups) plus a vocabulary of scene locations (GQA's
 * `location`; the background in the shapes world), which the scene node carries.
 */
import {
  buildSceneVocabularies, sceneVocabulariesFromJSON, sceneVocabulariesToJSON, Vocabulary,
  type SceneVocabularies, type SceneVocabulariesJson, type VocabularyJson,
} from '../../../graph/tensor/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { VqaModelError } from '../errors/vqa-model-error.ts';

export interface GraphVocabularies {
  readonly scene: SceneVocabularies;
  /** Locations, with `<unk>` (id 0) for a scene without one or with an unseen one. */
  readonly locations: Vocabulary;
}

export interface GraphVocabulariesJson {
  scene: SceneVocabulariesJson;
  locations: VocabularyJson;
}

export interface GraphVocabularyLists {
  classes: readonly string[];
  predicates: readonly string[];
  attributeGroups: Readonly<Record<string, readonly string[]>>;
  locations: readonly string[];
}

/** From explicit label lists (e.g. the world manifest's vocabulary): ids do not depend on the data. */
export function graphVocabulariesFromLists(lists: GraphVocabularyLists): GraphVocabularies {
  const scene = buildSceneVocabularies([], {
    classes: lists.classes,
    predicates: lists.predicates,
    attributeGroups: lists.attributeGroups,
    unknown: 'unk',
  });
  return { scene, locations: Vocabulary.fromLabels(lists.locations, { unknown: 'unk' }) };
}

/** Collected from graphs (classes, predicates and locations seen); attribute groups must be given. */
export function graphVocabulariesFromGraphs(graphs: readonly SceneGraph[], attributeGroups: Readonly<Record<string, readonly string[]>>): GraphVocabularies {
  const scene = buildSceneVocabularies(graphs, { attributeGroups, unknown: 'unk' });
  const locations = new Set<string>();
  for (const g of graphs) {
    const location = g.getAttribute('location');
    if (location !== undefined) locations.add(location);
  }
  return { scene, locations: Vocabulary.fromLabels(locations, { unknown: 'unk' }) };
}

export function graphVocabulariesToJSON(v: GraphVocabularies): GraphVocabulariesJson {
  return { scene: sceneVocabulariesToJSON(v.scene), locations: v.locations.toJSON() };
}

export function graphVocabulariesFromJSON(json: unknown): GraphVocabularies {
  const value = json as Partial<GraphVocabulariesJson> | null;
  if (value === null || typeof value !== 'object' || value.scene === undefined || value.locations === undefined) {
    throw new VqaModelError('vqa/graph-vocabularies: expected {scene, locations}');
  }
  return { scene: sceneVocabulariesFromJSON(value.scene), locations: Vocabulary.fromJSON(value.locations) };
}

/** Widths of the model's graph inputs under these vocabularies. */
export interface GraphWidths {
  /** C: class distribution width. */
  readonly classes: number;
  /** A: all attribute groups' distributions side by side. */
  readonly attributes: number;
  /** R: predicate distribution width. */
  readonly predicates: number;
  /** L: location distribution width. */
  readonly locations: number;
}

export function graphWidths(v: GraphVocabularies): GraphWidths {
  let attributes = 0;
  for (const vocab of v.scene.attributeGroups.values()) attributes += vocab.size;
  return { classes: v.scene.classes.size, attributes, predicates: v.scene.predicates.size, locations: v.locations.size };
}
