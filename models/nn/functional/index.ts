export { activate, gelu, leakyRelu, logSigmoid, silu, softplus } from './activations.ts';
export type { Activation } from './activations.ts';
export { dropout, dropoutSeed, hashUniform } from './dropout.ts';
