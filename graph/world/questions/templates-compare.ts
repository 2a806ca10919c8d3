/**
 * Comparison questions (GQA `compare`): same / different attribute between two objects, the same
 * attribute across all objects of a shape, what two objects have in common, and which is larger.
 */
import { ATTRIBUTE_CATEGORIES, SHAPE_CATEGORY, SHAPES, type AttributeCategory } from '../vocabulary.ts';
import { describe, isDescribable, selectSteps, theRef } from './describe.ts';
import { categoryFacts } from './facts.ts';
import { fill, plural, sentence, type ObjectRef } from './phrase.ts';
import { ProgramBuilder } from './program-builder.ts';
import type { FactObject, SceneFacts } from './scene-facts.ts';
import type { Candidate, QuestionTemplate } from './template.ts';

function pairs(facts: SceneFacts, exclude: readonly AttributeCategory[]): [FactObject, FactObject][] {
  const ok = facts.objects.filter((o) => isDescribable(facts, o, { exclude }));
  const out: [FactObject, FactObject][] = [];
  for (let i = 0; i < ok.length; i++) for (let j = i + 1; j < ok.length; j++) out.push([ok[i]!, ok[j]!]);
  return out;
}

const sameFact = (a: FactObject, b: FactObject, category: string): string => `same:${[a.id, b.id].sort().join(':')}:${category}`;

const SAME_PHRASES: readonly string[] = ['do {a} and {b} have the same {c}', 'are {a} and {b} the same {c}', 'is {a} the same {c} as {b}'];
const DIFFERENT_PHRASES: readonly string[] = ['do {a} and {b} have different {cs}', 'are {a} and {b} different in {c}', 'is the {c} of {a} different from that of {b}'];

/** "Do the circle and the square have the same color?" / "... different colors?" */
export function sameDifferentTemplate(kind: 'same' | 'different', weight: number): QuestionTemplate {
  const detailed = kind === 'same' ? 'sameAttr' : 'diffAttr';
  return {
    detailed, structural: 'compare', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const category of ATTRIBUTE_CATEGORIES) {
        for (const [first, second] of pairs(facts, [category])) {
          const same = first.values[category] === second.values[category];
          const answer = same === (kind === 'same') ? 'yes' : 'no';
          out.push({
            key: `${detailed}|${first.id}|${second.id}|${category}`, answer, local: `${detailed}-${category}`,
            build: (rng) => {
              const [x, y] = rng.chance(0.5) ? [first, second] : [second, first];
              const dx = describe(facts, x, rng, { exclude: [category] });
              const dy = describe(facts, y, rng, { exclude: [category] });
              if (!dx || !dy) return undefined;
              const program = new ProgramBuilder();
              const sx = selectSteps(program, dx);
              const sy = selectSteps(program, dy);
              program.add(`${kind} ${category}`, '', [sx, sy]);
              const a = theRef(dx);
              const b = theRef(dy);
              const phrase = rng.pick(kind === 'same' ? SAME_PHRASES : DIFFERENT_PHRASES);
              const full = same
                ? fill(`${answer}, both {a} and {b} are {v}`, { a, b, v: x.values[category] })
                : fill(`${answer}, {a} is {va} and {b} is {vb}`, { a, b, va: x.values[category], vb: y.values[category] });
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { a, b, c: category, cs: `${category}s` }), '?'),
                fullAnswer: sentence(full, '.'),
                answer, global: null,
                needs: [sameFact(x, y, category)], reveals: [sameFact(x, y, category)],
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

/** "Are all the circles the same color?" (`same: color` over one set). */
export function sameAllTemplate(weight: number): QuestionTemplate {
  const detailed = 'sameAll';
  return {
    detailed, structural: 'compare', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const noun of [...SHAPES, SHAPE_CATEGORY]) {
        const members = facts.objects.filter((o) => noun === SHAPE_CATEGORY || o.name === noun);
        if (members.length < 2) continue;
        for (const category of ATTRIBUTE_CATEGORIES) {
          const values = new Set(members.map((o) => o.values[category]));
          const answer = values.size === 1 ? 'yes' : 'no';
          out.push({
            key: `${detailed}|${noun}|${category}`, answer, local: `${detailed}-${category}`,
            build: (rng) => {
              const program = new ProgramBuilder();
              program.add('same', category, [program.add('select', `${noun} (${members.map((o) => o.id).join(',')})`, [])]);
              const group: ObjectRef = { text: plural(noun), head: 0, id: members[0]!.id };
              const phrase = rng.pick(['do all the {g} have the same {c}', 'are all the {g} the same {c}']);
              const full = answer === 'yes'
                ? fill('yes, all the {g} are {v}', { g: group, v: [...values][0]! })
                : fill('no, the {g} have different {cs}', { g: group, cs: `${category}s` });
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { g: group, c: category }), '?'),
                fullAnswer: sentence(full, '.'),
                answer, global: null,
                needs: members.flatMap((o) => categoryFacts(o.id, category)), reveals: [],
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

/** "What do the circle and the square have in common?" -> color (exactly one shared category). */
export function commonTemplate(weight: number): QuestionTemplate {
  const detailed = 'common';
  return {
    detailed, structural: 'compare', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const [first, second] of pairs(facts, ATTRIBUTE_CATEGORIES)) {
        const shared = ATTRIBUTE_CATEGORIES.filter((c) => first.values[c] === second.values[c]);
        if (shared.length !== 1) continue;
        const answer = shared[0]!;
        out.push({
          key: `${detailed}|${first.id}|${second.id}`, answer, local: detailed,
          build: (rng) => {
            const [x, y] = rng.chance(0.5) ? [first, second] : [second, first];
            const dx = describe(facts, x, rng, { exclude: ATTRIBUTE_CATEGORIES });
            const dy = describe(facts, y, rng, { exclude: ATTRIBUTE_CATEGORIES });
            if (!dx || !dy) return undefined;
            const program = new ProgramBuilder();
            const sx = selectSteps(program, dx);
            program.add('common', '', [sx, selectSteps(program, dy)]);
            const a = theRef(dx);
            const b = theRef(dy);
            const phrase = rng.pick(['what do {a} and {b} have in common', 'what is common to {a} and {b}', 'which attribute do {a} and {b} share']);
            return {
              steps: program.steps,
              question: sentence(fill(phrase, { a, b }), '?'),
              fullAnswer: sentence(fill('the {c}, both {a} and {b} are {v}', { c: answer, a, b, v: x.values[answer] }), '.'),
              answer, global: 'attribute',
              needs: ATTRIBUTE_CATEGORIES.flatMap((c) => [...categoryFacts(x.id, c), ...categoryFacts(y.id, c)]),
              reveals: [...categoryFacts(x.id, answer), ...categoryFacts(y.id, answer)],
              plausible: [...ATTRIBUTE_CATEGORIES],
            };
          },
        });
      }
      return out;
    },
  };
}

/** "Which is larger, the red circle or the striped square?" -> the winner's name (`choose larger`). */
export function compareSizeTemplate(weight: number): QuestionTemplate {
  const detailed = 'compareSize';
  return {
    detailed, structural: 'compare', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const [first, second] of pairs(facts, ['size'])) {
        if (first.name === second.name || first.values.size === second.values.size) continue;
        for (const comparative of ['larger', 'smaller'] as const) {
          const firstWins = (first.values.size === 'large') === (comparative === 'larger');
          const winner = firstWins ? first : second;
          const loser = firstWins ? second : first;
          out.push({
            key: `${detailed}|${first.id}|${second.id}|${comparative}`, answer: winner.name, local: `${detailed}-${comparative}`,
            build: (rng) => {
              const [x, y] = rng.chance(0.5) ? [first, second] : [second, first];
              const dx = describe(facts, x, rng, { exclude: ['size'] });
              const dy = describe(facts, y, rng, { exclude: ['size'] });
              const dw = x === winner ? dx : dy;
              const dl = x === winner ? dy : dx;
              if (!dx || !dy || !dw || !dl) return undefined;
              const program = new ProgramBuilder();
              const sx = selectSteps(program, dx);
              program.add(`choose ${comparative}`, '', [sx, selectSteps(program, dy)]);
              const phrase = rng.pick(['which is {c}, {a} or {b}', 'which shape is {c}, {a} or {b}', 'is {a} or {b} {c}']);
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { a: theRef(dx), b: theRef(dy), c: comparative }), '?'),
                fullAnswer: sentence(fill('{w} is {c} than {l}', { w: theRef(dw), c: comparative, l: theRef(dl) }), '.'),
                answer: winner.name, answerRef: winner.id, global: 'shape',
                needs: [...categoryFacts(x.id, 'size'), ...categoryFacts(y.id, 'size')],
                reveals: [...categoryFacts(winner.id, 'size'), ...categoryFacts(loser.id, 'size')],
                plausible: [x.name, y.name],
              };
            },
          });
        }
      }
      return out;
    },
  };
}
