/**
 * A loaded scene-graph generator: an ONNX file honouring the contract, its manifest, and one
 * onnxruntime session. `loadSceneGraphGenerator(onnxPath)` is what the API, the batch evaluation and
 * the page call (`--sgg FILE`); it refuses a model that breaks the contract (contract-check.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { InferenceSession } from 'onnxruntime-node';
import { Tensor as OrtTensor } from 'onnxruntime-node';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { createSession } from '../../nn/runtime/index.ts';
import { ContractError } from '../errors/contract-error.ts';
import { type FloatImage, type RgbImage, writeInputTensor } from '../data/raster.ts';
import { checkByRunning, checkDeclared } from './contract-check.ts';
import { type DecodeOptions, type DecodedScene, type RawDetections, decodeDetections, toSceneGraph } from './decode.ts';
import { type DecodeOptions as ImageDecodeOptions, type ImageGeometry, decodeImage, readImageFile, toInputRaster } from './image-input.ts';
import { type SggManifest, readSggManifest } from './manifest.ts';

export interface GeneratorOptions {
  /**
   * onnxruntime intra-op threads (default 1: the model is small, and on a shared 2-core machine one
   * thread measured 2-4x faster than two; image decoding runs on other threads meanwhile).
   */
  readonly threads?: number;
  /** Max pixels of an input image (default: sharp's limit). */
  readonly limitInputPixels?: number;
  /** Decoding defaults for `predict` (the manifest's, then DEFAULT_DECODE, fill the rest). */
  readonly decode?: Partial<DecodeOptions>;
}

export interface Prediction {
  readonly graph: SceneGraph;
  readonly decoded: DecodedScene;
}

export class SceneGraphGenerator {
  readonly geometry: ImageGeometry;
  readonly decodeDefaults: Partial<DecodeOptions>;

  private constructor(
    readonly path: string,
    readonly manifest: SggManifest,
    private readonly session: InferenceSession,
    /** K, the detection slots per image. */
    readonly maxDetections: number,
    private readonly options: GeneratorOptions,
  ) {
    const { width, height, boxFactor } = manifest.input;
    this.geometry = { width, height, boxFactor };
    this.decodeDefaults = { ...manifest.decode, ...options.decode };
  }

  /** Loads `<name>.onnx` with `<name>.json`, checks the contract, and keeps one session. */
  static async load(onnxPath: string, options: GeneratorOptions = {}): Promise<SceneGraphGenerator> {
    const manifest = await readSggManifest(onnxPath);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(onnxPath);
    } catch (error) {
      throw new ContractError(`sgg/contract: cannot read ${onnxPath} (${(error as Error).message})`, { cause: error });
    }
    if (manifest.sha256 && createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
      throw new ContractError(`sgg/contract: ${onnxPath} does not match the sha256 its manifest pins (a stale or swapped file)`);
    }
    return SceneGraphGenerator.fromBytes(bytes, manifest, onnxPath, options);
  }

  /** A generator from ONNX bytes and a manifest in memory (`source` names it in errors). */
  static async fromBytes(bytes: Uint8Array, manifest: SggManifest, source: string, options: GeneratorOptions = {}): Promise<SceneGraphGenerator> {
    let session: InferenceSession;
    try {
      session = await createSession(bytes, { threads: options.threads ?? 1 }, source);
    } catch (error) {
      throw new ContractError(`sgg/contract: ${source}: ${(error as Error).message}`, { cause: error });
    }
    try {
      checkDeclared(session, manifest, source);
      const k = await checkByRunning(session, manifest, source);
      return new SceneGraphGenerator(source, manifest, session, k, options);
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  get labels(): SggManifest['labels'] {
    return this.manifest.labels;
  }

  /** Decodes image bytes into the model's input raster (errors: ImageInputError). */
  async prepare(bytes: Uint8Array, source = 'image'): Promise<{ raster: RgbImage; width: number; height: number }> {
    const decoded = await decodeImage(bytes, this.geometry, source, this.imageOptions());
    return { raster: toInputRaster(decoded.image, this.geometry), width: decoded.width, height: decoded.height };
  }

  /** Reads and decodes an image file into the model's input raster. */
  async prepareFile(path: string): Promise<{ raster: RgbImage; width: number; height: number }> {
    const decoded = await readImageFile(path, this.geometry, this.imageOptions());
    return { raster: toInputRaster(decoded.image, this.geometry), width: decoded.width, height: decoded.height };
  }

  private imageOptions(): ImageDecodeOptions {
    return this.options.limitInputPixels !== undefined ? { limitInputPixels: this.options.limitInputPixels } : {};
  }

  /** Runs the model on an input-size raster (8-bit or float 0..1), or an already normalized CHW tensor. */
  async run(input: RgbImage | FloatImage | Float32Array): Promise<RawDetections> {
    const { width, height } = this.manifest.input;
    let data: Float32Array;
    if (input instanceof Float32Array) data = input;
    else {
      // A fresh buffer per run: runs may overlap (the session runs them one after another later).
      data = new Float32Array(3 * width * height);
      writeInputTensor(input, this.manifest.input.normalization, data);
    }
    const out = (await this.session.run({ image: new OrtTensor('float32', data, [1, 3, height, width]) })) as Record<string, OrtTensor>;
    const f = (name: string) => out[name]!.data as Float32Array;
    return {
      k: out.scores!.dims[0]!,
      boxes: f('boxes'),
      scores: f('scores'),
      classLogits: f('class_logits'),
      attributeLogits: this.labels.attributeGroups.map((g) => f(`attr_${g.name}_logits`)),
      relLogits: f('rel_logits'),
    };
  }

  /** Decodes raw outputs into objects and relations. */
  decode(raw: RawDetections, options: Partial<DecodeOptions> = {}): DecodedScene {
    return decodeDetections(raw, this.labels, { ...this.decodeDefaults, ...options });
  }

  /** The scene graph of an input raster whose original image was width x height pixels. */
  async predictRaster(raster: RgbImage, image: { imageId: string; width: number; height: number }, options: Partial<DecodeOptions> = {}): Promise<Prediction> {
    const decoded = this.decode(await this.run(raster), options);
    const topK = options.topK ?? this.decodeDefaults.topK;
    return { decoded, graph: toSceneGraph(decoded, this.labels, image, topK) };
  }

  /** The scene graph of image bytes (PNG, JPEG, WebP, ...). */
  async predict(bytes: Uint8Array, imageId: string, options: Partial<DecodeOptions> = {}): Promise<Prediction> {
    const { raster, width, height } = await this.prepare(bytes, imageId);
    return this.predictRaster(raster, { imageId, width, height }, options);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Loads a scene-graph generator (`.onnx` + `.json` manifest beside it), refusing one that breaks the contract. */
export function loadSceneGraphGenerator(onnxPath: string, options: GeneratorOptions = {}): Promise<SceneGraphGenerator> {
  return SceneGraphGenerator.load(onnxPath, options);
}
