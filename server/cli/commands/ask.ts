/**
 * `sgvqa ask`: one question about one image (through the scene-graph generator) or about one scene graph
 * of a GQA scene-graphs file, answered by the shipped VQA model through models/vqa's `answer`.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from '../cli-error.ts';
import { requireFile } from './graph.ts';
import { loadGenerator } from '../vqa-training.ts';

export const DEFAULT_VQA = resolve(import.meta.dirname, '../../../models/pretrained/vqa.onnx');

interface AskOptions {
  image?: string;
  sceneGraph?: string;
  imageId?: string;
  model?: string;
  sgg?: string;
  top: string;
  json?: boolean;
}

export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('answer a question about an image (scene graph predicted first) or about a scene graph')
    .argument('<question>', 'the question, e.g. "Is there a red circle?"')
    .option('--image <file>', 'an image (PNG, JPEG, WebP)')
    .option('--scene-graph <file>', 'a GQA scene-graphs JSON file (with --image-id)')
    .option('--image-id <id>', 'which scene of --scene-graph to ask about')
    .option('--model <file>', 'VQA model .onnx (default models/pretrained/vqa.onnx)')
    .option('--sgg <file>', 'scene-graph generator .onnx for --image (default models/pretrained/sgg.onnx)')
    .option('--top <k>', 'answers to list', '5')
    .option('--json', 'print the whole result (answer, top-k, grounding per round, scene graph, timings) as JSON')
    .action(async (question: string, options: AskOptions) => {
      if ((options.image === undefined) === (options.sceneGraph === undefined)) throw new CliError('give exactly one of --image FILE and --scene-graph FILE', 2);
      if (options.sceneGraph !== undefined && options.imageId === undefined) throw new CliError('--scene-graph needs --image-id ID', 2);
      const top = Number(options.top);
      if (!Number.isInteger(top) || top < 1) throw new CliError(`--top must be a positive integer, got "${options.top}"`, 2);
      const modelPath = requireFile(options.model ?? DEFAULT_VQA, 'VQA model');
      const [{ loadVqaModel }, { answer }, { isQuestionError }, { isVqaModelError }] = await Promise.all([
        import('../../../models/vqa/infer/vqa-model.ts'),
        import('../../../models/vqa/infer/answer.ts'),
        import('../../../models/vqa/errors/question-error.ts'),
        import('../../../models/vqa/errors/vqa-model-error.ts'),
      ]);
      let input;
      let generator;
      if (options.image !== undefined) {
        requireFile(options.image, 'image');
        generator = await loadGenerator(options.sgg, true);
        input = { image: await readFile(options.image), imageId: options.image.replace(/^.*\//, '').replace(/\.[^.]+$/, '') };
      } else {
        requireFile(options.sceneGraph!, 'scene-graphs file');
        const { readGqaScenes } = await import('../../../graph/formats/gqa-files.ts');
        const { sceneGraphFromGqa } = await import('../../../graph/formats/gqa.ts');
        let found;
        for await (const [id, scene] of readGqaScenes(options.sceneGraph!)) {
          if (id === options.imageId) {
            found = sceneGraphFromGqa(id, scene, { file: options.sceneGraph! });
            break;
          }
        }
        if (!found) throw new CliError(`no scene "${options.imageId}" in ${options.sceneGraph}`, 1);
        input = { sceneGraph: found };
      }
      const model = await loadVqaModel(modelPath, { threads: 1 }).catch((error: Error) => {
        throw isVqaModelError(error) ? new CliError(error.message, 1) : error;
      });
      try {
        const result = await answer({ model, ...(generator ? { generator: generator.predictor } : {}) }, input, question, { topK: top }).catch((error: Error) => {
          throw isQuestionError(error) ? new CliError(error.message, 2) : error;
        });
        if (options.json) {
          const { sceneGraphToGqa } = await import('../../../graph/formats/gqa.ts');
          process.stdout.write(`${JSON.stringify({ ...result, sceneGraph: { [result.sceneGraph.getAttribute('imageId')]: sceneGraphToGqa(result.sceneGraph) } }, null, 2)}\n`);
          return;
        }
        const lines = [`${result.answer}  (${(result.confidence * 100).toFixed(1)}%)`];
        lines.push(`top: ${result.topK.map((t) => `${t.answer} ${(t.p * 100).toFixed(1)}%`).join(', ')}`);
        const readout = result.grounding.at(-1);
        if (readout && readout.objects.length > 0) {
          lines.push(`looked at: ${readout.objects.slice(0, 3).map((o) => `${o.name} ${o.id} ${(o.weight * 100).toFixed(0)}%`).join(', ')}`);
        }
        for (const w of result.warnings) lines.push(`warning: ${w}`);
        lines.push(`time: ${result.timings.total.toFixed(1)} ms (scene graph ${result.timings.sceneGraph.toFixed(1)}, model ${result.timings.model.toFixed(1)})`);
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await model.release();
        await generator?.release();
      }
    });
}
