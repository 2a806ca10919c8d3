/**
 * Image folders (DESIGN §3): one file per image, `<imageId>.png|.jpg|.jpeg|.webp`. Lists a folder's images
 * in id order, and finds the file of one id.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

export interface FolderImage {
  readonly imageId: string;
  readonly path: string;
}

export interface FolderListing {
  readonly images: readonly FolderImage[];
  /** Files sharing an id with an earlier one (`a.png` and `a.jpg`): left out. */
  readonly duplicates: readonly FolderImage[];
}

/** The folder's image files (by extension, case-insensitive), sorted by id. */
export async function listImages(dir: string): Promise<FolderListing> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && (IMAGE_EXTENSIONS as readonly string[]).includes(extname(e.name).toLowerCase()))
    .map((e) => ({ imageId: e.name.slice(0, -extname(e.name).length), path: join(dir, e.name) }))
    .sort((a, b) => (a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : a.path < b.path ? -1 : 1));
  const images: FolderImage[] = [];
  const duplicates: FolderImage[] = [];
  for (const f of files) {
    if (images.length > 0 && images[images.length - 1]!.imageId === f.imageId) duplicates.push(f);
    else images.push(f);
  }
  return { images, duplicates };
}

/** The file of `imageId` in `dir`, trying each extension; undefined when there is none. */
export function findImage(dir: string, imageId: string): string | undefined {
  for (const ext of IMAGE_EXTENSIONS) {
    for (const name of [`${imageId}${ext}`, `${imageId}${ext.toUpperCase()}`]) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}
