/**
 * Structural check of a program: dependencies point backwards, each step has as many as its kind takes,
 * and each dependency produces what the step consumes (objects, the scene, yes/no). Run by both parsers;
 * callers that build programs by hand can run it too.
 */
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import type { Program } from './program.ts';
import { accepts, STEP_SIGNATURES, type ValueKind } from './step-signature.ts';

export interface CheckOptions {
  /** Path of the step list in the source document (default `['steps']`). */
  path?: JsonPath;
  file?: string;
}

/** Throws a GraphFormatError at `<path>[i].dependencies` for the first ill-formed step. */
export function checkProgram(program: Program, options: CheckOptions = {}): void {
  const base = options.path ?? ['steps'];
  const { steps } = program;
  if (steps.length === 0) throw new GraphFormatError('program/check: empty program', base, options.file);
  const produced: (ValueKind | 'any')[] = [];
  steps.forEach((step, index) => {
    const at = [...base, index, 'dependencies'];
    const signature = STEP_SIGNATURES[step.kind];
    if (signature.arity.length > 0 && !signature.arity.includes(step.deps.length)) {
      const expected = signature.arity.join(' or ');
      throw new GraphFormatError(
        `program/check: ${step.kind} takes ${expected} dependencies, got ${step.deps.length}`,
        at,
        options.file,
      );
    }
    step.deps.forEach((dep, position) => {
      if (!Number.isInteger(dep) || dep < 0 || dep >= index) {
        throw new GraphFormatError(
          `program/check: dependency ${String(dep)} must be the index of an earlier step (0..${index - 1})`,
          [...at, position],
          options.file,
        );
      }
      const kind = produced[dep] ?? 'any';
      if (!accepts(signature.input, kind)) {
        throw new GraphFormatError(
          `program/check: ${step.kind} needs ${signature.input} from step ${dep}, which gives ${kind}`,
          [...at, position],
          options.file,
        );
      }
    });
    produced.push(signature.output);
  });
}
