/** `filter <category>: [not(]value[)]`: the input objects that have (or, negated, lack) the value. */
import { hasValue } from '../category-values.ts';
import { failure, objects, type ExecutionContext, type StepOutcome } from '../execution-context.ts';
import { canPlace, isPositionCategory } from '../position.ts';
import type { FilterStep } from '../program.ts';

export function runFilter(context: ExecutionContext, step: FilterStep, input: readonly string[]): StepOutcome {
  const { category } = step;
  if (isPositionCategory(category) && !canPlace(context.scene, category)) {
    return failure('undecidable', `the scene has no ${category === 'hposition' ? 'width' : 'height'} to place objects by`);
  }
  const kept = input.filter(
    (id) => hasValue(context, context.graph.getNodeAttributes(id), category, step.value) !== step.negated,
  );
  return objects(kept);
}
