/** Small synthetic datasets for training tests. */
import { seededRandom } from './rng.ts';

/** Interleaved 2-D spirals: `perClass` points per class, features [N, 2] and int64 labels [N]. */
export function spirals(perClass: number, classes: number, seed: number): { x: Float32Array; y: BigInt64Array; n: number } {
  const rand = seededRandom(seed);
  const n = perClass * classes;
  const x = new Float32Array(n * 2);
  const y = new BigInt64Array(n);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const k = c * perClass + i;
      const r = (i + 1) / perClass;
      const theta = (c * 2 * Math.PI) / classes + r * 3 + (rand() - 0.5) * 0.2;
      x[2 * k] = r * Math.cos(theta);
      x[2 * k + 1] = r * Math.sin(theta);
      y[k] = BigInt(c);
    }
  }
  return { x, y, n };
}
