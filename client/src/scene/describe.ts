/** Human-readable names for objects and ids, used by every panel so they all say the same thing. */
import type { SceneObject } from '../api/types.ts';

/** Attribute groups read before the name, in this order ("large blue striped triangle"). */
const GROUP_ORDER = ['size', 'color', 'material'];

/**
 * Attributes then name, the way questions refer to objects. With the vocabulary's attribute groups,
 * attributes are ordered size, color, material, then the rest; otherwise they keep their stored order.
 */
export function describeObject(object: Pick<SceneObject, 'name' | 'attributes'>, groups?: Record<string, string[]>): string {
  const attributes = groups ? orderAttributes(object.attributes, groups) : object.attributes;
  return [...attributes, object.name].join(' ');
}

export function orderAttributes(attributes: readonly string[], groups: Record<string, string[]>): string[] {
  const rank = new Map<string, number>();
  const order = [...GROUP_ORDER.filter((group) => group in groups), ...Object.keys(groups).filter((group) => !GROUP_ORDER.includes(group))];
  order.forEach((group, index) => {
    for (const value of groups[group] ?? []) if (!rank.has(value)) rank.set(value, index);
  });
  return attributes
    .map((value, index) => ({ value, index, rank: rank.get(value) ?? order.length }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.value);
}

/** `sample-000000-3` -> `#3` when the id extends the image id; other ids are shown as they are. */
export function shortId(id: string, imageId?: string): string {
  if (imageId && id.startsWith(`${imageId}-`)) return `#${id.slice(imageId.length + 1)}`;
  return id;
}

/**
 * The stem all ids share up to their last `-` (`sample-000000-view1` for `sample-000000-view1-0`,
 * `-view1-3`, …), to pass to `shortId` for graphs whose ids extend an id the page does not know (the
 * augmented views); undefined when they share none.
 */
export function sharedIdStem(ids: readonly string[]): string | undefined {
  const stems = new Set(ids.map((id) => id.slice(0, Math.max(0, id.lastIndexOf('-')))));
  const [stem] = stems;
  return stems.size === 1 && stem ? stem : undefined;
}

/** The attribute group a value belongs to, if the vocabulary knows it. */
export function groupOf(value: string, groups: Record<string, string[]>): string | undefined {
  for (const [group, values] of Object.entries(groups)) if (values.includes(value)) return group;
  return undefined;
}

/** `#3 small blue circle`: an object of a scene by short id and description (the id alone if it is gone). */
export function nameObject(scene: { objects: Record<string, Pick<SceneObject, 'name' | 'attributes'>> } | undefined, id: string, imageId?: string, groups?: Record<string, string[]>): string {
  const object = scene?.objects[id];
  return object ? `${shortId(id, imageId)} ${describeObject(object, groups)}` : shortId(id, imageId);
}
