/**
 * `sgvqa train`: trains the SelfGraphVQA model on a data folder (train/, val/, test/ split folders) with
 * answers from annotated or predicted scene graphs and any SSL level; evaluates every epoch, keeps the
 * best epoch as DIR/vqa.onnx + vqa.json, resumes, logs JSONL and draws the curves; then answers the test
 * split with the best model and writes DIR/test-metrics.json.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { intOption, loadGenerator, numberOption, prepareData, trainAndTest } from '../vqa-training.ts';

export interface TrainCommandOptions {
  data: string;
  graphs: string;
  ssl: string;
  sslWeight?: string;
  seed: string;
  out: string;
  epochs?: string;
  pretrainEpochs?: string;
  batchSize?: string;
  lr?: string;
  hidden?: string;
  rounds?: string;
  maxTrainQuestions?: string;
  maxEvalQuestions?: string;
  views?: string;
  maxTrainImages?: string;
  sgg?: string;
  threads?: string;
  resume?: boolean;
  ship?: string;
  generateWorld?: boolean;
  json?: boolean;
}

export async function trainingConfigFromOptions(options: TrainCommandOptions) {
  const [{ DEFAULT_TRAINING }, { DEFAULT_SSL, sslLevelsOf }] = await Promise.all([
    import('../../../models/vqa/train/training-config.ts'),
    import('../../../models/vqa/ssl/ssl-config.ts'),
  ]);
  if (options.graphs !== 'annotated' && options.graphs !== 'predicted') throw new CliError(`--graphs must be annotated or predicted, got "${options.graphs}"`, 2);
  let levels;
  try {
    levels = sslLevelsOf(options.ssl);
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
  const pretrainEpochs = intOption(options.pretrainEpochs, '--pretrain-epochs', 0) ?? 0;
  if (pretrainEpochs > 0 && levels.length === 0) throw new CliError('--pretrain-epochs needs an SSL level (--ssl node|graph|equivariant|all)', 2);
  const hidden = intOption(options.hidden, '--hidden') ?? DEFAULT_TRAINING.network.hidden;
  if (hidden % DEFAULT_TRAINING.network.heads !== 0) throw new CliError(`--hidden must be a multiple of ${DEFAULT_TRAINING.network.heads}`, 2);
  return {
    ...DEFAULT_TRAINING,
    graphs: options.graphs,
    ssl: { ...DEFAULT_SSL, levels, weight: numberOption(options.sslWeight, '--ssl-weight') ?? DEFAULT_SSL.weight },
    pretrainEpochs,
    epochs: intOption(options.epochs, '--epochs') ?? DEFAULT_TRAINING.epochs,
    batchSize: intOption(options.batchSize, '--batch-size', 2) ?? DEFAULT_TRAINING.batchSize,
    lr: numberOption(options.lr, '--lr') ?? DEFAULT_TRAINING.lr,
    seed: intOption(options.seed, '--seed', 0) ?? 0,
    maxTrainQuestions: intOption(options.maxTrainQuestions, '--max-train-questions') ?? null,
    maxEvalQuestions: intOption(options.maxEvalQuestions, '--max-eval-questions') ?? null,
    network: { ...DEFAULT_TRAINING.network, hidden, rounds: intOption(options.rounds, '--rounds') ?? DEFAULT_TRAINING.network.rounds },
  } as const;
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('train the SelfGraphVQA model (GNN + reasoning head, optional node / graph / equivariant SSL) on a data folder')
    .requiredOption('--data <dir>', 'data folder with train/, val/ (and test/) split folders, e.g. from `sgvqa world generate`')
    .option('--graphs <kind>', 'answer from annotated or predicted scene graphs', 'annotated')
    .option('--ssl <level>', 'self-supervision: none, node, graph, equivariant or all', 'none')
    .option('--ssl-weight <lambda>', 'weight of the SSL losses in the total loss (default 0.01)')
    .option('--pretrain-epochs <n>', 'SSL-only epochs before answer training (default 0)')
    .option('--seed <s>', 'seed of initialization, batches and views', '0')
    .requiredOption('--out <dir>', 'output folder: vqa.onnx, vqa.json, checkpoint, log.jsonl, curve.html, predictions')
    .option('--epochs <n>', 'answer-training epochs (default 8)')
    .option('--batch-size <n>', 'questions per step (default 64)')
    .option('--lr <x>', 'peak learning rate (default 0.002)')
    .option('--hidden <d>', 'embedding width D (default 64)')
    .option('--rounds <t>', 'reasoning rounds T (default 4)')
    .option('--max-train-questions <n>', 'train on a fixed random subset of this many questions')
    .option('--max-eval-questions <n>', 'evaluate each epoch on the first N validation questions')
    .option('--views <k>', 'augmented views per training image in the predicted-graph cache (default 2)')
    .option('--max-train-images <n>', 'use only the first N training images and their questions')
    .option('--sgg <file>', 'scene-graph generator .onnx (default models/pretrained/sgg.onnx)')
    .option('--threads <n>', 'onnxruntime threads (default 1: fastest on a shared 2-core machine)')
    .option('--resume', 'continue from DIR/checkpoint.ckpt at the next epoch')
    .option('--generate-world', 'first write the standard shapes-world splits into --data where missing (train 8000 scenes x 12 questions, val 500 x 10, test 1000 x 10, seed 6)')
    .option('--ship <file>', 'also copy the best model to FILE (.onnx) with a manifest that records the test metrics (e.g. models/pretrained/vqa.onnx)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', [
      '',
      'Predicted graphs (training on them, SSL views, evaluation on them) need the scene-graph generator; its',
      'graphs of every image and of K augmented views per training image are cached in <split>/views/.',
      'The total loss is cross-entropy + lambda * (sum of the chosen levels\' VICReg losses, weights 25/25/1).',
    ].join('\n'))
    .action(async (options: TrainCommandOptions) => {
      const config = await trainingConfigFromOptions(options);
      if (options.generateWorld) {
        const { generateStandardWorld } = await import('../vqa-world.ts');
        await generateStandardWorld(options.data);
      }
      const threads = intOption(options.threads, '--threads') ?? 1;
      const needGenerator = config.graphs === 'predicted' || config.ssl.levels.length > 0;
      const generator = await loadGenerator(options.sgg, needGenerator);
      try {
        const prepared = await prepareData(options.data, generator, intOption(options.views, '--views'), intOption(options.maxTrainImages, '--max-train-images'));
        const started = performance.now();
        const { result, test } = await trainAndTest(prepared, config, options.out, { ...(options.resume ? { resume: true } : {}), threads });
        const summary = { out: options.out, model: result.modelPath, best: result.best, test, seconds: (performance.now() - started) / 1000 };
        if (options.ship !== undefined) {
          const { shipModel } = await import('../vqa-ship.ts');
          await shipModel(result.modelPath, options.ship, { test, trainingSeconds: summary.seconds });
          process.stderr.write(`shipped ${options.ship}\n`);
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        } else {
          const lines = [`trained in ${summary.seconds.toFixed(0)} s; best epoch ${result.best?.epoch ?? '-'}; model ${result.modelPath}`];
          for (const [name, metrics] of Object.entries({ ...(result.best?.eval ?? {}), ...test })) {
            lines.push(`  ${name.padEnd(16)} ${Object.entries(metrics).map(([k, v]) => `${k} ${v === null ? '-' : (v * 100).toFixed(2)}`).join('  ')}`);
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      } finally {
        await generator?.release();
      }
    });
}
