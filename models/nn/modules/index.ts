export { LayerNorm } from './layer-norm.ts';
export { Linear } from './linear.ts';
export type { LinearOptions } from './linear.ts';
export { Mlp } from './mlp.ts';
export type { MlpOptions } from './mlp.ts';
export { Module } from './module.ts';
