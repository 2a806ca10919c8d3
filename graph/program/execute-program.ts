/**
 * Executes a program on a SceneGraph, step by step in program order (every dependency is an earlier
 * step, so one pass suffices). The answer is the value of the last step: `yes` / `no` for yes/no steps,
 * the lower-cased word otherwise. The first step that cannot run ends execution with `unsupported`.
 */
import { GraphFormatError } from '../errors/graph-format-error.ts';
import type { SceneGraph } from '../scene-graph.ts';
import { createContext, type ExecuteOptions } from './execution-context.ts';
import type { ExecutionResult, StepTrace, StepValue } from './execution-result.ts';
import { stepOperation } from './format-semantic.ts';
import type { Program } from './program.ts';
import { runStep } from './run-step.ts';

export function executeProgram(graph: SceneGraph, program: Program, options: ExecuteOptions = {}): ExecutionResult {
  const { steps } = program;
  if (steps.length === 0) throw new GraphFormatError('program/execute: empty program', ['steps']);
  const context = createContext(graph, options);
  const values: StepValue[] = [];
  const trace: StepTrace[] = [];
  for (const [index, step] of steps.entries()) {
    const outcome = runStep(context, step, index, values);
    const operation = stepOperation(step);
    if (outcome.kind === 'failure') {
      return { kind: 'unsupported', operation, step: index, cause: outcome.cause, reason: outcome.reason, trace };
    }
    values.push(outcome);
    trace.push({ step: index, operation, value: outcome });
  }
  const last = values[values.length - 1];
  if (last?.kind === 'boolean') return { kind: 'answer', answer: last.value ? 'yes' : 'no', trace };
  if (last?.kind === 'string') return { kind: 'answer', answer: last.value.toLowerCase(), trace };
  const lastIndex = steps.length - 1;
  const lastStep = steps[lastIndex];
  return {
    kind: 'unsupported',
    operation: lastStep === undefined ? '' : stepOperation(lastStep),
    step: lastIndex,
    cause: 'no-answer',
    reason: `the program ends in ${last?.kind === 'scene' ? 'the scene' : 'an object set'}, not an answer`,
    trace,
  };
}
