/** Streams a GQA-format file through its schema, detecting the file kind from its first entry. */
import { open } from 'node:fs/promises';
import { GraphFormatError } from '../../graph/errors/graph-format-error.ts';
import { readGqaChoices, readGqaPredictions, readGqaQuestions, readSceneGraphs } from '../../graph/formats/gqa-files.ts';
import { streamJsonObject } from '../../graph/formats/json-stream.ts';
import type { GqaFileKind } from './commands/graph.ts';
import { fileProgress } from './progress.ts';

export interface ValidationReport {
  file: string;
  kind: GqaFileKind;
  entries: number;
  summary: string;
}

async function firstNonSpaceChar(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart()[0];
  } finally {
    await handle.close();
  }
}

/** The kind of a GQA file: arrays are predictions; objects are told apart by their first entry. */
export async function detectGqaFileKind(path: string): Promise<GqaFileKind> {
  const first = await firstNonSpaceChar(path);
  if (first === '[') return 'predictions';
  if (first !== '{') throw new GraphFormatError('not a JSON object or array', [], path);
  for await (const [, value] of streamJsonObject(path, { file: path })) {
    const entry = (value ?? {}) as Record<string, unknown>;
    if ('objects' in entry) return 'scene-graphs';
    if ('question' in entry || 'imageId' in entry) return 'questions';
    if ('valid' in entry || 'plausible' in entry) return 'choices';
    break;
  }
  throw new GraphFormatError('cannot tell the file kind from its first entry; pass --kind', [], path);
}

export async function validateGqaFile(path: string, kind?: GqaFileKind): Promise<ValidationReport> {
  const resolved = kind ?? (await detectGqaFileKind(path));
  const progress = fileProgress(`validate ${resolved}`, path);
  const options = { onBytes: progress.onBytes };
  let entries = 0;
  let summary: string;
  try {
    switch (resolved) {
      case 'scene-graphs': {
        let objects = 0;
        let relations = 0;
        for await (const graph of readSceneGraphs(path, options)) {
          entries++;
          objects += graph.order;
          relations += graph.size;
        }
        summary = `${entries} scene graphs, ${objects} objects, ${relations} relations`;
        break;
      }
      case 'questions': {
        const { parseSemantic } = await import('../../graph/program/index.ts');
        let programs = 0;
        for await (const [qid, question] of readGqaQuestions(path, options)) {
          entries++;
          if (question.semantic) {
            parseSemantic(question.semantic, { strict: true, path: [qid, 'semantic'], file: path });
            programs++;
          }
        }
        summary = `${entries} questions, ${programs} programs`;
        break;
      }
      case 'predictions':
        for await (const _ of readGqaPredictions(path, options)) entries++;
        summary = `${entries} predictions`;
        break;
      case 'choices':
        for await (const _ of readGqaChoices(path, options)) entries++;
        summary = `${entries} choices`;
        break;
    }
  } finally {
    progress.stop();
  }
  return { file: path, kind: resolved, entries, summary };
}
