export { activate, gelu, leakyRelu, logSigmoid, silu, softplus } from './activations.ts';
export type { Activation } from './activations.ts';
export { dropout, dropoutSeed, hashUniform } from './dropout.ts';
export { groupNorm } from './group-norm.ts';
export { globalAvgPool, globalMaxPool } from './pooling.ts';
export { upsampleNearest } from './resample.ts';
export { segmentCount, segmentMax, segmentMean, segmentSoftmax, segmentSum } from './segment.ts';
export type { SegmentCount } from './segment.ts';
