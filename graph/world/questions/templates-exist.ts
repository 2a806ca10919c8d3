/**
 * Existence questions (GQA `obj`): "Is there a star?", "Are there any red circles?", and their logical
 * combinations "Are there both ... and ...?" / "Is there a ... or a ...?".
 */
import type { Rng } from '../prng.ts';
import { COLOR_NAMES, SHAPE_CATEGORY, SHAPES } from '../vocabulary.ts';
import { article, plural, sentence, type Part } from './phrase.ts';
import { ProgramBuilder } from './program-builder.ts';
import type { FactObject, SceneFacts } from './scene-facts.ts';
import type { Candidate, QuestionTemplate } from './template.ts';

/** What an existence question looks for: a shape name (or any shape) and optionally a colour. */
interface Seek {
  noun: string;
  color?: string;
}

const seekKey = (seek: Seek): string => `exists:${seek.noun}:${seek.color ?? ''}`;

function found(facts: SceneFacts, seek: Seek): FactObject[] {
  return facts.objects.filter((o) => (seek.noun === SHAPE_CATEGORY || o.name === seek.noun) && (seek.color === undefined || o.values.color === seek.color));
}

/** select (+ filter color) + exist; returns the exist step. */
function seekSteps(facts: SceneFacts, program: ProgramBuilder, seek: Seek): number {
  const named = facts.objects.filter((o) => seek.noun === SHAPE_CATEGORY || o.name === seek.noun);
  const hits = found(facts, seek);
  const ids = (seek.color === undefined ? named : hits).map((o) => o.id);
  let last = program.add('select', `${seek.noun} (${ids.length > 0 ? ids.join(',') : '-'})`, []);
  if (seek.color !== undefined) last = program.add('filter color', seek.color, [last]);
  return program.add('exist', '?', [last]);
}

/** "red circle" / "circle" with the noun grounded to the first match, if any. */
function seekPhrase(facts: SceneFacts, seek: Seek, many: boolean): Part {
  const noun = many ? plural(seek.noun) : seek.noun;
  const text = seek.color === undefined ? noun : `${seek.color} ${noun}`;
  const hit = found(facts, seek)[0];
  return hit ? { text, head: text.split(' ').length - 1, id: hit.id } : text;
}

function seekWithArticle(facts: SceneFacts, seek: Seek): Part[] {
  return [article(seek.color ?? seek.noun), seekPhrase(facts, seek, false)];
}

/** "Is there a star?" (select + exist). */
export function existTemplate(weight: number): QuestionTemplate {
  const detailed = 'exist';
  return {
    detailed, structural: 'verify', semantic: 'obj', weight,
    candidates(facts) {
      return SHAPES.map((noun): Candidate => {
        const seek: Seek = { noun };
        const answer = found(facts, seek).length > 0 ? 'yes' : 'no';
        return { key: `${detailed}|${noun}`, answer, local: `${detailed}-${noun}`, build: (rng) => buildExist(facts, rng, seek, answer) };
      });
    },
  };
}

/** "Are there any red circles?" (select + filter color + exist), asked where the shape is present. */
export function existAttrTemplate(weight: number): QuestionTemplate {
  const detailed = 'existAttr';
  return {
    detailed, structural: 'verify', semantic: 'obj', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const noun of [...SHAPES, SHAPE_CATEGORY]) {
        if (found(facts, { noun }).length === 0) continue;
        for (const color of COLOR_NAMES) {
          const seek: Seek = { noun, color };
          const answer = found(facts, seek).length > 0 ? 'yes' : 'no';
          out.push({ key: `${detailed}|${noun}|${color}`, answer, local: `${detailed}-${color}`, build: (rng) => buildExist(facts, rng, seek, answer) });
        }
      }
      return out;
    },
  };
}

function buildExist(facts: SceneFacts, rng: Rng, seek: Seek, answer: string) {
  const program = new ProgramBuilder();
  seekSteps(facts, program, seek);
  const one = seekWithArticle(facts, seek);
  const many = seekPhrase(facts, seek, true);
  const question = rng.pick<Part[]>([
    ['is there', ...one],
    ['are there any', many],
    ['do you see any', many],
    ['is there', ...one, 'in the picture'],
  ]);
  return {
    steps: program.steps,
    question: sentence(question, '?'),
    fullAnswer: sentence(answer === 'yes' ? ['yes, there is', ...one] : ['no, there are no', many], '.'),
    answer, global: null,
    needs: [seekKey(seek)], reveals: [seekKey(seek)],
    plausible: ['yes', 'no'],
  };
}

/** "Are there both circles and stars?" / "Is there a red circle or a blue star?" */
export function existLogicTemplate(kind: 'and' | 'or', weight: number): QuestionTemplate {
  const detailed = kind === 'and' ? 'existAnd' : 'existOr';
  return {
    detailed, structural: 'logical', semantic: 'obj', weight,
    candidates(facts) {
      const seeks: Seek[] = SHAPES.map((noun) => ({ noun }));
      for (const noun of SHAPES) {
        if (found(facts, { noun }).length === 0) continue;
        for (const color of COLOR_NAMES) seeks.push({ noun, color });
      }
      const out: Candidate[] = [];
      for (let i = 0; i < seeks.length; i++) {
        for (let j = 0; j < seeks.length; j++) {
          const a = seeks[i]!;
          const b = seeks[j]!;
          // Different shapes, both plain or both coloured.
          if (a.noun >= b.noun || (a.color === undefined) !== (b.color === undefined)) continue;
          const hasA = found(facts, a).length > 0;
          const hasB = found(facts, b).length > 0;
          const answer = (kind === 'and' ? hasA && hasB : hasA || hasB) ? 'yes' : 'no';
          const flavour = a.color === undefined ? 'plain' : 'color';
          out.push({
            key: `${detailed}|${seekKey(a)}|${seekKey(b)}`, answer, local: `${detailed}-${flavour}`,
            build: (rng) => {
              const [x, y] = rng.chance(0.5) ? [a, b] : [b, a];
              const program = new ProgramBuilder();
              const ex = seekSteps(facts, program, x);
              const ey = seekSteps(facts, program, y);
              program.add(kind, '', [ex, ey]);
              const xs = seekPhrase(facts, x, true);
              const ys = seekPhrase(facts, y, true);
              const question = kind === 'and'
                ? rng.pick<Part[]>([['are there both', xs, 'and', ys], ['is there both', ...seekWithArticle(facts, x), 'and', ...seekWithArticle(facts, y)]])
                : rng.pick<Part[]>([['are there any', xs, 'or', ys], ['is there', ...seekWithArticle(facts, x), 'or', ...seekWithArticle(facts, y)], ['is there either', ...seekWithArticle(facts, x), 'or', ...seekWithArticle(facts, y)]]);
              const hasX = found(facts, x).length > 0;
              const present = hasX ? x : y;
              const absent = hasX ? y : x;
              let full: Part[];
              if (kind === 'and') full = answer === 'yes' ? ['yes, there are both', xs, 'and', ys] : ['no, there are no', seekPhrase(facts, absent, true)];
              else full = answer === 'yes' ? ['yes, there is', ...seekWithArticle(facts, present)] : ['no, there are neither', xs, 'nor', ys];
              const both = [seekKey(x), seekKey(y)];
              const revealsBoth = (kind === 'and' && answer === 'yes') || (kind === 'or' && answer === 'no');
              return {
                steps: program.steps,
                question: sentence(question, '?'),
                fullAnswer: sentence(full, '.'),
                answer, global: null,
                needs: both, reveals: revealsBoth ? both : [],
                plausible: ['yes', 'no'],
              };
            },
          });
        }
      }
      return out;
    },
  };
}
