/**
 * A contact sheet of a world folder, for people to look at: the first scenes in a grid, each with its
 * ground-truth boxes and labels (shape, colour, size, material) drawn over it, optionally preceded by the
 * legend scenes (legend.ts). Composed by sharp from the PNGs and one SVG overlay.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { GqaScene } from '../formats/gqa-schema.ts';
import { legendScenes } from './legend.ts';
import { renderScenePng } from './renderer.ts';
import { WorldError } from './world-error.ts';

export interface ContactSheetOptions {
  /** Scenes to show (default 16). */
  count?: number;
  /** Cells per row (default 4). */
  columns?: number;
  /** Put the legend scenes first (default true). */
  legend?: boolean;
  /** Draw boxes and labels (default true). */
  boxes?: boolean;
}

const CELL = 256;
const PAD = 8;
const CAPTION = 18;

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Cell {
  png: Buffer;
  title: string;
  scene?: GqaScene;
}

function overlay(cells: readonly Cell[], columns: number, width: number, height: number, boxes: boolean): string {
  let body = '';
  cells.forEach((cell, index) => {
    const left = PAD + (index % columns) * (CELL + PAD);
    const top = PAD + Math.floor(index / columns) * (CELL + PAD + CAPTION);
    body += `<text x="${left}" y="${top + CELL + 13}" font-family="DejaVu Sans, sans-serif" font-size="11" fill="#222">${escapeXml(cell.title)}</text>`;
    if (!boxes || !cell.scene) return;
    for (const object of Object.values(cell.scene.objects)) {
      const x = left + object.x;
      const y = top + object.y;
      body += `<rect x="${x + 0.5}" y="${y + 0.5}" width="${object.w - 1}" height="${object.h - 1}" fill="none" stroke="#ff00ff" stroke-width="1"/>`;
      const label = escapeXml([object.name, ...object.attributes].join(' '));
      const ly = object.y > 10 ? y - 2 : y + object.h + 9;
      body += `<text x="${x}" y="${ly}" font-family="DejaVu Sans, sans-serif" font-size="8" fill="#fff" stroke="#000" stroke-width="2" paint-order="stroke">${label}</text>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`;
}

/** PNG bytes of the sheet for the world folder `dir`. */
export async function contactSheet(dir: string, options: ContactSheetOptions = {}): Promise<Buffer> {
  const count = options.count ?? 16;
  const columns = options.columns ?? 4;
  let scenes: Record<string, GqaScene>;
  try {
    scenes = JSON.parse(await readFile(join(dir, 'sceneGraphs.json'), 'utf8')) as Record<string, GqaScene>;
  } catch (error) {
    throw new WorldError(`world/sheet: cannot read ${join(dir, 'sceneGraphs.json')}: ${(error as Error).message}`);
  }
  const cells: Cell[] = [];
  if (options.legend ?? true) {
    for (const scene of legendScenes()) cells.push({ png: await renderScenePng(scene), title: scene.imageId });
  }
  for (const [imageId, scene] of Object.entries(scenes).slice(0, count)) {
    const path = join(dir, 'images', `${imageId}.png`);
    let png: Buffer;
    try {
      png = await readFile(path);
    } catch {
      throw new WorldError(`world/sheet: missing image ${path}`);
    }
    cells.push({ png, title: `${imageId} (${scene.location ?? '?'}, ${Object.keys(scene.objects).length} objects)`, scene });
  }
  const rows = Math.ceil(cells.length / columns);
  const width = PAD + columns * (CELL + PAD);
  const height = PAD + rows * (CELL + PAD + CAPTION);
  const composites: OverlayOptions[] = cells.map((cell, index) => ({
    input: cell.png,
    left: PAD + (index % columns) * (CELL + PAD),
    top: PAD + Math.floor(index / columns) * (CELL + PAD + CAPTION),
  }));
  composites.push({ input: Buffer.from(overlay(cells, columns, width, height, options.boxes ?? true)), left: 0, top: 0 });
  return sharp({ create: { width, height, channels: 3, background: { r: 250, g: 250, b: 250 } } })
    .composite(composites)
    .png()
    .toBuffer();
}
