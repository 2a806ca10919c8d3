/**
 * The vocabularies a batch of scene graphs is tensorized with: object classes (node names), predicates,
 * and one vocabulary per attribute group (color, size, ...). Built deterministically from graphs or from
 * given lists, and serializable to JSON so a model's manifest can carry them.
 */
import type { SceneGraph } from '../scene-graph.ts';
import { Vocabulary, type UnknownPolicy, type VocabularyJson } from './vocabulary.ts';
import { VocabularyError } from './vocabulary-error.ts';

export interface SceneVocabularies {
  classes: Vocabulary;
  predicates: Vocabulary;
  /**
   * Attribute group -> its values, each with `<none>` (the object has no value of the group). Tensors
   * follow the Map's order. An attribute outside every group is not tensorized.
   */
  attributeGroups: ReadonlyMap<string, Vocabulary>;
}

export interface BuildVocabulariesOptions {
  /** Attribute group -> its labels (e.g. `{color: ['red', ...], size: ['small', 'large']}`). */
  attributeGroups?: Readonly<Record<string, readonly string[]>>;
  /** Class labels to use instead of collecting node names from the graphs. */
  classes?: readonly string[];
  /** Predicates to use instead of collecting them from the graphs. */
  predicates?: readonly string[];
  /** Policy of the class and predicate vocabularies for unseen labels (default `'unk'`). */
  unknown?: UnknownPolicy;
  /** `'sorted'` (default) or `'given'` (list order; first occurrence in the graphs). Groups keep their key order. */
  order?: 'sorted' | 'given';
  /** Collected labels seen fewer times than this are left out (and map to `<unk>`). Default 1. */
  minCount?: number;
}

function frequent(counts: Map<string, number>, minCount: number): string[] {
  return [...counts].filter(([, count]) => count >= minCount).map(([label]) => label);
}

/** Vocabularies for `graphs` (any iterable; read once). Same graphs and options give the same ids. */
export function buildSceneVocabularies(graphs: Iterable<SceneGraph>, options: BuildVocabulariesOptions = {}): SceneVocabularies {
  const order = options.order ?? 'sorted';
  const unknown = options.unknown ?? 'unk';
  const minCount = options.minCount ?? 1;
  const classCounts = new Map<string, number>();
  const predicateCounts = new Map<string, number>();
  if (!options.classes || !options.predicates) {
    for (const graph of graphs) {
      if (!options.classes) graph.forEachNode((_key, attrs) => classCounts.set(attrs.name, (classCounts.get(attrs.name) ?? 0) + 1));
      if (!options.predicates) {
        graph.forEachEdge((_key, attrs) => predicateCounts.set(attrs.predicate, (predicateCounts.get(attrs.predicate) ?? 0) + 1));
      }
    }
  }
  const groupOf = new Map<string, string>();
  const attributeGroups = new Map<string, Vocabulary>();
  for (const [group, labels] of Object.entries(options.attributeGroups ?? {})) {
    for (const label of labels) {
      const other = groupOf.get(label);
      if (other !== undefined && other !== group) {
        throw new VocabularyError(`tensor/vocabularies: attribute "${label}" is in groups "${other}" and "${group}"`);
      }
      groupOf.set(label, group);
    }
    attributeGroups.set(group, Vocabulary.fromLabels(labels, { order, none: true }));
  }
  return {
    classes: Vocabulary.fromLabels(options.classes ?? frequent(classCounts, minCount), { order, unknown }),
    predicates: Vocabulary.fromLabels(options.predicates ?? frequent(predicateCounts, minCount), { order, unknown }),
    attributeGroups,
  };
}

export interface SceneVocabulariesJson {
  classes: VocabularyJson;
  predicates: VocabularyJson;
  attributeGroups: { group: string; vocabulary: VocabularyJson }[];
}

export function sceneVocabulariesToJSON(vocabularies: SceneVocabularies): SceneVocabulariesJson {
  return {
    classes: vocabularies.classes.toJSON(),
    predicates: vocabularies.predicates.toJSON(),
    attributeGroups: [...vocabularies.attributeGroups].map(([group, vocabulary]) => ({ group, vocabulary: vocabulary.toJSON() })),
  };
}

/** Inverse of sceneVocabulariesToJSON: the same ids, the same group order. */
export function sceneVocabulariesFromJSON(json: unknown): SceneVocabularies {
  const value = json as Partial<SceneVocabulariesJson> | null;
  if (value === null || typeof value !== 'object' || !Array.isArray(value.attributeGroups)) {
    throw new VocabularyError('tensor/vocabularies: expected {classes, predicates, attributeGroups: [{group, vocabulary}]}');
  }
  const attributeGroups = new Map<string, Vocabulary>();
  for (const entry of value.attributeGroups) {
    if (typeof entry?.group !== 'string') throw new VocabularyError('tensor/vocabularies: attribute group without a name');
    if (attributeGroups.has(entry.group)) throw new VocabularyError(`tensor/vocabularies: attribute group "${entry.group}" repeated`);
    attributeGroups.set(entry.group, Vocabulary.fromJSON(entry.vocabulary));
  }
  return {
    classes: Vocabulary.fromJSON(value.classes),
    predicates: Vocabulary.fromJSON(value.predicates),
    attributeGroups,
  };
}
