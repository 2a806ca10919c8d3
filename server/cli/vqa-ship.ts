/**
 * Ships a trained VQA model: copies DIR/vqa.onnx to the target and writes its manifest with the test
 * metrics and the training time added to `extra` (the .onnx is unchanged, so its sha256 still holds).
 * Both files are written atomically.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../graph/io/atomic-write.ts';
import { CliError } from './cli-error.ts';

export async function shipModel(modelPath: string, target: string, add: { test: Record<string, unknown>; trainingSeconds: number }): Promise<void> {
  if (!target.endsWith('.onnx')) throw new CliError(`--ship needs an .onnx path, got ${target}`, 2);
  const manifest = JSON.parse(await readFile(modelPath.replace(/\.onnx$/, '.json'), 'utf8')) as { onnx: string; extra: Record<string, unknown> };
  const bytes = await readFile(modelPath);
  const name = target.replace(/^.*\//, '');
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, bytes);
  await writeFileAtomic(target.replace(/\.onnx$/, '.json'), `${JSON.stringify({ ...manifest, onnx: name, extra: { ...manifest.extra, test: add.test, trainingSeconds: add.trainingSeconds } }, null, 2)}\n`);
}
