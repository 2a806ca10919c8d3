/**
 * An object's (or the scene's) value in a category, the one place that knows where each category lives:
 * - `name` / `type`: the object's name;
 * - `hposition` / `vposition`: derived from the box (position.ts);
 * - an ontology category: the object's attributes listed under it, preceded by the name when the name
 *   itself is listed (a world whose shapes are names answers `query shape` too);
 * - otherwise a class of the name hierarchy: the object's name if it is one (`query shape` with
 *   `{ shape: [circle, ...] }` as hypernyms);
 * - on the scene: `place` / `location` -> scene.location, `weather` -> scene.weather.
 */
import type { ObjectAttrs, SceneAttrs } from '../scene-graph.ts';
import type { ExecutionContext } from './execution-context.ts';
import { isPositionCategory, positionName, relativeCentre } from './position.ts';

const NAME_CATEGORIES = new Set(['name', 'type']);

/** Values of an object in a category (in its attribute order); null when the category is unknown. */
export function objectValues(context: ExecutionContext, object: ObjectAttrs, category: string): string[] | null {
  if (NAME_CATEGORIES.has(category)) return [object.name];
  if (isPositionCategory(category)) {
    const t = relativeCentre(object.box, context.scene, category);
    return t === undefined ? [] : [positionName(t, category)];
  }
  const listed = context.ontology.values.get(category);
  if (!listed) {
    if (!context.names.isClass(category)) return null;
    return context.names.matches(object.name, category) ? [object.name] : [];
  }
  const values: string[] = [];
  if (listed.has(object.name)) values.push(object.name);
  for (const attribute of object.attributes) if (listed.has(attribute)) values.push(attribute);
  return values;
}

/**
 * Whether an object has `value`: by name for `name` / `type`, by box for positions, by name for a
 * category whose values include the name (or a name class), otherwise by its attributes, whatever the
 * category says: GQA's `filter weather: clear` on a sky is the attribute clear.
 */
export function hasValue(
  context: ExecutionContext,
  object: ObjectAttrs,
  category: string | undefined,
  value: string,
): boolean {
  if (category !== undefined) {
    if (NAME_CATEGORIES.has(category)) return context.names.matches(object.name, value);
    if (isPositionCategory(category)) {
      const t = relativeCentre(object.box, context.scene, category);
      return t !== undefined && positionName(t, category) === value;
    }
    const listed = context.ontology.values.get(category);
    if (listed) {
      if (object.name === value && listed.has(value)) return true;
    } else if (context.names.isClass(category)) {
      if (context.names.matches(object.name, value) && context.names.matches(object.name, category)) return true;
    }
  }
  return object.attributes.includes(value);
}

const SCENE_FIELDS: Readonly<Record<string, 'location' | 'weather'>> = {
  place: 'location',
  location: 'location',
  weather: 'weather',
};

/**
 * The scene's value in a category: a string, undefined when the scene does not say, null when the
 * category is not a scene field.
 */
export function sceneValue(scene: SceneAttrs, category: string): string | undefined | null {
  const field = SCENE_FIELDS[category];
  return field === undefined ? null : scene[field];
}

/** Whether the scene has `value` in `category`, or in any scene field when the category is absent. */
export function sceneHas(scene: SceneAttrs, category: string | undefined, value: string): boolean | null {
  if (category === undefined) return scene.location === value || scene.weather === value;
  const actual = sceneValue(scene, category);
  return actual === null ? null : actual === value;
}
