export { accumulate } from './accumulate.ts';
export { gradients } from './gradients.ts';
export type { GradientsOptions } from './gradients.ts';
export { sumToShape } from './sum-to-shape.ts';
