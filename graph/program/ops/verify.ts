/**
 * `verify <category>: value` -> yes if some input object has it (negated: lacks it); on the scene, if the
 * scene field equals it. `verify rel: name,predicate,s|o` -> yes if the relation leads to some object.
 * An empty input answers no: nothing has the value.
 */
import { hasValue, sceneHas } from '../category-values.ts';
import { bool, failure, type ExecutionContext, type StepOutcome } from '../execution-context.ts';
import type { StepValue } from '../execution-result.ts';
import { canPlace, isPositionCategory } from '../position.ts';
import type { VerifyRelStep, VerifyStep } from '../program.ts';
import { relatedObjects } from './relate.ts';

export function runVerify(context: ExecutionContext, step: VerifyStep, input: StepValue): StepOutcome {
  const { category, value, negated } = step;
  if (input.kind === 'scene') {
    const holds = sceneHas(context.scene, category, value);
    if (holds === null) return failure('argument', `the scene has no "${category ?? ''}" to verify`);
    return bool(holds !== negated);
  }
  if (input.kind !== 'objects') return failure('argument', 'verify needs objects or the scene');
  if (isPositionCategory(category) && !canPlace(context.scene, category)) {
    return failure('undecidable', `the scene has no size to place objects by`);
  }
  const holds = input.ids.some(
    (id) => hasValue(context, context.graph.getNodeAttributes(id), category, value) !== negated,
  );
  return bool(holds);
}

export function runVerifyRel(context: ExecutionContext, step: VerifyRelStep, input: readonly string[]): StepOutcome {
  const related = relatedObjects(context, step, input);
  if (related === null) return failure('argument', `"${step.predicate}" compares a category the ontology does not have`);
  return bool(related.length > 0);
}
