/**
 * Validity and plausibility membership as eval.py decides it (`belongs`): the prediction must be one of
 * the question's `valid` (or `plausible`) answers from the choices file, except for questions whose
 * detailed type contains "Common" (e.g. `twoCommon`: "What do the cup and the plate have in common?"),
 * whose answer set is replaced by the three property names `color`, `material`, `shape` whatever the
 * choices file lists. The test is a case-sensitive substring test on `types.detailed`.
 */

export const COMMON_ANSWERS: readonly string[] = ['color', 'material', 'shape'];

/** True when eval.py's "Common" special case applies to a question of this detailed type. */
export function isCommonQuestion(detailedType: string | null | undefined): boolean {
  return typeof detailedType === 'string' && detailedType.includes('Common');
}

/** `prediction ∈ answers`, with the "Common" replacement applied when `common` is true. */
export function belongsToChoices(prediction: string, answers: readonly string[], common: boolean): boolean {
  return (common ? COMMON_ANSWERS : answers).includes(prediction);
}
