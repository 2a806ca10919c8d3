/**
 * The attribute ontology used when the caller passes none: GQA's common attribute categories and the
 * values that answer `query <category>`, `choose <category>`, `same <category>` and `common`. Written for
 * this project from everyday English usage (GQA answers are lower-case, multi-word values allowed); it is
 * not a copy of any GQA file. Category order matters: `common` reports the first shared category, so the
 * ones GQA asks about (color, material, shape) come first.
 *
 * `name` / `type`, `hposition` / `vposition` and the scene fields (`place`, `location`, `weather` on
 * `select: scene`) are not listed here: the executor derives them from the object's name, its box and the
 * scene attributes.
 */
import type { AttributeOntology } from './ontology.ts';

export const DEFAULT_ONTOLOGY: AttributeOntology = Object.freeze({
  color: [
    'white', 'black', 'blue', 'green', 'red', 'brown', 'yellow', 'gray', 'grey', 'orange', 'pink', 'purple',
    'silver', 'tan', 'beige', 'gold', 'golden', 'maroon', 'khaki', 'navy', 'teal', 'turquoise', 'cream',
    'dark', 'light', 'light blue', 'dark blue', 'light brown', 'dark brown', 'dark green', 'light green',
    'blond', 'blonde', 'brunette', 'cream colored', 'light colored', 'dark colored', 'colorful',
    'multicolored', 'violet', 'magenta', 'bronze', 'copper', 'ivory', 'lavender', 'olive', 'burgundy',
  ],
  material: [
    'wood', 'wooden', 'metal', 'metallic', 'plastic', 'glass', 'concrete', 'cement', 'brick', 'stone',
    'leather', 'cloth', 'fabric', 'cotton', 'denim', 'wool', 'paper', 'cardboard', 'porcelain', 'ceramic',
    'steel', 'stainless steel', 'iron', 'aluminum', 'rubber', 'mesh', 'wicker', 'granite', 'marble',
    'tile', 'straw', 'bamboo', 'silk', 'lace', 'vinyl', 'asphalt', 'chrome', 'brass', 'clay', 'foam',
    'solid', 'striped', 'dotted', 'hollow',
  ],
  shape: [
    'round', 'square', 'rectangular', 'triangular', 'circular', 'oval', 'octagonal', 'hexagonal',
    'curved', 'rounded', 'pointy', 'pointed', 'cylindrical', 'heart shaped', 'star shaped', 'diamond',
    'circle', 'triangle', 'star', 'hexagon',
  ],
  size: ['small', 'large', 'big', 'little', 'tiny', 'huge', 'giant', 'medium', 'medium sized', 'massive'],
  pose: [
    'standing', 'sitting', 'walking', 'lying', 'laying', 'running', 'jumping', 'kneeling', 'crouching',
    'bending', 'leaning', 'squatting', 'swinging', 'riding', 'hanging', 'flying', 'floating', 'resting',
  ],
  activity: [
    'playing', 'eating', 'drinking', 'staring', 'looking', 'talking', 'smiling', 'reading', 'sleeping',
    'waiting', 'watching', 'cooking', 'grazing', 'working', 'posing', 'driving', 'shopping', 'walking',
    'standing', 'sitting', 'crouching', 'running', 'cutting', 'holding', 'throwing', 'catching',
  ],
  sportActivity: [
    'surfing', 'skiing', 'skateboarding', 'snowboarding', 'swimming', 'skating', 'batting', 'pitching',
    'serving', 'playing tennis', 'playing baseball', 'playing frisbee', 'kiting', 'biking',
  ],
  pattern: ['striped', 'checkered', 'plaid', 'spotted', 'dotted', 'polka dot', 'floral', 'patterned', 'plain'],
  age: ['young', 'old', 'adult', 'baby', 'elderly', 'little'],
  hardness: ['hard', 'soft'],
  length: ['long', 'short'],
  height: ['tall', 'short', 'high', 'low'],
  width: ['wide', 'narrow', 'thick', 'thin'],
  thickness: ['thick', 'thin'],
  weight: ['heavy', 'light'],
  fatness: ['fat', 'skinny', 'thin', 'slim'],
  cleanliness: ['clean', 'dirty', 'messy', 'tidy', 'dusty', 'muddy'],
  wetness: ['wet', 'dry'],
  fullness: ['full', 'empty', 'half full'],
  tone: ['light', 'dark', 'pale', 'bright'],
  brightness: ['bright', 'dark', 'dim', 'lit', 'sunny', 'shadowy'],
  'face expression': ['happy', 'sad', 'smiling', 'serious', 'angry', 'surprised', 'calm', 'curious'],
  gender: ['male', 'female'],
  state: ['open', 'closed', 'shut', 'on', 'off', 'empty', 'full', 'broken', 'folded', 'parked', 'lit', 'unlit'],
  cooked: ['cooked', 'raw', 'fried', 'baked', 'grilled', 'toasted', 'sliced', 'chopped', 'ripe', 'unripe'],
  sleeve: ['sleeveless', 'long sleeved', 'short sleeved'],
  weather: [
    'clear', 'cloudy', 'overcast', 'partly cloudy', 'cloudless', 'sunny', 'rainy', 'foggy', 'stormy',
    'snowy', 'hazy', 'windy',
  ],
  healthiness: ['healthy', 'unhealthy'],
});
