/** Attribute questions about one object: verify / query / choose a colour, size or material, and "and". */
import type { Rng } from '../prng.ts';
import { WORLD_ONTOLOGY, type AttributeCategory } from '../vocabulary.ts';
import { describe, isDescribable, selectSteps, theRef } from './describe.ts';
import { categoryFacts, hasFact } from './facts.ts';
import { fill, sentence } from './phrase.ts';
import { ProgramBuilder } from './program-builder.ts';
import type { FactObject, SceneFacts } from './scene-facts.ts';
import type { Candidate, QuestionDraft, QuestionTemplate } from './template.ts';

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const VERIFY_PHRASES: Readonly<Record<AttributeCategory, readonly string[]>> = {
  color: ['is {a} {v}', 'does {a} look {v}', 'is the color of {a} {v}'],
  size: ['is {a} {v}', 'does {a} look {v}', 'is {a} {v} in size'],
  material: ['is {a} {v}', 'does {a} look {v}', 'would you say {a} is {v}'],
};

const QUERY_PHRASES: Readonly<Record<AttributeCategory, readonly string[]>> = {
  color: ['what color is {a}', 'what is the color of {a}', 'which color does {a} have', 'what color does {a} have'],
  size: ['how big is {a}', 'what size is {a}', 'what is the size of {a}'],
  material: ['what material is {a}', 'what is the material of {a}', 'which material is {a}'],
};

const CHOOSE_PHRASES: Readonly<Record<AttributeCategory, readonly string[]>> = {
  color: ['is {a} {x} or {y}', 'what color is {a}, {x} or {y}', 'which color is {a}, {x} or {y}'],
  size: ['is {a} {x} or {y}', 'how big is {a}, {x} or {y}', 'what size is {a}, {x} or {y}'],
  material: ['is {a} {x} or {y}', 'what material is {a}, {x} or {y}', 'which material is {a}, {x} or {y}'],
};

function describable(facts: SceneFacts, exclude: readonly AttributeCategory[]): FactObject[] {
  return facts.objects.filter((o) => isDescribable(facts, o, { exclude }));
}

export function verifyAttrTemplate(category: AttributeCategory, weight: number): QuestionTemplate {
  const detailed = `verify${capital(category)}`;
  return {
    detailed, structural: 'verify', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const object of describable(facts, [category])) {
        const actual = object.values[category];
        for (const value of WORLD_ONTOLOGY[category]) {
          const answer = value === actual ? 'yes' : 'no';
          out.push({
            key: `${detailed}|${object.id}|${value}`, answer, local: `${detailed}-${value}`,
            build: (rng) => {
              const d = describe(facts, object, rng, { exclude: [category] });
              if (!d) return undefined;
              const program = new ProgramBuilder();
              program.add(`verify ${category}`, value, [selectSteps(program, d)]);
              const a = theRef(d);
              return {
                steps: program.steps,
                question: sentence(fill(rng.pick(VERIFY_PHRASES[category]), { a, v: value }), '?'),
                fullAnswer: sentence(answer === 'yes' ? fill('yes, {a} is {v}', { a, v: value }) : fill('no, {a} is {v}', { a, v: actual }), '.'),
                answer, global: null,
                needs: [hasFact(object.id, value)],
                reveals: answer === 'yes' ? categoryFacts(object.id, category) : [hasFact(object.id, value)],
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

export function queryAttrTemplate(category: AttributeCategory, weight: number): QuestionTemplate {
  const detailed = `query${capital(category)}`;
  return {
    detailed, structural: 'query', semantic: 'attr', weight,
    candidates(facts) {
      return describable(facts, [category]).map((object): Candidate => {
        const answer = object.values[category];
        return {
          key: `${detailed}|${object.id}`, answer, local: `${detailed}-${object.name}`,
          build: (rng) => {
            const d = describe(facts, object, rng, { exclude: [category] });
            if (!d) return undefined;
            const program = new ProgramBuilder();
            program.add('query', category, [selectSteps(program, d)]);
            const a = theRef(d);
            return {
              steps: program.steps,
              question: sentence(fill(rng.pick(QUERY_PHRASES[category]), { a }), '?'),
              fullAnswer: sentence(fill('{a} is {v}', { a, v: answer }), '.'),
              answer, global: category,
              needs: categoryFacts(object.id, category), reveals: categoryFacts(object.id, category),
              plausible: [...WORLD_ONTOLOGY[category]],
            };
          },
        };
      });
    },
  };
}

export function chooseAttrTemplate(category: AttributeCategory, weight: number): QuestionTemplate {
  const detailed = `choose${capital(category)}`;
  return {
    detailed, structural: 'choose', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const object of describable(facts, [category])) {
        const answer = object.values[category];
        for (const other of WORLD_ONTOLOGY[category]) {
          if (other === answer) continue;
          const pair = [answer, other].sort().join('|');
          out.push({
            key: `${detailed}|${object.id}|${other}`, answer, local: `${detailed}-${pair}`,
            build: (rng) => {
              const d = describe(facts, object, rng, { exclude: [category] });
              if (!d) return undefined;
              const [x, y] = rng.chance(0.5) ? [answer, other] : [other, answer];
              const program = new ProgramBuilder();
              program.add(`choose ${category}`, `${x}|${y}`, [selectSteps(program, d)]);
              const a = theRef(d);
              return {
                steps: program.steps,
                question: sentence(fill(rng.pick(CHOOSE_PHRASES[category]), { a, x, y }), '?'),
                fullAnswer: sentence(fill('{a} is {v}', { a, v: answer }), '.'),
                answer, global: category,
                needs: [hasFact(object.id, x), hasFact(object.id, y)], reveals: categoryFacts(object.id, category),
                plausible: [x, y],
              };
            },
          });
        }
      }
      return out;
    },
  };
}

/** "Is the circle red and striped?": two verify steps joined by `and` (GQA's verifyAttrs). */
export function verifyAttrAndTemplate(weight: number): QuestionTemplate {
  const detailed = 'verifyAttrAnd';
  const pairs: [AttributeCategory, AttributeCategory][] = [['color', 'material'], ['size', 'color'], ['size', 'material']];
  return {
    detailed, structural: 'logical', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const [c1, c2] of pairs) {
        for (const object of describable(facts, [c1, c2])) {
          for (const v1 of WORLD_ONTOLOGY[c1]) {
            for (const v2 of WORLD_ONTOLOGY[c2]) {
              const answer = object.values[c1] === v1 && object.values[c2] === v2 ? 'yes' : 'no';
              out.push({
                key: `${detailed}|${object.id}|${v1}|${v2}`, answer, local: `${detailed}-${c1}-${c2}`,
                build: (rng) => buildAnd(facts, object, rng, [c1, v1], [c2, v2], answer),
              });
            }
          }
        }
      }
      return out;
    },
  };
}

function buildAnd(
  facts: SceneFacts,
  object: FactObject,
  rng: Rng,
  [c1, v1]: [AttributeCategory, string],
  [c2, v2]: [AttributeCategory, string],
  answer: string,
): QuestionDraft | undefined {
  const d = describe(facts, object, rng, { exclude: [c1, c2] });
  if (!d) return undefined;
  const program = new ProgramBuilder();
  const target = selectSteps(program, d);
  const first = program.add(`verify ${c1}`, v1, [target]);
  const second = program.add(`verify ${c2}`, v2, [target]);
  program.add('and', '', [first, second]);
  const a = theRef(d);
  const phrase = rng.pick(['is {a} {v1} and {v2}', 'is {a} both {v1} and {v2}', 'does {a} look {v1} and {v2}']);
  return {
    steps: program.steps,
    question: sentence(fill(phrase, { a, v1, v2 }), '?'),
    fullAnswer: sentence(
      answer === 'yes'
        ? fill('yes, {a} is {v1} and {v2}', { a, v1, v2 })
        : fill('no, {a} is {v1} and {v2}', { a, v1: object.values[c1], v2: object.values[c2] }),
      '.',
    ),
    answer, global: null,
    needs: [hasFact(object.id, v1), hasFact(object.id, v2)],
    reveals: answer === 'yes' ? [...categoryFacts(object.id, c1), ...categoryFacts(object.id, c2)] : [],
    plausible: ['yes', 'no'],
  };
}
