/**
 * `query: category`: the value of the first input object that has one (GQA's programs narrow the set to
 * the one object they ask about; on predicted graphs several may remain and the trace shows which), or the
 * scene's place / location / weather after `select: scene`.
 */
import { objectValues, sceneValue } from '../category-values.ts';
import { failure, word, type ExecutionContext, type StepOutcome } from '../execution-context.ts';
import type { StepValue } from '../execution-result.ts';
import type { QueryStep } from '../program.ts';

export function runQuery(context: ExecutionContext, step: QueryStep, input: StepValue): StepOutcome {
  const { category } = step;
  if (input.kind === 'scene') {
    const value = sceneValue(context.scene, category);
    if (value === null) return failure('argument', `the scene has no "${category}" to query`);
    if (value === undefined) return failure('undecidable', `the scene's ${category} is not annotated`);
    return word(value);
  }
  if (input.kind !== 'objects') return failure('argument', `query needs objects or the scene`);
  if (input.ids.length === 0) return failure('empty', `no object to query the ${category} of`);
  for (const id of input.ids) {
    const values = objectValues(context, context.graph.getNodeAttributes(id), category);
    if (values === null) return failure('argument', `unknown category "${category}" (not in the ontology)`);
    const first = values[0];
    if (first !== undefined) return word(first);
  }
  return failure('undecidable', `none of the ${input.ids.length} object(s) has a ${category}`);
}
