/**
 * The base of all layers: a named scope that creates parameters (`<module>.<local>`) and collects
 * them from its children. Layers add their own `forward` with whatever arguments they need; a layer
 * object is created once and may be applied in any number of graphs (training, eval, inference).
 */
import { Parameter, type ParameterOptions } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';

export abstract class Module {
  private readonly own: Parameter[] = [];
  private readonly children: Module[] = [];

  constructor(readonly name: string) {}

  /** Creates a parameter named `<this.name>.<local>`. */
  protected param(local: string, shape: readonly number[], options: ParameterOptions): Parameter {
    const p = new Parameter(`${this.name}.${local}`, shape, options);
    this.own.push(p);
    return p;
  }

  /** Registers a sub-module (its parameters become this module's too). */
  protected child<M extends Module>(module: M): M {
    this.children.push(module);
    return module;
  }

  /** This module's parameters and its children's, in creation order. */
  parameters(): Parameter[] {
    return [...this.own, ...this.children.flatMap((c) => c.parameters())];
  }

  /** The graph tensor of one of this module's parameters, in the graph `like` belongs to. */
  protected use(p: Parameter, like: Tensor): Tensor {
    return like.graph.param(p);
  }
}
