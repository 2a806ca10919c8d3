/**
 * Counterfactual edits of a scene graph (GraphVQA-Explorer style): delete or relabel an object,
 * replace, add or remove an attribute, add or remove a relation. Each edit is a value, applied by a
 * pure function that returns a new scene, so the edit log can be replayed, shown and undone, and the
 * original graph is never touched.
 */
import type { Scene, SceneObject } from '../api/types.ts';
import { SceneEditError } from './scene-edit-error.ts';

export type SceneEdit =
  | { kind: 'delete-object'; id: string }
  | { kind: 'rename-object'; id: string; name: string }
  /** `from: null` adds `to`; `to: null` removes `from`; both replace. */
  | { kind: 'replace-attribute'; id: string; from: string | null; to: string | null }
  | { kind: 'add-relation'; source: string; predicate: string; target: string }
  | { kind: 'remove-relation'; source: string; predicate: string; target: string };

function objectOf(scene: Scene, id: string): SceneObject {
  const object = scene.objects[id];
  if (!object) throw new SceneEditError(`no object "${id}" in the scene`);
  return object;
}

function withObject(scene: Scene, id: string, change: (object: SceneObject) => SceneObject): Scene {
  return { ...scene, objects: { ...scene.objects, [id]: change(objectOf(scene, id)) } };
}

export function applyEdit(scene: Scene, edit: SceneEdit): Scene {
  switch (edit.kind) {
    case 'delete-object': {
      objectOf(scene, edit.id);
      const objects: Scene['objects'] = {};
      for (const [id, object] of Object.entries(scene.objects)) {
        if (id === edit.id) continue;
        const relations = object.relations.filter((r) => r.object !== edit.id);
        objects[id] = relations.length === object.relations.length ? object : { ...object, relations };
      }
      return { ...scene, objects };
    }
    case 'rename-object': {
      if (!edit.name.trim()) throw new SceneEditError('an object name cannot be empty');
      return withObject(scene, edit.id, (object) => ({ ...object, name: edit.name.trim() }));
    }
    case 'replace-attribute':
      return withObject(scene, edit.id, (object) => {
        const attributes = [...object.attributes];
        if (edit.from !== null) {
          const at = attributes.indexOf(edit.from);
          if (at < 0) throw new SceneEditError(`object "${edit.id}" has no attribute "${edit.from}"`);
          if (edit.to === null) attributes.splice(at, 1);
          else attributes[at] = edit.to;
        } else if (edit.to !== null) attributes.push(edit.to);
        return { ...object, attributes: attributes.filter((value, index) => attributes.indexOf(value) === index) };
      });
    case 'add-relation': {
      objectOf(scene, edit.target);
      if (edit.source === edit.target) throw new SceneEditError('a relation needs two different objects');
      return withObject(scene, edit.source, (object) => {
        if (object.relations.some((r) => r.name === edit.predicate && r.object === edit.target)) {
          throw new SceneEditError(`"${edit.source}" is already "${edit.predicate}" "${edit.target}"`);
        }
        return { ...object, relations: [...object.relations, { name: edit.predicate, object: edit.target }] };
      });
    }
    case 'remove-relation':
      return withObject(scene, edit.source, (object) => {
        const at = object.relations.findIndex((r) => r.name === edit.predicate && r.object === edit.target);
        if (at < 0) throw new SceneEditError(`"${edit.source}" has no relation "${edit.predicate}" to "${edit.target}"`);
        return { ...object, relations: object.relations.filter((_, index) => index !== at) };
      });
  }
}

/** The scene after every edit in order. */
export function applyEdits(scene: Scene, edits: readonly SceneEdit[]): Scene {
  return edits.reduce(applyEdit, scene);
}

/** One line per edit for the edit log, with objects named by `name(id)`. */
export function describeEdit(edit: SceneEdit, name: (id: string) => string): string {
  switch (edit.kind) {
    case 'delete-object':
      return `deleted ${name(edit.id)}`;
    case 'rename-object':
      return `relabelled ${name(edit.id)} as "${edit.name}"`;
    case 'replace-attribute':
      if (edit.from === null) return `added "${edit.to}" to ${name(edit.id)}`;
      if (edit.to === null) return `removed "${edit.from}" from ${name(edit.id)}`;
      return `changed "${edit.from}" to "${edit.to}" on ${name(edit.id)}`;
    case 'add-relation':
      return `added ${name(edit.source)} ${edit.predicate} ${name(edit.target)}`;
    case 'remove-relation':
      return `removed ${name(edit.source)} ${edit.predicate} ${name(edit.target)}`;
  }
}
