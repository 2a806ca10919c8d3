/**
 * Assembles one Visual Genome image's SceneGraph from its entries in objects.json, attributes.json and
 * relationships.json (in that order) and its image_data.json record.
 *
 * Rules:
 * - Node key and `id` = String(object_id); nodes in order of first appearance (objects.json, then
 *   attributes.json, then relationship endpoints).
 * - `name` = `names[0]` (v1.2) or `name` (v1.0); `attributes` = the object's attributes from objects.json
 *   and attributes.json merged by object_id, in order of appearance, repeats and empty strings dropped.
 * - Labels are trimmed, lower-cased and have inner whitespace collapsed (`normalizeVgLabel`); for names and
 *   attributes this can be switched off (`normalizeLabels: false`), predicates are always normalized.
 * - A repeated object_id with the same box is merged (attributes united, the first name kept); with a
 *   different box it is an error naming both places. An attributes.json entry whose box differs from
 *   objects.json keeps the objects.json box.
 * - An object that appears only as a relationship endpoint (VG v1.0 files do this) is added from the
 *   endpoint's own name and box; an endpoint with neither a known object_id nor a name and box is an error
 *   naming its JSON path.
 * - Edges subject -> object in relationships.json order; parallel and duplicate relationships are kept.
 * - width/height come from image_data.json; without image_data the size is the extent of the boxes.
 * - An optional label filter keeps only listed object names (dropping their relations), predicates and
 *   attributes. Without a predicate filter an empty predicate is an error; with one it is filtered out.
 */
import { formatJsonPath, GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import { createSceneGraph, type Box, type ObjectAttrs, type RelationAttrs, type SceneGraph } from '../scene-graph.ts';
import type { VgImageAttributes, VgImageData, VgImageObjects, VgImageRelationships, VgObject, VgObjectRef } from './vg-schema.ts';

/** The four annotation files. */
export type VgSource = 'objects' | 'attributes' | 'relationships' | 'imageData';

export const VG_DEFAULT_FILE_NAMES: Readonly<Record<VgSource, string>> = {
  objects: 'objects.json',
  attributes: 'attributes.json',
  relationships: 'relationships.json',
  imageData: 'image_data.json',
};

/** Label sets to keep (e.g. the VG150 lists); each absent set keeps everything of its kind. */
export interface VisualGenomeLabelFilter {
  objects?: Iterable<string>;
  attributes?: Iterable<string>;
  predicates?: Iterable<string>;
}

export interface VisualGenomeImportOptions {
  /** Trim, lower-case and collapse whitespace in object names and attributes (default true). */
  normalizeLabels?: boolean;
  labels?: VisualGenomeLabelFilter;
  /** File names used in error messages (default: the VG file names). */
  files?: Partial<Record<VgSource, string>>;
}

/** Options with defaults filled in and filters as sets; built once per import. */
export interface VgResolvedOptions {
  normalizeLabels: boolean;
  objects: ReadonlySet<string> | undefined;
  attributes: ReadonlySet<string> | undefined;
  predicates: ReadonlySet<string> | undefined;
  files: Readonly<Record<VgSource, string>>;
}

export function resolveVgOptions(options: VisualGenomeImportOptions = {}): VgResolvedOptions {
  const set = (labels: Iterable<string> | undefined): ReadonlySet<string> | undefined => (labels ? new Set(labels) : undefined);
  return {
    normalizeLabels: options.normalizeLabels ?? true,
    objects: set(options.labels?.objects),
    attributes: set(options.labels?.attributes),
    predicates: set(options.labels?.predicates),
    files: { ...VG_DEFAULT_FILE_NAMES, ...options.files },
  };
}

/** `"  Parked  ON "` -> `"parked on"`. */
export function normalizeVgLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

const OBJECT_FIELDS = new Set(['object_id', 'x', 'y', 'w', 'h', 'name', 'names', 'attributes']);
const RELATION_FIELDS = new Set(['predicate', 'subject', 'object']);
const IMAGE_FIELDS = new Set(['image_id', 'id', 'width', 'height']);

function extraFields(value: Record<string, unknown>, known: Set<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    if (!known.has(key)) (extra ??= {})[key] = field;
  }
  return extra;
}

/** Where an entry came from, for messages naming both places of a conflict. */
interface Place {
  file: string;
  path: JsonPath;
}

interface PendingObject {
  attrs: ObjectAttrs;
  place: Place;
}

interface PendingRelation {
  subject: string;
  object: string;
  attrs: RelationAttrs;
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

export class VgSceneBuilder {
  private readonly objects = new Map<string, PendingObject>();
  private readonly relations: PendingRelation[] = [];

  constructor(
    readonly imageId: number,
    private readonly options: VgResolvedOptions,
  ) {}

  private fail(message: string, place: Place): never {
    throw new GraphFormatError(`visual-genome: ${message}`, place.path, place.file);
  }

  private label(value: string): string {
    return this.options.normalizeLabels ? normalizeVgLabel(value) : value;
  }

  private nameOf(entry: VgObject | VgObjectRef, place: Place): string {
    const [first] = entry.names ?? [];
    const raw = first ?? entry.name;
    const where = { ...place, path: [...place.path, ...(first !== undefined ? ['names', 0] : ['name'])] };
    if (raw === undefined) this.fail(`object ${entry.object_id} has no names or name`, place);
    const name = this.label(raw);
    if (name === '') this.fail(`object ${entry.object_id} has an empty name`, where);
    return name;
  }

  private mergeAttributes(target: string[], values: readonly string[] | undefined): void {
    for (const value of values ?? []) {
      const attribute = this.label(value);
      if (attribute !== '' && !target.includes(attribute)) target.push(attribute);
    }
  }

  private objectFrom(entry: VgObject, place: Place): ObjectAttrs {
    const key = String(entry.object_id);
    const attributes: string[] = [];
    this.mergeAttributes(attributes, entry.attributes);
    const extra = extraFields(entry, OBJECT_FIELDS);
    // Further names are kept, so nothing of the source is lost.
    const withNames = entry.names && entry.names.length > 1 ? { ...extra, names: entry.names } : extra;
    return {
      id: key,
      name: this.nameOf(entry, place),
      box: { x: entry.x, y: entry.y, w: entry.w, h: entry.h },
      attributes,
      ...(withNames ? { extra: withNames } : {}),
    };
  }

  /** Adds or merges one objects.json / attributes.json object. */
  private addObject(entry: VgObject, place: Place, source: 'objects' | 'attributes'): void {
    const key = String(entry.object_id);
    const known = this.objects.get(key);
    if (!known) {
      this.objects.set(key, { attrs: this.objectFrom(entry, place), place });
      return;
    }
    const box = { x: entry.x, y: entry.y, w: entry.w, h: entry.h };
    if (source === 'objects' && known.place.file === place.file && !sameBox(known.attrs.box, box)) {
      this.fail(`duplicate object_id ${key} with a different box (first at ${describePlace(known.place)})`, place);
    }
    this.mergeAttributes(known.attrs.attributes, entry.attributes);
  }

  addObjects(entry: VgImageObjects, path: JsonPath): void {
    const file = this.options.files.objects;
    entry.objects.forEach((object, i) => this.addObject(object, { file, path: [...path, 'objects', i] }, 'objects'));
  }

  addAttributes(entry: VgImageAttributes, path: JsonPath): void {
    const file = this.options.files.attributes;
    entry.attributes.forEach((object, i) => this.addObject(object, { file, path: [...path, 'attributes', i] }, 'attributes'));
  }

  /** The node key of a relationship endpoint, adding the object from the endpoint when it is new. */
  private endpoint(ref: VgObjectRef, place: Place): string {
    const key = String(ref.object_id);
    if (this.objects.has(key)) return key;
    const { x, y, w, h } = ref;
    if (x === undefined || y === undefined || w === undefined || h === undefined || (ref.name === undefined && !ref.names?.length)) {
      this.fail(
        `relationship refers to object_id ${key}, which no objects or attributes entry of image ${this.imageId} has, ` +
          'and the endpoint has no name and box of its own',
        { ...place, path: [...place.path, 'object_id'] },
      );
    }
    this.objects.set(key, { attrs: this.objectFrom({ ...ref, x, y, w, h }, place), place });
    return key;
  }

  addRelationships(entry: VgImageRelationships, path: JsonPath): void {
    const file = this.options.files.relationships;
    entry.relationships.forEach((relationship, i) => {
      const place = { file, path: [...path, 'relationships', i] };
      const subject = this.endpoint(relationship.subject, { file, path: [...place.path, 'subject'] });
      const object = this.endpoint(relationship.object, { file, path: [...place.path, 'object'] });
      const predicate = normalizeVgLabel(relationship.predicate);
      if (predicate === '' && !this.options.predicates) this.fail('empty predicate', { file, path: [...place.path, 'predicate'] });
      const extra = extraFields(relationship, RELATION_FIELDS);
      this.relations.push({ subject, object, attrs: { predicate, ...(extra ? { extra } : {}) } });
    });
  }

  /** The SceneGraph, sized by `imageData` (or by the boxes when there is none), with the label filter applied. */
  build(imageData: VgImageData | undefined): SceneGraph {
    const { objects: keepNames, attributes: keepAttributes, predicates: keepPredicates } = this.options;
    let width = imageData?.width ?? 0;
    let height = imageData?.height ?? 0;
    if (!imageData) {
      for (const { attrs } of this.objects.values()) {
        width = Math.max(width, attrs.box.x + attrs.box.w);
        height = Math.max(height, attrs.box.y + attrs.box.h);
      }
    }
    const extra = imageData ? extraFields(imageData, IMAGE_FIELDS) : undefined;
    const graph = createSceneGraph({ imageId: String(this.imageId), width, height, ...(extra ? { extra } : {}) });
    for (const [key, { attrs }] of this.objects) {
      if (keepNames && !keepNames.has(attrs.name)) continue;
      const attributes = keepAttributes ? attrs.attributes.filter((a) => keepAttributes.has(a)) : attrs.attributes;
      graph.addNode(key, { ...attrs, attributes });
    }
    for (const { subject, object, attrs } of this.relations) {
      if (keepPredicates && !keepPredicates.has(attrs.predicate)) continue;
      if (!graph.hasNode(subject) || !graph.hasNode(object)) continue;
      graph.addDirectedEdge(subject, object, attrs);
    }
    return graph;
  }
}

function describePlace(place: Place): string {
  return `${formatJsonPath(place.path)} of ${place.file}`;
}
