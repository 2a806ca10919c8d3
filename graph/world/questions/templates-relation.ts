/**
 * Relation questions (GQA `rel`), only about pairs the graph stores; a "no" must also be "no" by the
 * world's geometric rules (scene-facts.ts), so the answer never depends on a pair being left unstored.
 * Queries ask only where exactly one object stands in the relation, by the stored graph and by geometry.
 */
import { PREDICATES, SHAPE_CATEGORY, SHAPES, WORLD_ONTOLOGY, type AttributeCategory } from '../vocabulary.ts';
import { relationAnswer } from '../../program/index.ts';
import { describe, isDescribable, selectSteps, theRef } from './describe.ts';
import { categoryFacts, nameFacts, relFact } from './facts.ts';
import { article, fill, plural, sentence, type ObjectRef, type Part } from './phrase.ts';
import { ProgramBuilder } from './program-builder.ts';
import type { FactObject, SceneFacts } from './scene-facts.ts';
import type { Candidate, QuestionTemplate } from './template.ts';

const describable = (facts: SceneFacts): FactObject[] => facts.objects.filter((o) => isDescribable(facts, o));

/** Objects X with `X predicate anchor` stored, and with it holding by geometry. */
function subjectsOf(facts: SceneFacts, predicate: string, anchor: FactObject): { stored: FactObject[]; geometric: FactObject[] } {
  return facts.memo(`subjects|${predicate}|${anchor.id}`, () => ({
    stored: facts.objects.filter((x) => facts.stored(x.id, anchor.id).has(predicate)),
    geometric: facts.objects.filter((x) => facts.holds(x.id, predicate, anchor.id)),
  }));
}

function objectsOf(facts: SceneFacts, subject: FactObject, predicate: string): { stored: FactObject[]; geometric: FactObject[] } {
  return facts.memo(`objects|${subject.id}|${predicate}`, () => ({
    stored: facts.objects.filter((y) => facts.stored(subject.id, y.id).has(predicate)),
    geometric: facts.objects.filter((y) => facts.holds(subject.id, predicate, y.id)),
  }));
}

const named = (object: FactObject): ObjectRef => ({ text: object.name, head: 0, id: object.id });

/** "Is there a circle to the left of the red square?" (select + relate + exist). */
export function existRelTemplate(weight: number): QuestionTemplate {
  const detailed = 'existRel';
  return {
    detailed, structural: 'verify', semantic: 'rel', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const anchor of describable(facts)) {
        for (const predicate of PREDICATES) {
          const { stored, geometric } = subjectsOf(facts, predicate, anchor);
          for (const noun of [...SHAPES, SHAPE_CATEGORY]) {
            const fits = (o: FactObject): boolean => noun === SHAPE_CATEGORY || o.name === noun;
            const yes = stored.filter(fits);
            const answer = yes.length > 0 ? 'yes' : geometric.some(fits) ? undefined : 'no';
            if (answer === undefined) continue;
            out.push({
              key: `${detailed}|${anchor.id}|${predicate}|${noun}`, answer, local: `${detailed}-${predicate}`,
              build: (rng) => {
                const d = describe(facts, anchor, rng);
                if (!d) return undefined;
                const program = new ProgramBuilder();
                const related = program.add('relate', `${noun},${predicate},s (${yes.length > 0 ? yes.map((o) => o.id).join(',') : '-'})`, [selectSteps(program, d)]);
                program.add('exist', '?', [related]);
                const b = theRef(d);
                const one: Part = yes[0] ? { text: noun, head: 0, id: yes[0].id } : noun;
                const many: Part = yes[0] ? { text: plural(noun), head: 0, id: yes[0].id } : plural(noun);
                const question = rng.pick<Part[]>([
                  ['is there', article(noun), one, predicate, b],
                  ['are there any', many, predicate, b],
                  ['do you see', article(noun), one, predicate, b],
                ]);
                const fact = `existsrel:${noun}:${predicate}:${anchor.id}`;
                return {
                  steps: program.steps,
                  question: sentence(question, '?'),
                  fullAnswer: sentence(answer === 'yes' ? ['yes, there is', article(noun), one, predicate, b] : ['no, there are no', many, predicate, b], '.'),
                  answer, global: null,
                  needs: [fact], reveals: [fact],
                  plausible: ['yes', 'no'],
                };
              },
            });
          }
        }
      }
      return out;
    },
  };
}

/** Ordered pairs with at least one stored relation, both objects describable. */
function storedPairs(facts: SceneFacts): [FactObject, FactObject][] {
  const ok = new Set(describable(facts).map((o) => o.id));
  const pairs: [FactObject, FactObject][] = [];
  for (const a of facts.objects) {
    for (const b of facts.objects) {
      if (a !== b && ok.has(a.id) && ok.has(b.id) && facts.stored(a.id, b.id).size > 0) pairs.push([a, b]);
    }
  }
  return pairs;
}

/** "Is the red circle to the left of the square?" (select B + verify rel: A,p,s). */
export function verifyRelTemplate(weight: number): QuestionTemplate {
  const detailed = 'verifyRel';
  return {
    detailed, structural: 'verify', semantic: 'rel', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const [a, b] of storedPairs(facts)) {
        const stored = facts.stored(a.id, b.id);
        const actual = [...stored][0]!;
        for (const predicate of PREDICATES) {
          const answer = stored.has(predicate) ? 'yes' : facts.holds(a.id, predicate, b.id) ? undefined : 'no';
          if (answer === undefined) continue;
          out.push({
            key: `${detailed}|${a.id}|${predicate}|${b.id}`, answer, local: `${detailed}-${predicate}`,
            build: (rng) => {
              const da = describe(facts, a, rng);
              const db = describe(facts, b, rng);
              if (!da || !db) return undefined;
              const program = new ProgramBuilder();
              program.add('verify rel', `${a.name},${predicate},s (${a.id})`, [selectSteps(program, db)]);
              const ra = theRef(da);
              const rb = theRef(db);
              const phrase = rng.pick(['is {a} {p} {b}', 'is {a} located {p} {b}']);
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { a: ra, p: predicate, b: rb }), '?'),
                fullAnswer: sentence(fill(answer === 'yes' ? 'yes, {a} is {p} {b}' : 'no, {a} is {p} {b}', { a: ra, p: answer === 'yes' ? predicate : actual, b: rb }), '.'),
                answer, global: null,
                needs: [relFact(a.id, predicate, b.id)], reveals: [relFact(a.id, predicate, b.id)],
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

const AXES: readonly (readonly [string, string, string])[] = [
  ['horizontal', 'to the left of', 'to the right of'],
  ['vertical', 'above', 'below'],
  ['depth', 'in front of', 'behind'],
];

/** "Is the circle to the left or to the right of the square?" -> left. */
export function chooseRelTemplate(weight: number): QuestionTemplate {
  const detailed = 'chooseRel';
  return {
    detailed, structural: 'choose', semantic: 'rel', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const [a, b] of storedPairs(facts)) {
        const stored = facts.stored(a.id, b.id);
        for (const [axis, p, q] of AXES) {
          const holds = stored.has(p) ? p : stored.has(q) ? q : undefined;
          if (holds === undefined) continue;
          const answer = relationAnswer(holds);
          out.push({
            key: `${detailed}|${a.id}|${axis}|${b.id}`, answer, local: `${detailed}-${axis}`,
            build: (rng) => {
              const da = describe(facts, a, rng);
              const db = describe(facts, b, rng);
              if (!da || !db) return undefined;
              const [x, y] = rng.chance(0.5) ? [p, q] : [q, p];
              const program = new ProgramBuilder();
              program.add('choose rel', `${a.name},${x}|${y},s (${a.id})`, [selectSteps(program, db)]);
              const ra = theRef(da);
              const rb = theRef(db);
              // "to the left or to the right of", "above or below", "in front of or behind".
              const options = axis === 'horizontal' ? `${x.replace(/ of$/, '')} or ${y}` : `${x} or ${y}`;
              return {
                steps: program.steps,
                question: sentence(fill('is {a} {o} {b}', { a: ra, o: options, b: rb }), '?'),
                fullAnswer: sentence(fill('{a} is {p} {b}', { a: ra, p: holds, b: rb }), '.'),
                answer, global: null,
                needs: [relFact(a.id, x, b.id), relFact(a.id, y, b.id)], reveals: [relFact(a.id, x, b.id), relFact(a.id, y, b.id)],
                plausible: [relationAnswer(x), relationAnswer(y)],
              };
            },
          });
        }
      }
      return out;
    },
  };
}

/** "What is to the left of the red square?" -> circle (relate: _,p,s + query name). */
export function relSTemplate(weight: number): QuestionTemplate {
  const detailed = 'relS';
  return {
    detailed, structural: 'query', semantic: 'rel', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const anchor of describable(facts)) {
        for (const predicate of PREDICATES) {
          const { stored, geometric } = subjectsOf(facts, predicate, anchor);
          if (stored.length !== 1 || geometric.length !== 1 || stored[0] !== geometric[0]) continue;
          const subject = stored[0]!;
          out.push({
            key: `${detailed}|${anchor.id}|${predicate}`, answer: subject.name, local: `${detailed}-${predicate}`,
            build: (rng) => {
              const d = describe(facts, anchor, rng);
              if (!d) return undefined;
              const program = new ProgramBuilder();
              program.add('query', 'name', [program.add('relate', `_,${predicate},s (${subject.id})`, [selectSteps(program, d)])]);
              const b = theRef(d);
              const phrase = rng.pick(['what is {p} {b}', 'which shape is {p} {b}', 'what shape is {p} {b}']);
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { p: predicate, b }), '?'),
                fullAnswer: sentence(fill('the {s} is {p} {b}', { s: named(subject), p: predicate, b }), '.'),
                answer: subject.name, answerRef: subject.id, global: 'shape',
                needs: [`relS:${predicate}:${anchor.id}`],
                reveals: [`relS:${predicate}:${anchor.id}`, relFact(subject.id, predicate, anchor.id), ...nameFacts(subject.id)],
                plausible: [...SHAPES],
              };
            },
          });
        }
      }
      return out;
    },
  };
}

/** "What is the red circle inside?" -> square (relate: _,p,o + query name). */
export function relOTemplate(weight: number): QuestionTemplate {
  const detailed = 'relO';
  return {
    detailed, structural: 'query', semantic: 'rel', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const subject of describable(facts)) {
        for (const predicate of PREDICATES) {
          const { stored, geometric } = objectsOf(facts, subject, predicate);
          if (stored.length !== 1 || geometric.length !== 1 || stored[0] !== geometric[0]) continue;
          const object = stored[0]!;
          out.push({
            key: `${detailed}|${subject.id}|${predicate}`, answer: object.name, local: `${detailed}-${predicate}`,
            build: (rng) => {
              const d = describe(facts, subject, rng);
              if (!d) return undefined;
              const program = new ProgramBuilder();
              program.add('query', 'name', [program.add('relate', `_,${predicate},o (${object.id})`, [selectSteps(program, d)])]);
              const a = theRef(d);
              const phrase = rng.pick(['what is {a} {p}', 'which shape is {a} {p}']);
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { a, p: predicate }), '?'),
                fullAnswer: sentence(fill('{a} is {p} the {o}', { a, p: predicate, o: named(object) }), '.'),
                answer: object.name, answerRef: object.id, global: 'shape',
                needs: [`relO:${subject.id}:${predicate}`],
                reveals: [`relO:${subject.id}:${predicate}`, relFact(subject.id, predicate, object.id), ...nameFacts(object.id)],
                plausible: [...SHAPES],
              };
            },
          });
        }
      }
      return out;
    },
  };
}

const DIRECT_PHRASES: Readonly<Record<AttributeCategory, readonly string[]>> = {
  color: ['what color is {s} {p} {b}', 'what is the color of {s} {p} {b}'],
  size: ['how big is {s} {p} {b}', 'what size is {s} {p} {b}'],
  material: ['what material is {s} {p} {b}', 'what is the material of {s} {p} {b}'],
};

/** "What color is the shape to the left of the red square?" (GQA's directOf: attr through a relation). */
export function directOfTemplate(weight: number): QuestionTemplate {
  const detailed = 'directOf';
  return {
    detailed, structural: 'query', semantic: 'attr', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const anchor of describable(facts)) {
        for (const predicate of PREDICATES) {
          const { stored, geometric } = subjectsOf(facts, predicate, anchor);
          if (stored.length !== 1 || geometric.length !== 1 || stored[0] !== geometric[0]) continue;
          const subject = stored[0]!;
          for (const category of ['color', 'size', 'material'] as const) {
            const answer = subject.values[category];
            out.push({
              key: `${detailed}|${anchor.id}|${predicate}|${category}`, answer, local: `${detailed}-${category}`,
              build: (rng) => {
                const d = describe(facts, anchor, rng);
                if (!d) return undefined;
                const useName = rng.chance(0.5);
                const program = new ProgramBuilder();
                const related = program.add('relate', `${useName ? subject.name : '_'},${predicate},s (${subject.id})`, [selectSteps(program, d)]);
                program.add('query', category, [related]);
                const b = theRef(d);
                const s: ObjectRef = { text: `the ${useName ? subject.name : 'shape'}`, head: 1, id: subject.id };
                return {
                  steps: program.steps,
                  question: sentence(fill(rng.pick(DIRECT_PHRASES[category]), { s, p: predicate, b }), '?'),
                  fullAnswer: sentence(fill('the {n} is {v}', { n: named(subject), v: answer }), '.'),
                  answer, global: category,
                  needs: [`relS:${predicate}:${anchor.id}`, ...categoryFacts(subject.id, category)],
                  reveals: categoryFacts(subject.id, category),
                  plausible: [...WORLD_ONTOLOGY[category]],
                };
              },
            });
          }
        }
      }
      return out;
    },
  };
}
