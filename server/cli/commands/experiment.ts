/**
 * `sgvqa experiment ablation`: the paper's experiment as one command. Trains every row of the table
 * (annotated / predicted training graphs x SSL none / node / graph / equivariant / all, over --seeds
 * seeds), adds the question-only and symbolic-executor baselines, prints the table and writes it as
 * Markdown and JSON. Finished runs in --out are reused (an interrupted experiment resumes).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { CliError } from '../cli-error.ts';
import { intOption, loadGenerator, numberOption, prepareData } from '../vqa-training.ts';

interface AblationCommandOptions {
  data: string;
  out: string;
  seeds: string;
  epochs: string;
  maxTrainQuestions: string;
  maxEvalQuestions: string;
  hidden?: string;
  rounds?: string;
  lr?: string;
  sslWeight?: string;
  graphs: string;
  ssl: string;
  parallel: string;
  threads: string;
  views?: string;
  maxTrainImages: string;
  sgg?: string;
  json?: boolean;
}

export function registerExperimentCommand(program: Command): void {
  const experiment = program.command('experiment').description('experiments that produce the project\'s result tables');
  experiment
    .command('ablation')
    .description('train on annotated vs predicted graphs x SSL none/node/graph/equivariant/all over seeds; question-only and symbolic baselines; one table')
    .option('--data <dir>', 'data folder with train/, val/, test/ split folders', 'tmp/vqa/world')
    .option('--out <dir>', 'output folder: runs/, ablation.md, ablation.json', 'tmp/vqa/ablation')
    .option('--seeds <n>', 'seeds per setting', '3')
    .option('--epochs <n>', 'epochs per run', '2')
    .option('--max-train-questions <n>', 'training questions per run (a fixed random subset per seed)', '8000')
    .option('--max-eval-questions <n>', 'validation questions evaluated per epoch', '1000')
    .option('--hidden <d>', 'embedding width D (default 64)')
    .option('--rounds <t>', 'reasoning rounds T (default 4)')
    .option('--lr <x>', 'peak learning rate (default 0.002)')
    .option('--ssl-weight <lambda>', 'weight of the SSL losses (default 0.01)')
    .option('--graphs <list>', 'training graph kinds, comma-separated', 'annotated,predicted')
    .option('--ssl <list>', 'SSL settings, comma-separated', 'none,node,graph,equivariant,all')
    .option('--parallel <n>', 'runs trained at once', '2')
    .option('--threads <n>', 'onnxruntime threads per run', '1')
    .option('--views <k>', 'augmented views per training image (default 2)')
    .option('--max-train-images <n>', 'training images (and their questions) the runs draw from', '2000')
    .option('--sgg <file>', 'scene-graph generator .onnx (default models/pretrained/sgg.onnx)')
    .option('--json', 'print the result as JSON instead of the table')
    .action(async (options: AblationCommandOptions) => {
      const seeds = intOption(options.seeds, '--seeds')!;
      const graphs = options.graphs.split(',').map((s) => s.trim());
      if (graphs.some((g) => g !== 'annotated' && g !== 'predicted')) throw new CliError(`--graphs takes annotated and/or predicted, got "${options.graphs}"`, 2);
      const { SSL_SETTINGS, runAblation, ablationMarkdown } = await import('../vqa-ablation.ts');
      const ssl = options.ssl.split(',').map((s) => s.trim());
      for (const s of ssl) if (!(SSL_SETTINGS as readonly string[]).includes(s)) throw new CliError(`unknown SSL setting "${s}" (${SSL_SETTINGS.join(', ')})`, 2);
      const { trainingConfigFromOptions } = await import('./train.ts');
      const base = await trainingConfigFromOptions({
        data: options.data, graphs: 'annotated', ssl: 'none', seed: '0', out: options.out,
        epochs: options.epochs, maxTrainQuestions: options.maxTrainQuestions, maxEvalQuestions: options.maxEvalQuestions,
        ...(options.hidden ? { hidden: options.hidden } : {}), ...(options.rounds ? { rounds: options.rounds } : {}),
        ...(options.lr ? { lr: options.lr } : {}), ...(options.sslWeight ? { sslWeight: options.sslWeight } : {}),
      });
      numberOption(options.sslWeight, '--ssl-weight');
      const generator = await loadGenerator(options.sgg, true);
      try {
        const prepared = await prepareData(options.data, generator, intOption(options.views, '--views'), intOption(options.maxTrainImages, '--max-train-images'));
        const { progressBar } = await import('../progress.ts');
        const total = graphs.length * ssl.length * seeds + seeds;
        const bar = progressBar('ablation', total, 'runs');
        const result = await runAblation(prepared, {
          outDir: options.out, seeds, graphs: graphs as ('annotated' | 'predicted')[], ssl: ssl as never, base,
          parallel: intOption(options.parallel, '--parallel')!, threads: intOption(options.threads, '--threads')!,
          onRunDone: (_name, done) => bar.update(done),
        }).finally(() => bar.stop());
        const markdown = ablationMarkdown(result);
        const { writeFileAtomic } = await import('../../../graph/io/atomic-write.ts');
        await writeFileAtomic(join(options.out, 'ablation.md'), markdown);
        await writeFileAtomic(join(options.out, 'ablation.json'), `${JSON.stringify(result, null, 2)}\n`);
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${markdown}\nWrote ${join(options.out, 'ablation.md')} and ablation.json\n`);
      } finally {
        await generator?.release();
      }
    });
}
