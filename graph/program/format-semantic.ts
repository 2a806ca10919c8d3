/**
 * Program -> GQA `semantic` list and `semanticStr`, the inverse of the parsers:
 * `parseSemanticStr(formatSemanticStr(p))` deep-equals `p`, and formatting a parsed GQA string gives the
 * string back up to blanks GQA leaves at the end of some arguments (`pitcher (2827701) `, `small `).
 * Within-set `same` / `different` are written `same: color [0]`, between-two ones `same color:  [0, 1]`.
 */
import { formatIds, formatNegatable, formatRelation } from './argument-syntax.ts';
import type { GqaSemanticStep, Program, ProgramStep } from './program.ts';

const withCategory = (verb: string, category: string | undefined): string =>
  category === undefined ? verb : `${verb} ${category}`;

/** The GQA operation of a step: `filter color`, `verify rel`, `choose healthier`, ... */
export function stepOperation(step: ProgramStep): string {
  switch (step.kind) {
    case 'select':
    case 'scene':
      return 'select';
    case 'filter':
    case 'verify':
    case 'choose':
      return withCategory(step.kind, step.category);
    case 'verifyRel':
      return 'verify rel';
    case 'chooseRel':
      return 'choose rel';
    case 'compare':
      return `choose ${step.comparative}`;
    case 'same':
    case 'different':
      return step.deps.length === 1 ? step.kind : `${step.kind} ${step.category}`;
    case 'unknown':
      return step.operation;
    default:
      return step.kind;
  }
}

/** The GQA argument of a step: `wall (722332)`, `not(clean)`, `_,on,s (722335)`, `beige|red`, ... */
export function stepArgument(step: ProgramStep): string {
  switch (step.kind) {
    case 'select':
      return `${step.name}${formatIds(step.ids)}`;
    case 'scene':
      return 'scene';
    case 'filter':
    case 'verify':
      return formatNegatable(step);
    case 'relate':
    case 'verifyRel':
      return formatRelation(step);
    case 'chooseRel':
      return formatRelation({ ...step, predicate: step.predicates.join('|') });
    case 'query':
      return step.category;
    case 'choose':
      return step.options.join('|');
    case 'exist':
      return '?';
    case 'same':
    case 'different':
      return step.deps.length === 1 ? step.category : '';
    case 'unknown':
      return step.argument;
    default:
      return '';
  }
}

export function formatSemantic(program: Program): GqaSemanticStep[] {
  return program.steps.map((step) => ({
    operation: stepOperation(step),
    argument: stepArgument(step),
    dependencies: [...step.deps],
  }));
}

export function formatSemanticStr(program: Program): string {
  return formatSemantic(program)
    .map(({ operation, argument, dependencies }) => {
      const deps = dependencies.length > 0 ? ` [${dependencies.join(', ')}]` : '';
      return `${operation}: ${argument}${deps}`;
    })
    .join('->');
}
