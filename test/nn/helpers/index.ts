export { gradCheck } from './gradcheck.ts';
export type { CaseInput, Fill, GradCase, GradReport } from './gradcheck.ts';
export { spirals } from './data.ts';
export { hashString, seededRandom } from './rng.ts';
export { openSession, ortType, runGraph, runSession } from './session.ts';
export type { Feed, Fetched } from './session.ts';
