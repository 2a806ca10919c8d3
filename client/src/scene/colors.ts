/**
 * Colors of the page: an object is drawn in its own color attribute (the shapes world's palette, or a
 * CSS color name for GQA's colors), and differences between graphs in fixed status colors that are
 * always paired with a text marker, so no meaning rests on color alone.
 */

/** The shapes world's colors (DESIGN §5), so nodes look like the objects in the image. */
const WORLD_PALETTE: Record<string, string> = {
  red: 'rgb(220,40,40)',
  orange: 'rgb(245,140,20)',
  yellow: 'rgb(235,210,30)',
  green: 'rgb(40,170,60)',
  blue: 'rgb(40,90,220)',
  purple: 'rgb(140,60,190)',
  gray: 'rgb(128,128,128)',
  grey: 'rgb(128,128,128)',
};

export const NEUTRAL_COLOR = '#5b6b82';

function isCssColor(word: string): boolean {
  return typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && /^[a-z]+$/.test(word) && CSS.supports('color', word);
}

/** The display color of an object from its attributes: the first one that names a color, else neutral. */
export function objectColor(attributes: readonly string[]): string {
  for (const attribute of attributes) {
    const known = WORLD_PALETTE[attribute];
    if (known) return known;
  }
  for (const attribute of attributes) if (isCssColor(attribute)) return attribute;
  return NEUTRAL_COLOR;
}

export const STATUS_COLORS = {
  correct: '#2e7d32',
  missed: '#c62828',
  spurious: '#e65100',
  wrong: '#6a1b9a',
} as const;

export const EDGE_COLOR = '#6b7280';
