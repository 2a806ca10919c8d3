/**
 * What the question templates read from a ground-truth scene graph: each object's name and attribute per
 * category, the stored relations, and — for answers of "no" to relation questions — the relation each
 * ordered pair has by the world's geometric rules, whether or not it was stored. A relation question
 * answered "no" must be "no" by the geometry too, not merely because the pair was not stored.
 */
import type { Box, SceneGraph } from '../../scene-graph.ts';
import { dominantDirection } from '../relations.ts';
import { ATTRIBUTE_CATEGORIES, INSIDE_PREDICATE, WORLD_ONTOLOGY, type AttributeCategory } from '../vocabulary.ts';

export interface FactObject {
  id: string;
  name: string;
  values: Readonly<Record<AttributeCategory, string>>;
  box: Box;
}

export interface StoredRelation {
  subject: string;
  predicate: string;
  object: string;
}

export interface SceneFacts {
  imageId: string;
  location: string;
  objects: readonly FactObject[];
  byId: ReadonlyMap<string, FactObject>;
  relations: readonly StoredRelation[];
  /** Stored predicates from subject to object. */
  stored(subject: string, object: string): ReadonlySet<string>;
  /** Whether `subject predicate object` holds by the geometric rules (any pair, stored or not). */
  holds(subject: string, predicate: string, object: string): boolean;
  /** Per-scene cache: templates ask the same things about the same objects many times. */
  memo<T>(key: string, compute: () => T): T;
}

const NONE: ReadonlySet<string> = new Set();

export function sceneFacts(graph: SceneGraph): SceneFacts {
  const scene = graph.getAttributes();
  const objects: FactObject[] = graph.mapNodes((id, attrs) => {
    const values = {} as Record<AttributeCategory, string>;
    for (const category of ATTRIBUTE_CATEGORIES) {
      const value = attrs.attributes.find((a) => WORLD_ONTOLOGY[category].includes(a));
      if (value === undefined) throw new RangeError(`world/questions: object ${id} has no ${category}`);
      values[category] = value;
    }
    return { id, name: attrs.name, values, box: attrs.box };
  });
  const byId = new Map(objects.map((o) => [o.id, o]));
  const relations: StoredRelation[] = graph.mapEdges((_key, attrs, subject, object) => ({ subject, predicate: attrs.predicate, object }));
  const pairs = new Map<string, Set<string>>();
  for (const r of relations) {
    const key = `${r.subject}\u0000${r.object}`;
    let set = pairs.get(key);
    if (!set) pairs.set(key, (set = new Set()));
    set.add(r.predicate);
  }
  const stored = (subject: string, object: string): ReadonlySet<string> => pairs.get(`${subject}\u0000${object}`) ?? NONE;
  const insideLinked = (a: string, b: string): boolean => stored(a, b).has(INSIDE_PREDICATE) || stored(b, a).has(INSIDE_PREDICATE);
  const holds = (subject: string, predicate: string, object: string): boolean => {
    if (subject === object) return false;
    const s = byId.get(subject);
    const o = byId.get(object);
    if (!s || !o) return false;
    switch (predicate) {
      case 'to the left of':
      case 'to the right of':
      case 'above':
      case 'below':
        return !insideLinked(subject, object) && dominantDirection(s.box, o.box) === predicate;
      default:
        // Depth and inside are stored for every pair they hold for.
        return stored(subject, object).has(predicate);
    }
  };
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  };
  return { imageId: scene.imageId, location: scene.location ?? '', objects, byId, relations, stored, holds, memo };
}
