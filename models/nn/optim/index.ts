export { adam, adamw } from './adam.ts';
export type { AdamOptions } from './adam.ts';
export { clipByGlobalNorm, globalNorm } from './clip.ts';
export type { JsonValue, Optimizer, UpdateInput, UpdateOutput } from './optimizer.ts';
export { constantSchedule, warmupCosine } from './schedule.ts';
export type { Schedule, WarmupCosineOptions } from './schedule.ts';
export { sgd } from './sgd.ts';
export type { SgdOptions } from './sgd.ts';
