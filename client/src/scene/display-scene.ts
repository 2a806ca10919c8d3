/**
 * What the image and graph panels draw: objects (with one box, or two in the differences view) and
 * relations, each with a stable key, label, color, opacity (the prediction's score) and, when two graphs
 * are compared, a difference status. Built from the data and never written back to it.
 */
import type { Scene } from '../api/types.ts';
import { boxOf, type Box } from './box.ts';
import { objectColor } from './colors.ts';
import { describeObject, shortId } from './describe.ts';
import type { ObjectDiffStatus, RelationDiffStatus, SceneDiff } from './graph-diff.ts';

export type BoxSource = 'annotated' | 'predicted' | 'scene';

export interface DisplayObject {
  key: string;
  /** The object's id in each graph it comes from. */
  ids: Partial<Record<BoxSource, string>>;
  name: string;
  attributes: string[];
  /** "large blue striped triangle". */
  label: string;
  color: string;
  /** Detection score of a predicted object (1 for annotated ones). */
  score: number;
  boxes: { box: Box; source: BoxSource }[];
  status?: ObjectDiffStatus;
  /** What is wrong, in words, for the differences list. */
  note?: string;
}

export interface DisplayRelation {
  key: string;
  source: string;
  target: string;
  predicate: string;
  label: string;
  score: number;
  status?: RelationDiffStatus;
}

export interface DisplayScene {
  mode: 'scene' | 'diff';
  width: number;
  height: number;
  objects: DisplayObject[];
  relations: DisplayRelation[];
}

export function displayScene(scene: Scene, groups?: Record<string, string[]>): DisplayScene {
  const objects: DisplayObject[] = Object.entries(scene.objects).map(([id, object]) => ({
    key: id,
    ids: { scene: id },
    name: object.name,
    attributes: object.attributes,
    label: describeObject(object, groups),
    color: objectColor(object.attributes),
    score: object.score ?? 1,
    boxes: [{ box: boxOf(object), source: 'scene' }],
  }));
  const relations: DisplayRelation[] = [];
  for (const [id, object] of Object.entries(scene.objects)) {
    object.relations.forEach((relation, index) => {
      if (!(relation.object in scene.objects)) return;
      relations.push({ key: `${id}#${index}`, source: id, target: relation.object, predicate: relation.name, label: relation.name, score: relation.score ?? 1 });
    });
  }
  return { mode: 'scene', width: scene.width, height: scene.height, objects, relations };
}

const STATUS_NOTES: Record<ObjectDiffStatus, string> = {
  correct: 'found',
  'wrong-label': 'wrong label',
  'wrong-attributes': 'wrong attributes',
  missed: 'missed',
  spurious: 'spurious',
};

export function displayDiff(annotated: Scene, predicted: Scene, diff: SceneDiff, groups?: Record<string, string[]>): DisplayScene {
  const objects: DisplayObject[] = diff.objects.map((entry) => {
    const a = entry.annotatedId !== undefined ? annotated.objects[entry.annotatedId] : undefined;
    const p = entry.predictedId !== undefined ? predicted.objects[entry.predictedId] : undefined;
    const shown = (p ?? a)!;
    const boxes: DisplayObject['boxes'] = [];
    if (a) boxes.push({ box: boxOf(a), source: 'annotated' });
    if (p) boxes.push({ box: boxOf(p), source: 'predicted' });
    const notes: string[] = [];
    if (entry.expectedName) notes.push(`annotated as ${entry.expectedName}`);
    if (entry.missingAttributes.length) notes.push(`lacks ${entry.missingAttributes.join(', ')}`);
    if (entry.extraAttributes.length) notes.push(`adds ${entry.extraAttributes.join(', ')}`);
    return {
      key: entry.key,
      ids: { ...(entry.annotatedId !== undefined ? { annotated: entry.annotatedId } : {}), ...(entry.predictedId !== undefined ? { predicted: entry.predictedId } : {}) },
      name: shown.name,
      attributes: shown.attributes,
      label: describeObject(shown, groups),
      color: objectColor(shown.attributes),
      score: p?.score ?? 1,
      boxes,
      status: entry.status,
      note: [STATUS_NOTES[entry.status], ...notes].join('; '),
    };
  });
  const relations: DisplayRelation[] = diff.relations.map((r) => ({
    key: r.key,
    source: r.sourceKey,
    target: r.targetKey,
    predicate: r.predicate,
    label: r.status === 'wrong' ? `${r.predicate} (annotated: ${r.expected})` : r.predicate,
    score: r.score ?? 1,
    status: r.status,
  }));
  return { mode: 'diff', width: annotated.width, height: annotated.height, objects, relations };
}

/**
 * The short id shown for an object: `#3` for an object of the drawn graph (of the annotation in the
 * differences view), `p#3` for an object only the prediction has, whose ids can repeat annotated ones.
 */
export function displayShortId(object: DisplayObject, imageId?: string): string {
  if (object.ids.scene !== undefined) return shortId(object.ids.scene, imageId);
  if (object.ids.annotated !== undefined) return shortId(object.ids.annotated, imageId);
  return `p${shortId(object.ids.predicted ?? object.key, imageId)}`;
}

/** The display key of an object id of one of the drawn graphs (grounding and traces name graph ids). */
export function keyOfId(display: DisplayScene, id: string, source?: BoxSource): string | undefined {
  for (const object of display.objects) {
    if (source ? object.ids[source] === id : Object.values(object.ids).includes(id)) return object.key;
  }
  return undefined;
}
