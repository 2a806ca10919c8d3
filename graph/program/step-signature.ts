/**
 * What each step kind consumes and produces, so a parsed program is checked once (right number of
 * dependencies, each of the right kind) and the executor can trust it.
 */
import type { StepKind } from './program.ts';

/** The kind of value a step produces. `scene` is the whole image (`select: scene`). */
export type ValueKind = 'objects' | 'scene' | 'boolean' | 'string';

/** What a step accepts from each dependency: `target` = objects or the scene. */
export type InputKind = 'objects' | 'target' | 'boolean' | 'any';

export interface StepSignature {
  /** Allowed dependency counts. */
  arity: readonly number[];
  input: InputKind;
  /** `any` only for unknown operations, whose output nobody can tell. */
  output: ValueKind | 'any';
}

export const STEP_SIGNATURES: Readonly<Record<StepKind, StepSignature>> = {
  select: { arity: [0], input: 'any', output: 'objects' },
  scene: { arity: [0], input: 'any', output: 'scene' },
  filter: { arity: [1], input: 'objects', output: 'objects' },
  relate: { arity: [1], input: 'objects', output: 'objects' },
  query: { arity: [1], input: 'target', output: 'string' },
  verify: { arity: [1], input: 'target', output: 'boolean' },
  verifyRel: { arity: [1], input: 'objects', output: 'boolean' },
  choose: { arity: [1], input: 'target', output: 'string' },
  chooseRel: { arity: [1], input: 'objects', output: 'string' },
  compare: { arity: [2], input: 'objects', output: 'string' },
  exist: { arity: [1], input: 'objects', output: 'boolean' },
  and: { arity: [2], input: 'boolean', output: 'boolean' },
  or: { arity: [2], input: 'boolean', output: 'boolean' },
  same: { arity: [1, 2], input: 'objects', output: 'boolean' },
  different: { arity: [1, 2], input: 'objects', output: 'boolean' },
  common: { arity: [2], input: 'objects', output: 'string' },
  unknown: { arity: [], input: 'any', output: 'any' },
};

export function accepts(input: InputKind, produced: ValueKind | 'any'): boolean {
  if (input === 'any' || produced === 'any') return true;
  if (input === 'target') return produced === 'objects' || produced === 'scene';
  return input === produced;
}
