/**
 * Legend scenes: every colour x material, small, on each background, plus both sizes of every shape —
 * rendered by the same renderer as the data, so a person can check on one sheet that every colour, size
 * and material can be told apart everywhere.
 */
import { worldObject } from './scene-sampler.ts';
import { BACKGROUNDS, COLOR_NAMES, MATERIALS, SHAPES, SIZE_DIAMETER, type BackgroundName } from './vocabulary.ts';
import type { WorldBackground, WorldObject, WorldScene } from './world-scene.ts';

function legendBackground(name: BackgroundName): WorldBackground {
  const base = name === 'dark' ? 48 : name === 'grid' ? 210 : 222;
  const background: WorldBackground = {
    name,
    from: [base + 12, base + 12, base + 12],
    to: [base - 12, base - 12, base - 12],
    angle: 45,
    mottle: name === 'dark' ? 3 : 4.5,
    speckleFraction: 0.03,
    speckleAmplitude: name === 'dark' ? 10 : 14,
    noiseSeed: 7,
    shadow: { dx: 3, dy: 4, blur: 2, opacity: name === 'dark' ? 0.5 : 0.32 },
  };
  if (name === 'grid') background.grid = { spacing: 24, offsetX: 4, offsetY: 4, color: [168, 168, 174], width: 1 };
  return background;
}

/** 7 colours (columns) x 4 materials (rows), small (the hardest size), shapes cycling. */
export function colorMaterialLegend(name: BackgroundName): WorldScene {
  const objects: WorldObject[] = [];
  MATERIALS.forEach((material, row) => {
    COLOR_NAMES.forEach((color, column) => {
      objects.push(worldObject({
        id: `${material}-${color}`,
        shape: SHAPES[(row + column) % SHAPES.length]!,
        color,
        size: 'small',
        material,
        diameter: SIZE_DIAMETER.small[0],
        cx: 20 + column * 36,
        cy: 40 + row * 58,
      }));
    });
  });
  return { imageId: `legend-${name}`, width: 256, height: 256, background: legendBackground(name), objects };
}

/** Every shape small and large (smallest and largest diameters), alternating materials. */
export function sizeLegend(): WorldScene {
  const objects: WorldObject[] = [];
  SHAPES.forEach((shape, i) => {
    const column = i % 3;
    const row = Math.floor(i / 3);
    const cx = 44 + column * 84;
    const cy = 58 + row * 128;
    objects.push(worldObject({ id: `${shape}-large`, shape, color: COLOR_NAMES[i]!, size: 'large', material: MATERIALS[i % 4]!, diameter: SIZE_DIAMETER.large[1 - (i % 2)], cx, cy }));
    objects.push(worldObject({ id: `${shape}-small`, shape, color: COLOR_NAMES[(i + 3) % 7]!, size: 'small', material: MATERIALS[(i + 1) % 4]!, diameter: SIZE_DIAMETER.small[i % 2], cx: cx + 18, cy: cy + 58 }));
  });
  return { imageId: 'legend-sizes', width: 256, height: 256, background: legendBackground('light'), objects };
}

export function legendScenes(): WorldScene[] {
  return [...BACKGROUNDS.map(colorMaterialLegend), sizeLegend()];
}
