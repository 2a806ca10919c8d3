/** A loaded inference model: an exported .onnx file, its manifest, and one onnxruntime session. */
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { TrainerError } from '../errors/trainer-error.ts';
import { type InferenceManifest, readInferenceManifest } from './export.ts';
import { type FeedValue, toOrtTensor } from './feeds.ts';
import { type SessionSettings, createSession } from './session.ts';

export class InferenceModel {
  private constructor(
    readonly manifest: InferenceManifest,
    private readonly session: InferenceSession,
  ) {}

  /** Loads `<name>.onnx` with its `<name>.json` manifest (checked by sha256). */
  static async load(onnxPath: string, settings: SessionSettings = {}): Promise<InferenceModel> {
    const manifest = await readInferenceManifest(onnxPath);
    return new InferenceModel(manifest, await createSession(onnxPath, settings, onnxPath));
  }

  /** Runs the model; returns the requested outputs (all by default). */
  async run(feeds: Readonly<Record<string, FeedValue>>, fetch?: readonly string[]): Promise<Record<string, OrtTensor>> {
    const ortFeeds: Record<string, OrtTensor> = {};
    for (const spec of this.manifest.inputs) {
      const value = feeds[spec.name];
      if (!value) throw new TrainerError(`nn/inference: missing input '${spec.name}' for ${this.manifest.name}`);
      ortFeeds[spec.name] = toOrtTensor(spec.name, value, spec.dtype, spec.shape.map((d) => d ?? '?'));
    }
    const names = fetch ?? this.manifest.outputs.map((o) => o.name);
    return (await this.session.run(ortFeeds, [...names])) as Record<string, OrtTensor>;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
