/**
 * Derived values: the graph being worked on (base graph + its edits) and what the panels draw. Each is
 * memoized on the identities of its inputs, so every panel that asks gets the same object back until
 * the data changes, and panels can compare by identity.
 */
import type { Scene } from '../api/types.ts';
import { displayDiff, displayScene, type DisplayScene } from '../scene/display-scene.ts';
import { diffScenes, type SceneDiff } from '../scene/graph-diff.ts';
import { applyEdits, type SceneEdit } from '../scene/scene-edits.ts';
import type { AppState, EditableGraph } from './state.ts';

function memo<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | undefined;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((value, i) => value === args[i])) return lastResult;
    lastArgs = args;
    lastResult = compute(...args);
    return lastResult;
  };
}

export function baseScene(state: AppState, which: EditableGraph): Scene | undefined {
  if (which === 'annotated') return state.annotated;
  return state.predicted.status === 'ready' ? state.predicted.value : undefined;
}

const editedAnnotated = memo((scene: Scene | undefined, edits: SceneEdit[]) => (scene && edits.length ? applyEdits(scene, edits) : scene));
const editedPredicted = memo((scene: Scene | undefined, edits: SceneEdit[]) => (scene && edits.length ? applyEdits(scene, edits) : scene));

/** The base graph with its edits applied (the base itself when there are none). */
export function workingScene(state: AppState, which: EditableGraph): Scene | undefined {
  const edit = which === 'annotated' ? editedAnnotated : editedPredicted;
  return edit(baseScene(state, which), state.edits[which]);
}

/** The graph edits apply to and questions are asked on; none in the differences view. */
export function editableGraph(state: AppState): EditableGraph | undefined {
  return state.choice === 'diff' ? undefined : state.choice;
}

const diffOf = memo((annotated: Scene, predicted: Scene): SceneDiff => diffScenes(annotated, predicted));
const sceneDisplay = memo((scene: Scene, groups: Record<string, string[]> | undefined) => displayScene(scene, groups));
const diffDisplay = memo((annotated: Scene, predicted: Scene, groups: Record<string, string[]> | undefined) => displayDiff(annotated, predicted, diffOf(annotated, predicted), groups));

/** Predicted vs annotated, when both graphs are there (edits are not part of the comparison). */
export function sceneDiff(state: AppState): SceneDiff | undefined {
  const predicted = baseScene(state, 'predicted');
  return state.annotated && predicted ? diffOf(state.annotated, predicted) : undefined;
}

export function attributeGroups(state: AppState): Record<string, string[]> | undefined {
  return state.model?.labels.attributes;
}

/** What the image and graph panels draw now. */
export function currentDisplay(state: AppState): DisplayScene | undefined {
  const groups = attributeGroups(state);
  if (state.choice === 'diff') {
    const predicted = baseScene(state, 'predicted');
    return state.annotated && predicted ? diffDisplay(state.annotated, predicted, groups) : undefined;
  }
  const scene = workingScene(state, state.choice);
  return scene ? sceneDisplay(scene, groups) : undefined;
}

export function activeAsk(state: AppState) {
  return state.asks.find((ask) => ask.id === state.activeAsk);
}
