export { ContractError, isContractError } from './contract-error.ts';
export { ImageInputError, isImageInputError } from './image-input-error.ts';
export type { ImageProblem } from './image-input-error.ts';
export { SggError, isSggError } from './sgg-error.ts';
