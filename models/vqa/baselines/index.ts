export { blindSource } from './blind-source.ts';
export { runSymbolicBaseline } from './symbolic-baseline.ts';
export type { SymbolicResult } from './symbolic-baseline.ts';
