/**
 * A vocabulary misuse: an unknown label where the vocabulary has no `<unk>`, an id out of range, a label
 * listed in two attribute groups, or malformed vocabulary JSON. Messages start with `tensor/<module>:`.
 */
export class VocabularyError extends Error {
  override name = 'VocabularyError' as const;
}

export function isVocabularyError(error: unknown): error is VocabularyError {
  return error instanceof VocabularyError || (error instanceof Error && error.name === 'VocabularyError');
}
