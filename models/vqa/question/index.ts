export { AnswerVocabulary } from './answer-vocabulary.ts';
export { PAD, PAD_ID, QuestionVocabulary, UNK_ID, UNK_WORD } from './question-vocabulary.ts';
export type { EncodedQuestion, QuestionVocabularyJson } from './question-vocabulary.ts';
export { DEFAULT_MAX_TOKENS, MAX_QUESTION_CHARS, tokenizeQuestion } from './tokenize.ts';
