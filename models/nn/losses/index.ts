export { accuracy, crossEntropy } from './cross-entropy.ts';
export type { CrossEntropyOptions } from './cross-entropy.ts';
