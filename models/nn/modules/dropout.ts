import { dropout } from '../functional/dropout.ts';
import type { Tensor } from '../graph/tensor.ts';
import { Module } from './module.ts';

/** Dropout as a layer: active in training graphs (masks from the graph's `dropout_seed` input), identity otherwise. */
export class Dropout extends Module {
  constructor(name: string, readonly rate: number) {
    super(name);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.rate);
  }
}
