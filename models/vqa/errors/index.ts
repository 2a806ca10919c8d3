export { isQuestionError, QuestionError } from './question-error.ts';
export { isVqaDataError, VqaDataError } from './vqa-data-error.ts';
export { isVqaModelError, VqaModelError } from './vqa-model-error.ts';
