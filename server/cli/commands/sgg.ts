/**
 * `sgvqa sgg train|extract|eval|check`: the scene-graph generator. onnxruntime, sharp and the model code
 * load inside the actions so `sgvqa --help` stays fast.
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.ts';

/** The shipped model, relative to the repository. */
export const DEFAULT_SGG = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models/pretrained/sgg.onnx');

function number(value: string, flag: string, { integer = false, min = -Infinity, max = Infinity } = {}): number {
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new CliError(`${flag} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${value}"`, 2);
  }
  return n;
}

function requireDir(dir: string, what: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${what} is not a folder: ${dir}`, 2);
}

/** Model errors (contract, image, options) become one-line CLI errors. */
async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { isContractError, isImageInputError, isSggError } = await import('../../../models/sgg/errors/index.ts');
    if (isContractError(error) || isImageInputError(error) || isSggError(error)) throw new CliError((error as Error).message, 1);
    throw error;
  }
}

async function loadGenerator(path: string, threads?: number) {
  if (!existsSync(path)) {
    throw new CliError(`no scene-graph generator at ${path}${path === DEFAULT_SGG ? ' (build it with `npm run train:sgg`)' : ''}`, 1);
  }
  const { loadSceneGraphGenerator } = await import('../../../models/sgg/inference/generator.ts');
  return asCliErrors(() => loadSceneGraphGenerator(path, threads !== undefined ? { threads } : {}));
}

interface TrainCli {
  out: string; runDir: string; steps: string; batch: string; lr: string; warmup: string; seed: string; worldSeed: string; pool: string;
  evalEvery: string; valScenes: string; testScenes: string; threads?: string; ema: string; resume?: boolean; worker: boolean; augment: boolean; json?: boolean;
}

interface ExtractCli { images: string; out: string; sgg: string; scoreThreshold?: string; relationThreshold?: string; concurrency: string; threads?: string; resume: boolean; json?: boolean }

interface EvalCli { data: string; images?: string; sgg: string; limit?: string; augmented: boolean; threads?: string; json?: boolean }

export function registerSggCommands(program: Command): void {
  const sgg = program.command('sgg').description('the scene-graph generator: train it, extract predicted scene graphs, measure it');

  sgg
    .command('train')
    .description('train the generator on the shapes world (rendered on the fly) and export it as ONNX + manifest')
    .option('--out <file>', 'model to write (.onnx; the .json manifest goes beside it)', DEFAULT_SGG)
    .option('--run-dir <dir>', 'checkpoints and logs (last.ckpt, best.ckpt, state.json, log.jsonl)', join(tmpdir(), 'sgvqa-sgg-run'))
    .option('--steps <n>', 'training steps', '5000')
    .option('--batch <n>', 'images per step', '16')
    .option('--lr <x>', 'peak learning rate (Adam, warm-up then cosine)', '3e-3')
    .option('--warmup <n>', 'warm-up steps', '100')
    .option('--seed <n>', 'seed of initialization and batches', '1')
    .option('--world-seed <s>', 'seed of the world splits (train / val / test)', '0')
    .option('--pool <n>', 'scenes kept in memory (one new scene per step replaces the oldest)', '2000')
    .option('--eval-every <n>', 'steps between validation runs', '250')
    .option('--val-scenes <n>', 'validation scenes (world split val)', '200')
    .option('--test-scenes <n>', 'test scenes for the final metrics (world split test)', '500')
    .option('--threads <n>', 'onnxruntime threads (default: all cores)')
    .option('--ema <decay>', 'decay of the weight average that is evaluated and exported (0: raw weights)', '0.998')
    .option('--resume', 'continue from <run-dir>/last.ckpt')
    .option('--no-worker', 'render and augment on the main thread')
    .option('--no-augment', 'train on the clean images')
    .option('--json', 'print the final metrics as JSON')
    .addHelpText('after', '\nThe shipped model is rebuilt by `npm run train:sgg` (these defaults). Progress goes to stderr, logs to <run-dir>/log.jsonl.')
    .action(async (o: TrainCli) => {
      const options = {
        out: resolve(o.out),
        runDir: resolve(o.runDir),
        steps: number(o.steps, '--steps', { integer: true, min: 1 }),
        batchSize: number(o.batch, '--batch', { integer: true, min: 1, max: 256 }),
        lr: number(o.lr, '--lr', { min: 1e-6, max: 1 }),
        warmupSteps: number(o.warmup, '--warmup', { integer: true, min: 0 }),
        seed: number(o.seed, '--seed', { integer: true }),
        worldSeed: /^-?\d+$/.test(o.worldSeed) ? Number(o.worldSeed) : o.worldSeed,
        poolSize: number(o.pool, '--pool', { integer: true, min: 1 }),
        evalEvery: number(o.evalEvery, '--eval-every', { integer: true, min: 1 }),
        valScenes: number(o.valScenes, '--val-scenes', { integer: true, min: 1 }),
        testScenes: number(o.testScenes, '--test-scenes', { integer: true, min: 1 }),
        ema: number(o.ema, '--ema', { min: 0, max: 0.99999 }),
        resume: o.resume === true,
        worker: o.worker,
        command: `sgvqa sgg train ${process.argv.slice(4).join(' ')}`.trim(),
        ...(o.threads !== undefined ? { threads: number(o.threads, '--threads', { integer: true, min: 1, max: 64 }) } : {}),
      };
      const [{ trainSgg, formatSggMetrics, DEFAULT_AUGMENT }, { progressBar }] = await Promise.all([
        import('../../../models/sgg/index.ts'),
        import('../progress.ts'),
      ]);
      let bar: ReturnType<typeof progressBar> | null = null;
      const result = await asCliErrors(() => trainSgg({ ...options, augment: o.augment ? DEFAULT_AUGMENT : null }, {
        onPhase: (phase, total) => {
          bar?.stop();
          bar = progressBar(phase, total, phase === 'training' ? 'steps' : 'scenes');
        },
        onProgress: (done) => bar?.update(done),
        onLog: (line) => {
          if (!process.stderr.isTTY || process.env.SGVQA_PROGRESS === '0') process.stderr.write(`${JSON.stringify(line)}\n`);
        },
      })).finally(() => bar?.stop());
      if (o.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const views = [{ label: 'test', metrics: result.test.clean }];
      if (result.test.augmented) views.push({ label: 'augmented', metrics: result.test.augmented });
      process.stdout.write(`${formatSggMetrics(views)}best step ${result.bestStep}; wrote ${options.out} in ${(result.seconds / 60).toFixed(1)} min\n`);
    });

  sgg
    .command('extract')
    .description('predict the scene graph of every image of a folder (<imageId>.png|jpg|jpeg|webp) into one GQA scene-graphs file')
    .requiredOption('--images <dir>', 'folder of images')
    .requiredOption('--out <file>', 'GQA scene-graphs JSON to write (failures go to <out>.errors.json)')
    .option('--sgg <file>', 'scene-graph generator (.onnx with its .json manifest)', DEFAULT_SGG)
    .option('--score-threshold <x>', 'minimum object score (default: the manifest\'s)')
    .option('--relation-threshold <x>', 'minimum predicate probability of an edge (default: the manifest\'s)')
    .option('--concurrency <n>', 'images decoded ahead of the model', '6')
    .option('--threads <n>', 'onnxruntime threads (default 1)')
    .option('--no-resume', 'ignore <out>.partial left by an interrupted run')
    .option('--json', 'print the summary as JSON')
    .action(async (o: ExtractCli) => {
      requireDir(o.images, '--images');
      const decode = {
        ...(o.scoreThreshold !== undefined ? { scoreThreshold: number(o.scoreThreshold, '--score-threshold', { min: 0, max: 1 }) } : {}),
        ...(o.relationThreshold !== undefined ? { relationThreshold: number(o.relationThreshold, '--relation-threshold', { min: 0, max: 1 }) } : {}),
      };
      const concurrency = number(o.concurrency, '--concurrency', { integer: true, min: 1, max: 64 });
      const generator = await loadGenerator(o.sgg, o.threads !== undefined ? number(o.threads, '--threads', { integer: true, min: 1, max: 64 }) : undefined);
      const [{ extractSceneGraphs }, { progressBar }] = await Promise.all([import('../../../models/sgg/inference/extract.ts'), import('../progress.ts')]);
      let bar: ReturnType<typeof progressBar> | null = null;
      try {
        const summary = await asCliErrors(() => extractSceneGraphs(generator, {
          imagesDir: o.images, outPath: o.out, decode, concurrency, resume: o.resume,
          onStart: (total) => (bar = progressBar('extract', total, 'images')),
          onProgress: (done) => bar?.update(done),
        })).finally(() => bar?.stop());
        if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else {
          const rate = (summary.written + summary.failures.length - summary.resumed) / Math.max(summary.seconds, 1e-3);
          process.stdout.write(
            `wrote ${summary.written} scene graphs to ${summary.outPath} in ${summary.seconds.toFixed(1)} s (${rate.toFixed(0)} images/s)`
            + `${summary.resumed ? `, ${summary.resumed} from an interrupted run` : ''}\n`,
          );
          if (summary.failures.length > 0) {
            process.stdout.write(`${summary.failures.length} images skipped (listed in ${summary.errorsPath}):\n`);
            for (const f of summary.failures.slice(0, 10)) process.stdout.write(`  ${f.problem}: ${f.message}\n`);
          }
        }
      } finally {
        await generator.release();
      }
    });

  sgg
    .command('eval')
    .description('object mAP@0.5, attribute accuracy, PredCls / SGCls / SGDet triplet recall@20/50, on clean and augmented images')
    .requiredOption('--data <dir>', 'folder with sceneGraphs.json (ground truth) and images/')
    .option('--images <dir>', 'folder of the images (default <data>/images)')
    .option('--sgg <file>', 'scene-graph generator (.onnx with its .json manifest)', DEFAULT_SGG)
    .option('--limit <n>', 'evaluate the first n scenes only')
    .option('--no-augmented', 'skip the augmented views')
    .option('--threads <n>', 'onnxruntime threads (default 1)')
    .option('--json', 'print the metrics as JSON')
    .addHelpText('after', '\nMetric definitions: models/sgg/README.md. A world test split: sgvqa world generate --out DIR --split test --scenes 500 --questions-per-scene 0')
    .action(async (o: EvalCli) => {
      requireDir(o.data, '--data');
      if (!existsSync(join(o.data, 'sceneGraphs.json'))) throw new CliError(`no sceneGraphs.json in ${o.data}`, 2);
      const limit = o.limit !== undefined ? number(o.limit, '--limit', { integer: true, min: 1 }) : undefined;
      const generator = await loadGenerator(o.sgg, o.threads !== undefined ? number(o.threads, '--threads', { integer: true, min: 1, max: 64 }) : undefined);
      const [{ evaluateFolder, formatSggMetrics }, { progressBar }] = await Promise.all([import('../../../models/sgg/index.ts'), import('../progress.ts')]);
      const bar = progressBar('eval', limit ?? 0, 'images');
      try {
        const result = await asCliErrors(() => evaluateFolder(generator, o.data, {
          ...(o.images !== undefined ? { images: o.images } : {}),
          ...(limit !== undefined ? { limit } : {}),
          augmented: o.augmented,
          onProgress: (done) => bar.update(done),
        })).finally(() => bar.stop());
        if (o.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const views = [{ label: 'clean', metrics: result.clean }];
        if (result.augmented) views.push({ label: 'augmented', metrics: result.augmented });
        process.stdout.write(formatSggMetrics(views));
        if (result.failures.length > 0) {
          process.stdout.write(`${result.failures.length} images skipped:\n`);
          for (const f of result.failures.slice(0, 10)) process.stdout.write(`  ${f.message}\n`);
        }
      } finally {
        await generator.release();
      }
    });

  sgg
    .command('check')
    .description('load a scene-graph generator and check it against the ONNX contract (DESIGN §3)')
    .argument('[file]', 'the .onnx file (its .json manifest beside it)', DEFAULT_SGG)
    .action(async (file: string) => {
      const generator = await loadGenerator(file);
      const m = generator.manifest;
      process.stdout.write(
        `${file}: fits the contract: input image [1, 3, ${m.input.height}, ${m.input.width}], K = ${generator.maxDetections}, `
        + `${m.labels.classes.length} classes, attribute groups ${m.labels.attributeGroups.map((g) => `${g.name} (${g.values.length})`).join(', ')}, `
        + `${m.labels.predicates.length} predicates\n`,
      );
      await generator.release();
    });
}
