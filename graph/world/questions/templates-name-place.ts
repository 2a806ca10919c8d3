/** Questions about an object's shape (GQA `cat`) and about the background (GQA `global`, `place`). */
import { BACKGROUNDS, SHAPES } from '../vocabulary.ts';
import { describe, isDescribable, selectSteps, theRef } from './describe.ts';
import { nameFacts, placeFacts } from './facts.ts';
import { article, fill, sentence, type ObjectRef } from './phrase.ts';
import { ProgramBuilder } from './program-builder.ts';
import type { Candidate, QuestionTemplate } from './template.ts';

/** "What is the small red shape?" -> circle: select: shape + filters + query: name. */
export function queryNameTemplate(weight: number): QuestionTemplate {
  const detailed = 'queryName';
  return {
    detailed, structural: 'query', semantic: 'cat', weight,
    candidates(facts) {
      return facts.objects.filter((o) => isDescribable(facts, o, { named: false })).map((object): Candidate => ({
        key: `${detailed}|${object.id}`, answer: object.name, local: `${detailed}-${object.values.color}`,
        build: (rng) => {
          const d = describe(facts, object, rng, { named: false });
          if (!d) return undefined;
          const program = new ProgramBuilder();
          program.add('query', 'name', [selectSteps(program, d)]);
          const a = theRef(d);
          const adjectives = d.categories.map((c) => object.values[c]).join(' and ');
          const shapeWord: ObjectRef = { text: 'shape', head: 0, id: object.id };
          const question = rng.chance(0.5)
            ? fill(rng.pick(['what is {a}', 'what kind of shape is {a}']), { a })
            : fill(rng.pick(['which {s} is {adj}', 'what {s} is {adj}']), { s: shapeWord, adj: adjectives });
          const answerRef: ObjectRef = { text: object.name, head: 0, id: object.id };
          return {
            steps: program.steps,
            question: sentence(question, '?'),
            fullAnswer: sentence(fill('{a} is {art} {n}', { a, art: article(object.name), n: answerRef }), '.'),
            answer: object.name, answerRef: object.id, global: 'shape',
            needs: nameFacts(object.id), reveals: nameFacts(object.id),
            plausible: [...SHAPES],
          };
        },
      }));
    },
  };
}

/** "Is the small red shape a circle or a square?" */
export function chooseNameTemplate(weight: number): QuestionTemplate {
  const detailed = 'chooseName';
  return {
    detailed, structural: 'choose', semantic: 'cat', weight,
    candidates(facts) {
      const out: Candidate[] = [];
      for (const object of facts.objects.filter((o) => isDescribable(facts, o, { named: false }))) {
        for (const other of SHAPES) {
          if (other === object.name) continue;
          out.push({
            key: `${detailed}|${object.id}|${other}`, answer: object.name, local: `${detailed}-${[object.name, other].sort().join('|')}`,
            build: (rng) => {
              const d = describe(facts, object, rng, { named: false });
              if (!d) return undefined;
              const [x, y] = rng.chance(0.5) ? [object.name, other] : [other, object.name];
              const program = new ProgramBuilder();
              program.add('choose name', `${x}|${y}`, [selectSteps(program, d)]);
              const a = theRef(d);
              const phrase = rng.pick(['is {a} {ax} {x} or {ay} {y}', 'which shape is {a}, {ax} {x} or {ay} {y}']);
              return {
                steps: program.steps,
                question: sentence(fill(phrase, { a, x, y, ax: article(x), ay: article(y) }), '?'),
                fullAnswer: sentence(fill('{a} is {art} {n}', { a, art: article(object.name), n: { text: object.name, head: 0, id: object.id } }), '.'),
                answer: object.name, answerRef: object.id, global: 'shape',
                needs: [`is:${object.id}:${x}`, `is:${object.id}:${y}`], reveals: nameFacts(object.id),
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

export function queryPlaceTemplate(weight: number): QuestionTemplate {
  const detailed = 'queryPlace';
  return {
    detailed, structural: 'query', semantic: 'global', weight,
    candidates(facts) {
      const answer = facts.location;
      return [{
        key: detailed, answer, local: detailed,
        build: (rng) => {
          const program = new ProgramBuilder();
          program.add('query', 'place', [program.add('select', 'scene', [])]);
          return {
            steps: program.steps,
            question: sentence([rng.pick(['what kind of background is this', 'what is the background like', 'which kind of background does the picture have'])], '?'),
            fullAnswer: sentence([`it is ${article(answer)} ${answer} background`], '.'),
            answer, global: 'place',
            needs: placeFacts(BACKGROUNDS), reveals: placeFacts(BACKGROUNDS),
            plausible: [...BACKGROUNDS],
          };
        },
      }];
    },
  };
}

export function verifyPlaceTemplate(weight: number): QuestionTemplate {
  const detailed = 'verifyPlace';
  return {
    detailed, structural: 'verify', semantic: 'global', weight,
    candidates(facts) {
      return BACKGROUNDS.map((value): Candidate => {
        const answer = value === facts.location ? 'yes' : 'no';
        return {
          key: `${detailed}|${value}`, answer, local: `${detailed}-${value}`,
          build: (rng) => {
            const program = new ProgramBuilder();
            program.add('verify place', value, [program.add('select', 'scene', [])]);
            return {
              steps: program.steps,
              question: sentence([rng.pick([`is this ${article(value)} ${value} background`, `is the picture on ${article(value)} ${value} background`])], '?'),
              fullAnswer: sentence([answer === 'yes' ? `yes, it is ${article(value)} ${value} background` : `no, it is ${article(facts.location)} ${facts.location} background`], '.'),
              answer, global: null,
              needs: placeFacts([value]), reveals: answer === 'yes' ? placeFacts(BACKGROUNDS) : placeFacts([value]),
              plausible: ['yes', 'no'],
            };
          },
        };
      });
    },
  };
}

export function choosePlaceTemplate(weight: number): QuestionTemplate {
  const detailed = 'choosePlace';
  return {
    detailed, structural: 'choose', semantic: 'global', weight,
    candidates(facts) {
      const answer = facts.location;
      return BACKGROUNDS.filter((other) => other !== answer).map((other): Candidate => ({
        key: `${detailed}|${other}`, answer, local: `${detailed}-${[answer, other].sort().join('|')}`,
        build: (rng) => {
          const [x, y] = rng.chance(0.5) ? [answer, other] : [other, answer];
          const program = new ProgramBuilder();
          program.add('choose place', `${x}|${y}`, [program.add('select', 'scene', [])]);
          return {
            steps: program.steps,
            question: sentence([rng.pick([`is this ${article(x)} ${x} or ${article(y)} ${y} background`, `is the background ${x} or ${y}`])], '?'),
            fullAnswer: sentence([`it is ${article(answer)} ${answer} background`], '.'),
            answer, global: 'place',
            needs: placeFacts([x, y]), reveals: placeFacts(BACKGROUNDS),
            plausible: [x, y],
          };
        },
      }));
    },
  };
}

