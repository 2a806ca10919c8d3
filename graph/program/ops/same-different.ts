/**
 * `same` / `different` and `common`, all over category values (category-values.ts):
 * - between two steps: same = the value sets of the two sides intersect (union over each side's objects);
 * - within one step: same = one value is shared by every object of the set;
 * - `different` = not `same`;
 * - `common`: the first ontology category in which the two sides share a value.
 * An object without a value in the category makes the comparison undecidable, not a "no".
 */
import { objectValues } from '../category-values.ts';
import { bool, failure, word, type ExecutionContext, type StepOutcome } from '../execution-context.ts';
import type { SameDifferentStep } from '../program.ts';

type Values = { ok: true; values: string[][] } | { ok: false; outcome: StepOutcome };

function valuesOf(context: ExecutionContext, ids: readonly string[], category: string): Values {
  const values: string[][] = [];
  for (const id of ids) {
    const object = context.graph.getNodeAttributes(id);
    const found = objectValues(context, object, category);
    if (found === null) return { ok: false, outcome: failure('argument', `unknown category "${category}"`) };
    if (found.length === 0) {
      return { ok: false, outcome: failure('undecidable', `${object.name} (${id}) has no ${category}`) };
    }
    values.push(found);
  }
  return { ok: true, values };
}

export function runSameDifferent(
  context: ExecutionContext,
  step: SameDifferentStep,
  sets: readonly (readonly string[])[],
): StepOutcome {
  if (sets.some((set) => set.length === 0)) return failure('empty', `no object to compare the ${step.category} of`);
  let same: boolean;
  if (sets.length === 1) {
    const within = valuesOf(context, sets[0] ?? [], step.category);
    if (!within.ok) return within.outcome;
    const [first = [], ...rest] = within.values;
    same = first.some((value) => rest.every((other) => other.includes(value)));
  } else {
    const left = valuesOf(context, sets[0] ?? [], step.category);
    if (!left.ok) return left.outcome;
    const right = valuesOf(context, sets[1] ?? [], step.category);
    if (!right.ok) return right.outcome;
    const leftValues = new Set(left.values.flat());
    same = right.values.flat().some((value) => leftValues.has(value));
  }
  return bool(step.kind === 'same' ? same : !same);
}

export function runCommon(context: ExecutionContext, first: readonly string[], second: readonly string[]): StepOutcome {
  if (first.length === 0 || second.length === 0) return failure('empty', 'common needs an object on both sides');
  const union = (ids: readonly string[], category: string): Set<string> => {
    const values = new Set<string>();
    for (const id of ids) for (const value of objectValues(context, context.graph.getNodeAttributes(id), category) ?? []) values.add(value);
    return values;
  };
  for (const category of context.ontology.categories) {
    const left = union(first, category);
    if (left.size === 0) continue;
    for (const value of union(second, category)) if (left.has(value)) return word(category);
  }
  return failure('undecidable', 'the objects share no attribute value in any ontology category');
}
