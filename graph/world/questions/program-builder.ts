/** Accumulates GQA `semantic` steps; `add` returns the new step's index for later dependencies. */
import type { GqaSemanticStep } from '../../program/index.ts';

export class ProgramBuilder {
  readonly steps: GqaSemanticStep[] = [];

  add(operation: string, argument: string, dependencies: readonly number[]): number {
    this.steps.push({ operation, argument, dependencies: [...dependencies] });
    return this.steps.length - 1;
  }
}
