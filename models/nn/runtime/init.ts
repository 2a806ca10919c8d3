import type { Parameter } from '../graph/parameter.ts';
import { Rng } from './rng.ts';

/** The initial values of a parameter, drawn from its own stream of `seed` (named after the parameter). */
export function initialValues(parameter: Parameter, seed: number): Float32Array | Float64Array {
  const out = parameter.dtype === 'float64' ? new Float64Array(parameter.size) : new Float32Array(parameter.size);
  const init = parameter.init;
  const rng = Rng.stream(seed, `param:${parameter.name}`);
  switch (init.kind) {
    case 'constant':
      out.fill(init.value);
      break;
    case 'values':
      for (let i = 0; i < out.length; i++) out[i] = init.data[i]!;
      break;
    case 'uniform':
      for (let i = 0; i < out.length; i++) out[i] = rng.uniform(init.low, init.high);
      break;
    case 'normal':
      for (let i = 0; i < out.length; i++) out[i] = init.mean + init.std * rng.normal();
      break;
  }
  return out;
}
