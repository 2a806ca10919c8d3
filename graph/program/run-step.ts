/**
 * Runs one step on the values of the steps before it. Parsed programs are checked (check-program.ts), so
 * a dependency that is missing or of the wrong kind here means a hand-built program is malformed: that is
 * a GraphFormatError at `$.steps[i].deps`, not an unsupported answer.
 */
import { GraphFormatError } from '../errors/graph-format-error.ts';
import { failure, type ExecutionContext, type StepOutcome } from './execution-context.ts';
import type { StepValue } from './execution-result.ts';
import { runChoose, runChooseRel, runCompare } from './ops/choose.ts';
import { runFilter } from './ops/filter.ts';
import { runExist, runLogic } from './ops/logic.ts';
import { runQuery } from './ops/query.ts';
import { runRelate } from './ops/relate.ts';
import { runCommon, runSameDifferent } from './ops/same-different.ts';
import { runSelect } from './ops/select.ts';
import { runVerify, runVerifyRel } from './ops/verify.ts';
import type { ProgramStep } from './program.ts';

class Inputs {
  constructor(
    private readonly values: readonly StepValue[],
    private readonly step: ProgramStep,
    private readonly index: number,
  ) {}

  private malformed(position: number, message: string): GraphFormatError {
    return new GraphFormatError(`program/execute: ${this.step.kind} ${message}`, ['steps', this.index, 'deps', position]);
  }

  value(position: number): StepValue {
    const dep = this.step.deps[position];
    const value = dep === undefined || dep >= this.index ? undefined : this.values[dep];
    if (value === undefined) throw this.malformed(position, `needs an earlier step as dependency ${position}`);
    return value;
  }

  objects(position: number): readonly string[] {
    const value = this.value(position);
    if (value.kind !== 'objects') throw this.malformed(position, `needs objects, step ${this.step.deps[position]} gives ${value.kind}`);
    return value.ids;
  }

  boolean(position: number): boolean {
    const value = this.value(position);
    if (value.kind !== 'boolean') throw this.malformed(position, `needs yes/no, step ${this.step.deps[position]} gives ${value.kind}`);
    return value.value;
  }

  target(position: number): StepValue {
    const value = this.value(position);
    if (value.kind !== 'objects' && value.kind !== 'scene') {
      throw this.malformed(position, `needs objects or the scene, step ${this.step.deps[position]} gives ${value.kind}`);
    }
    return value;
  }
}

export function runStep(context: ExecutionContext, step: ProgramStep, index: number, values: readonly StepValue[]): StepOutcome {
  const inputs = new Inputs(values, step, index);
  switch (step.kind) {
    case 'select':
      return runSelect(context, step);
    case 'scene':
      return { kind: 'scene' };
    case 'filter':
      return runFilter(context, step, inputs.objects(0));
    case 'relate':
      return runRelate(context, step, inputs.objects(0));
    case 'query':
      return runQuery(context, step, inputs.target(0));
    case 'verify':
      return runVerify(context, step, inputs.target(0));
    case 'verifyRel':
      return runVerifyRel(context, step, inputs.objects(0));
    case 'choose':
      return runChoose(context, step, inputs.target(0));
    case 'chooseRel':
      return runChooseRel(context, step, inputs.objects(0));
    case 'compare':
      return runCompare(context, step, inputs.objects(0), inputs.objects(1));
    case 'exist':
      return runExist(inputs.objects(0));
    case 'and':
    case 'or':
      return runLogic(step.kind, inputs.boolean(0), inputs.boolean(1));
    case 'same':
    case 'different':
      return runSameDifferent(
        context,
        step,
        step.deps.length === 1 ? [inputs.objects(0)] : [inputs.objects(0), inputs.objects(1)],
      );
    case 'common':
      return runCommon(context, inputs.objects(0), inputs.objects(1));
    case 'unknown':
      return failure('operation', `"${step.operation}" is not an operation this executor knows`);
  }
}
