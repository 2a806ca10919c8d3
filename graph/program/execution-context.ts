/**
 * Everything a step needs besides its inputs: the graph, its scene attributes, the prepared ontology and
 * the name matcher. Built once per `executeProgram` call; the ontology and matcher are cached per object,
 * so building it costs a few map lookups.
 */
import type { SceneAttrs, SceneGraph } from '../scene-graph.ts';
import { DEFAULT_HYPERNYMS, type NameHierarchy } from './default-hypernyms.ts';
import { DEFAULT_ONTOLOGY } from './default-ontology.ts';
import type { StepValue, UnsupportedCause } from './execution-result.ts';
import { nameMatcher, type NameMatcher } from './name-matcher.ts';
import { prepareOntology, type AttributeOntology, type PreparedOntology } from './ontology.ts';

export interface ExecuteOptions {
  /** Attribute categories and their values (default: DEFAULT_ONTOLOGY). */
  ontology?: AttributeOntology;
  /** Name classes for `select: person` and the like (default: DEFAULT_HYPERNYMS). */
  hypernyms?: NameHierarchy;
}

export interface ExecutionContext {
  graph: SceneGraph;
  scene: SceneAttrs;
  ontology: PreparedOntology;
  names: NameMatcher;
}

export function createContext(graph: SceneGraph, options: ExecuteOptions): ExecutionContext {
  return {
    graph,
    scene: graph.getAttributes(),
    ontology: prepareOntology(options.ontology ?? DEFAULT_ONTOLOGY),
    names: nameMatcher(options.hypernyms ?? DEFAULT_HYPERNYMS),
  };
}

/** A step that could not run; becomes the `unsupported` result. */
export interface StepFailure {
  kind: 'failure';
  cause: UnsupportedCause;
  reason: string;
}

export type StepOutcome = StepValue | StepFailure;

export const failure = (cause: UnsupportedCause, reason: string): StepFailure => ({ kind: 'failure', cause, reason });

export const objects = (ids: readonly string[]): StepValue => ({ kind: 'objects', ids });
export const bool = (value: boolean): StepValue => ({ kind: 'boolean', value });
export const word = (value: string): StepValue => ({ kind: 'string', value });
