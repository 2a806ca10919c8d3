/**
 * The three kinds of choice:
 * - `choose <category>: a|b`: the option some input object has (by name for `name`, by box for
 *   positions: the option whose anchor is nearest the first object's centre; on the scene, the option equal
 *   to the scene field). Exactly one option must hold, otherwise the step is undecidable.
 * - `choose rel: name,p|q,s|o`: the predicate that leads to an object, answered GQA's way
 *   (`to the left of` -> `left`, `in front of` -> `front`).
 * - `choose healthier:  [a, b]`: the name of the object that wins the comparative (comparatives.ts).
 */
import { hasValue, sceneHas } from '../category-values.ts';
import { COMPARATIVES, comparativeScore } from '../comparatives.ts';
import { failure, word, type ExecutionContext, type StepOutcome } from '../execution-context.ts';
import type { StepValue } from '../execution-result.ts';
import { isPositionCategory, positionAnchor, relativeCentre, type PositionCategory } from '../position.ts';
import type { ChooseRelStep, ChooseStep, CompareStep } from '../program.ts';
import { relatedObjects } from './relate.ts';

/** GQA answers a relation choice with the short form of the predicate, as in its real answers. */
const SHORT_RELATION: Readonly<Record<string, string>> = {
  'to the left of': 'left',
  'to the right of': 'right',
  'in front of': 'front',
};

export function relationAnswer(predicate: string): string {
  return SHORT_RELATION[predicate] ?? predicate;
}

function exactlyOne(options: readonly string[], holds: readonly boolean[], what: string): StepOutcome {
  const chosen = options.filter((_option, index) => holds[index]);
  if (chosen.length === 1) return word(chosen[0] ?? '');
  const found = chosen.length === 0 ? 'none holds' : `${chosen.join(' and ')} all hold`;
  return failure('undecidable', `of ${options.join(' | ')} ${found} for ${what}`);
}

export function runChoose(context: ExecutionContext, step: ChooseStep, input: StepValue): StepOutcome {
  const { category, options } = step;
  if (input.kind === 'scene') {
    const holds = options.map((option) => sceneHas(context.scene, category, option));
    if (holds.includes(null)) return failure('argument', `the scene has no "${category ?? ''}" to choose`);
    return exactlyOne(options, holds as boolean[], 'the scene');
  }
  if (input.kind !== 'objects') return failure('argument', 'choose needs objects or the scene');
  if (input.ids.length === 0) return failure('empty', 'no object to choose for');
  if (isPositionCategory(category)) return choosePosition(context, category, options, input.ids[0] ?? '');
  const holds = options.map((option) =>
    input.ids.some((id) => hasValue(context, context.graph.getNodeAttributes(id), category, option)),
  );
  return exactlyOne(options, holds, `${input.ids.length} object(s)`);
}

function choosePosition(
  context: ExecutionContext,
  category: PositionCategory,
  options: readonly string[],
  id: string,
): StepOutcome {
  const t = relativeCentre(context.graph.getNodeAttribute(id, 'box'), context.scene, category);
  if (t === undefined) return failure('undecidable', 'the scene has no size to place objects by');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    const anchor = positionAnchor(option, category);
    if (anchor === undefined) return failure('argument', `"${option}" is not a ${category}`);
    const distance = Math.abs(anchor - t);
    if (distance < bestDistance) [best, bestDistance] = [option, distance];
  }
  return word(best ?? '');
}

export function runChooseRel(context: ExecutionContext, step: ChooseRelStep, input: readonly string[]): StepOutcome {
  const holds: boolean[] = [];
  for (const predicate of step.predicates) {
    const related = relatedObjects(context, { ...step, predicate }, input);
    if (related === null) return failure('argument', `"${predicate}" compares a category the ontology does not have`);
    holds.push(related.length > 0);
  }
  const chosen = exactlyOne(step.predicates, holds, `${step.name ?? 'any object'}`);
  return chosen.kind === 'string' ? word(relationAnswer(chosen.value)) : chosen;
}

export function runCompare(
  context: ExecutionContext,
  step: CompareStep,
  first: readonly string[],
  second: readonly string[],
): StepOutcome {
  const comparative = COMPARATIVES[step.comparative];
  if (!comparative) return failure('argument', `no rule to decide "${step.comparative}"`);
  const a = first[0];
  const b = second[0];
  if (a === undefined || b === undefined) return failure('empty', 'both sides of a comparison need an object');
  const objectA = context.graph.getNodeAttributes(a);
  const objectB = context.graph.getNodeAttributes(b);
  const scoreA = comparativeScore(comparative, objectA.attributes);
  const scoreB = comparativeScore(comparative, objectB.attributes);
  if (scoreA === scoreB) {
    return failure('undecidable', `the attributes of ${objectA.name} and ${objectB.name} do not say which is ${step.comparative}`);
  }
  return word(scoreA > scoreB ? objectA.name : objectB.name);
}
