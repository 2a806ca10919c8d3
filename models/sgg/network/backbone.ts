/**
 * The convolutional backbone: a small strided CNN with one skip connection, giving a stride-4 feature
 * map for the heads and the centre heatmap logits.
 *
 *   x [B, 3, S, S]
 *   c1 3x3 s2 -> w0 @ S/2,  c2 3x3 s2 -> w1 @ S/4,  c3 3x3 (+ residual) -> w1 @ S/4      (fine detail: texture)
 *   c4 3x3 s2 -> w2 @ S/8,  c5, c6 3x3 (+ residual each) -> w2 @ S/8                   (context: receptive field 55 px)
 *   up 2x (ConvTranspose) -> w1 @ S/4, + c3 (skip), neck 3x3 -> D @ S/4 = features
 *   heat 1x1 -> heatmap logits [B, Ch, S/4, S/4]
 * ReLU after every convolution except the heatmap; the same-width layers are residual, h + relu(conv(h)),
 * which trains faster without normalization layers. Kaiming initialization; no batch statistics, so the
 * training and inference graphs are the same arithmetic.
 *
 * Shapes: x [B, 3, S, S] -> features [B, D, S/4, S/4], heat [B, Ch, S/4, S/4].
 */
import type { Tensor } from '../../nn/index.ts';
import { Conv2d, Module } from '../../nn/modules/index.ts';
import { add, relu } from '../../nn/ops/index.ts';
import { PointwiseConv, Upsample2x } from './layers.ts';

/** Initial heatmap logit: sigmoid(-2.19) = 0.1, the CenterNet prior that keeps the focal loss stable at the start. */
export const HEATMAP_PRIOR_LOGIT = -2.19;

export interface BackboneOutput {
  readonly features: Tensor;
  readonly heat: Tensor;
}

export class SggBackbone extends Module {
  private readonly c1: Conv2d;
  private readonly c2: Conv2d;
  private readonly c3: Conv2d;
  private readonly c4: Conv2d;
  private readonly c5: Conv2d;
  private readonly c6: Conv2d;
  private readonly up: Upsample2x;
  private readonly neck: Conv2d;
  private readonly heatHead: PointwiseConv;

  constructor(name: string, widths: readonly [number, number, number], featureDim: number, heatChannels: number) {
    super(name);
    const [w0, w1, w2] = widths;
    const conv = (local: string, cin: number, cout: number, stride = 1) =>
      this.child(new Conv2d(`${name}.${local}`, cin, cout, 3, { stride, padding: 1, init: 'kaiming' }));
    this.c1 = conv('c1', 3, w0, 2);
    this.c2 = conv('c2', w0, w1, 2);
    this.c3 = conv('c3', w1, w1);
    this.c4 = conv('c4', w1, w2, 2);
    this.c5 = conv('c5', w2, w2);
    this.c6 = conv('c6', w2, w2);
    this.up = this.child(new Upsample2x(`${name}.up`, w2, w1));
    this.neck = conv('neck', w1, featureDim);
    this.heatHead = this.child(new PointwiseConv(`${name}.heat`, featureDim, heatChannels, HEATMAP_PRIOR_LOGIT));
  }

  forward(x: Tensor): BackboneOutput {
    const residual = (layer: Conv2d, h: Tensor) => add(h, relu(layer.forward(h)));
    const fine = residual(this.c3, relu(this.c2.forward(relu(this.c1.forward(x)))));
    const coarse = residual(this.c6, residual(this.c5, relu(this.c4.forward(fine))));
    const merged = relu(add(this.up.forward(coarse), fine));
    const features = relu(this.neck.forward(merged));
    return { features, heat: this.heatHead.forward(features) };
  }
}
