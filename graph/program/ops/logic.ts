/** `exist` (is the set non-empty), `and`, `or` over yes/no steps. */
import { bool, type StepOutcome } from '../execution-context.ts';

export const runExist = (input: readonly string[]): StepOutcome => bool(input.length > 0);

export const runLogic = (kind: 'and' | 'or', a: boolean, b: boolean): StepOutcome =>
  bool(kind === 'and' ? a && b : a || b);
