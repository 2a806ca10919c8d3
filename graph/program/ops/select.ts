/** `select: name`: every object whose name answers `name` (equal, plural, or a kind of it). */
import type { ExecutionContext, StepOutcome } from '../execution-context.ts';
import { objects } from '../execution-context.ts';
import type { SelectStep } from '../program.ts';

export function runSelect(context: ExecutionContext, step: SelectStep): StepOutcome {
  const selected: string[] = [];
  context.graph.forEachNode((id, attrs) => {
    if (context.names.matches(attrs.name, step.name)) selected.push(id);
  });
  return objects(selected);
}
