/**
 * The convolutional backbone: a small strided CNN with one skip connection, giving the feature map for
 * the heads and the centre heatmap logits at the output stride r (4, or 8 with the space-to-depth stem).
 *
 *   x [B, 3, S, S]   (space-to-depth stem: folded to [B, 12, S/2, S/2] first, 2 x 2 blocks as channels)
 *   c1 3x3 s2 -> w0 @ r/2,  c2 3x3 s2 -> w1 @ r,  c3 3x3 (+ residual) -> w1 @ r          (fine detail: texture, outline)
 *   c4 3x3 s2 -> w2 @ 2r,   c5, c6 3x3 (+ residual each) -> w2 @ 2r                      (context)
 *   up 2x (ConvTranspose) -> w1 @ r, + c3 (skip), neck 1x1 (or 3x3) -> D @ r = features
 *   heat 1x1 -> heatmap logits [B, Ch, S/r, S/r]
 * ReLU after every convolution except the heatmap; the same-width layers are residual, h + relu(conv(h)),
 * which trains faster without normalization layers. Kaiming initialization; no batch statistics, so the
 * training and inference graphs are the same arithmetic.
 *
 * Shapes: x [B, 3, S, S] -> features [B, D, S/r, S/r], heat [B, Ch, S/r, S/r].
 */
import type { Tensor } from '../../nn/index.ts';
import { Conv2d, Module } from '../../nn/modules/index.ts';
import { add, conv, relu } from '../../nn/ops/index.ts';
import { PointwiseConv, Upsample2x } from './layers.ts';

/** Initial heatmap logit: sigmoid(-2.19) = 0.1, the CenterNet prior that keeps the focal loss stable at the start. */
export const HEATMAP_PRIOR_LOGIT = -2.19;

/**
 * Folds each 2 x 2 pixel block into channels: [B, C, H, W] -> [B, 4C, H/2, W/2], channel order (c, dy, dx).
 * Written as a 2x2 stride-2 convolution with constant one-hot filters: onnxruntime's convolutions are
 * fast, its 6-D transposes are not (measured: the reshape-transpose form took a quarter of the model).
 */
export function spaceToDepth(x: Tensor): Tensor {
  const c = x.shape[1] as number;
  const filters = new Float32Array(4 * c * c * 4);
  for (let ch = 0; ch < c; ch++) {
    for (let k = 0; k < 4; k++) filters[((ch * 4 + k) * c + ch) * 4 + k] = 1;
  }
  return conv(x, x.graph.constant(filters, x.dtype, [4 * c, c, 2, 2]), { strides: [2, 2] });
}

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

  constructor(
    name: string,
    widths: readonly [number, number, number],
    featureDim: number,
    heatChannels: number,
    neckKernel: 1 | 3 = 1,
    private readonly stem: 'plain' | 'space-to-depth' = 'plain',
  ) {
    super(name);
    const [w0, w1, w2] = widths;
    const conv = (local: string, cin: number, cout: number, stride = 1) =>
      this.child(new Conv2d(`${name}.${local}`, cin, cout, 3, { stride, padding: 1, init: 'kaiming' }));
    this.c1 = conv('c1', stem === 'space-to-depth' ? 12 : 3, w0, 2);
    this.c2 = conv('c2', w0, w1, 2);
    this.c3 = conv('c3', w1, w1);
    this.c4 = conv('c4', w1, w2, 2);
    this.c5 = conv('c5', w2, w2);
    this.c6 = conv('c6', w2, w2);
    this.up = this.child(new Upsample2x(`${name}.up`, w2, w1));
    this.neck = this.child(new Conv2d(`${name}.neck`, w1, featureDim, neckKernel, { padding: 'same', init: 'kaiming' }));
    this.heatHead = this.child(new PointwiseConv(`${name}.heat`, featureDim, heatChannels, HEATMAP_PRIOR_LOGIT));
  }

  forward(x: Tensor): BackboneOutput {
    const residual = (layer: Conv2d, h: Tensor) => add(h, relu(layer.forward(h)));
    const input = this.stem === 'space-to-depth' ? spaceToDepth(x) : x;
    const fine = residual(this.c3, relu(this.c2.forward(relu(this.c1.forward(input)))));
    const coarse = residual(this.c6, residual(this.c5, relu(this.c4.forward(fine))));
    const merged = relu(add(this.up.forward(coarse), fine));
    const features = relu(this.neck.forward(merged));
    return { features, heat: this.heatHead.forward(features) };
  }
}
