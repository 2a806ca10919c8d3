export { AutodiffError } from './autodiff-error.ts';
export { CheckpointError } from './checkpoint-error.ts';
export { GraphError } from './graph-error.ts';
export { ShapeError } from './shape-error.ts';
export { TrainerError } from './trainer-error.ts';
