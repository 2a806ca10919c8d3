/**
 * Reasoning length of a question as eval.py measures it (`getStepsNum`): the number of steps of its
 * `semantic` program whose text `"<operation>: <argument>"` contains none of `exist`, `query: name` and
 * `choose name`. These final "look it up" steps add no effective reasoning, so they are not counted.
 * The test is a substring test on the joined text, as in the script (so an argument containing
 * "exist" also excludes its step).
 */

const NON_REASONING_MARKERS = ['exist', 'query: name', 'choose name'] as const;

export interface ProgramStepLike {
  readonly operation: string;
  readonly argument: string;
}

/** Steps of `semantic` that count as reasoning; 0 for a missing program. */
export function countReasoningSteps(semantic: readonly ProgramStepLike[] | undefined): number {
  if (!semantic) return 0;
  let steps = 0;
  for (const step of semantic) {
    const text = `${step.operation}: ${step.argument}`;
    if (!NON_REASONING_MARKERS.some((marker) => text.includes(marker))) steps++;
  }
  return steps;
}
