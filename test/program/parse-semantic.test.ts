import { describe, expect, it } from 'vitest';
import { GraphFormatError } from '../../graph/errors/graph-format-error.ts';
import {
  checkProgram,
  formatSemantic,
  formatSemanticStr,
  parseSemantic,
  parseSemanticStr,
  splitSemanticStr,
  type Program,
  type ProgramStep,
} from '../../graph/program/index.ts';

const step = (operation: string, argument: string, dependencies: number[] = []) => ({
  operation,
  argument,
  dependencies,
});

/** Parses `prefix` steps (to satisfy dependencies) plus one step and returns that step. */
function parseLast(operation: string, argument: string, dependencies: number[], prefix = [step('select', 'man')]): ProgramStep {
  const program = parseSemantic([...prefix, step(operation, argument, dependencies)]);
  return program.steps[program.steps.length - 1] as ProgramStep;
}

function formatErrorOf(run: () => unknown): GraphFormatError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(GraphFormatError);
  expect((caught as Error).name).toBe('GraphFormatError');
  return caught as GraphFormatError;
}

const pathOf = (run: () => unknown): string => formatErrorOf(run).message.split(': ')[0] ?? '';

describe('parseSemantic: operations', () => {
  it('select: names with ids, (-) and id lists; select: scene', () => {
    expect(parseSemantic([step('select', 'wall (722332)')]).steps[0]).toEqual({
      kind: 'select',
      name: 'wall',
      ids: ['722332'],
      deps: [],
    });
    expect(parseSemantic([step('select', 'car (-) ')]).steps[0]).toEqual({ kind: 'select', name: 'car', ids: [], deps: [] });
    expect(parseSemantic([step('select', 'animal (757652,757650,3885555)')]).steps[0]).toMatchObject({
      name: 'animal',
      ids: ['757652', '757650', '3885555'],
    });
    expect(parseSemantic([step('select', 'traffic light')]).steps[0]).toEqual({ kind: 'select', name: 'traffic light', deps: [] });
    expect(parseSemantic([step('select', 'scene')]).steps[0]).toEqual({ kind: 'scene', deps: [] });
  });

  it('filter: category from the operation, plain filter, negation', () => {
    expect(parseLast('filter color', 'white', [0])).toEqual({
      kind: 'filter',
      category: 'color',
      value: 'white',
      negated: false,
      deps: [0],
    });
    expect(parseLast('filter', 'ripe', [0])).toEqual({ kind: 'filter', value: 'ripe', negated: false, deps: [0] });
    expect(parseLast('filter face expression', 'not(sad)', [0])).toEqual({
      kind: 'filter',
      category: 'face expression',
      value: 'sad',
      negated: true,
      deps: [0],
    });
  });

  it('relate / verify rel / choose rel: name or _, predicate, s|o role, ids', () => {
    expect(parseLast('relate', 'person,in,s (823320)', [0])).toEqual({
      kind: 'relate',
      name: 'person',
      predicate: 'in',
      role: 'subject',
      ids: ['823320'],
      deps: [0],
    });
    expect(parseLast('relate', '_,to the left of,o', [0])).toEqual({
      kind: 'relate',
      predicate: 'to the left of',
      role: 'object',
      deps: [0],
    });
    expect(parseLast('verify rel', 'stove,to the left of,o (-)', [0])).toEqual({
      kind: 'verifyRel',
      name: 'stove',
      predicate: 'to the left of',
      role: 'object',
      ids: [],
      deps: [0],
    });
    expect(parseLast('choose rel', 'plate,under|above,s (631156)', [0])).toEqual({
      kind: 'chooseRel',
      name: 'plate',
      predicates: ['under', 'above'],
      role: 'subject',
      ids: ['631156'],
      deps: [0],
    });
  });

  it('query, verify, choose with and without a category', () => {
    expect(parseLast('query', 'name', [0])).toEqual({ kind: 'query', category: 'name', deps: [0] });
    expect(parseLast('verify size', 'small ', [0])).toEqual({
      kind: 'verify',
      category: 'size',
      value: 'small',
      negated: false,
      deps: [0],
    });
    expect(parseLast('verify', 'not(open)', [0])).toEqual({ kind: 'verify', value: 'open', negated: true, deps: [0] });
    expect(parseLast('choose color', 'beige|red', [0])).toEqual({
      kind: 'choose',
      category: 'color',
      options: ['beige', 'red'],
      deps: [0],
    });
    expect(parseLast('choose', 'sleeveless|long sleeved', [0])).toEqual({
      kind: 'choose',
      options: ['sleeveless', 'long sleeved'],
      deps: [0],
    });
    expect(parseLast('query', 'place', [0], [step('select', 'scene')])).toMatchObject({ kind: 'query', category: 'place' });
  });

  it('comparatives, exist, and, or, same, different, common', () => {
    const two = [step('select', 'apple'), step('select', 'cake')];
    expect(parseLast('choose healthier', '', [0, 1], two)).toEqual({ kind: 'compare', comparative: 'healthier', deps: [0, 1] });
    expect(parseLast('choose less healthy', '', [0, 1], two)).toEqual({
      kind: 'compare',
      comparative: 'less healthy',
      deps: [0, 1],
    });
    expect(parseLast('exist', '?', [0])).toEqual({ kind: 'exist', deps: [0] });
    const exists = [step('select', 'a'), step('exist', '?', [0]), step('select', 'b'), step('exist', '?', [2])];
    expect(parseLast('and', '', [1, 3], exists)).toEqual({ kind: 'and', deps: [1, 3] });
    expect(parseLast('or', '', [1, 3], exists)).toEqual({ kind: 'or', deps: [1, 3] });
    expect(parseLast('same color', '', [0, 1], two)).toEqual({ kind: 'same', category: 'color', deps: [0, 1] });
    expect(parseLast('different material', '', [0, 1], two)).toEqual({
      kind: 'different',
      category: 'material',
      deps: [0, 1],
    });
    expect(parseLast('same', 'color', [0])).toEqual({ kind: 'same', category: 'color', deps: [0] });
    expect(parseLast('different shape', '?', [0])).toEqual({ kind: 'different', category: 'shape', deps: [0] });
    expect(parseLast('common', '', [0, 1], two)).toEqual({ kind: 'common', deps: [0, 1] });
  });
});

describe('parseSemantic: unknown operations', () => {
  const program = [step('select', 'man'), step('count', '?', [0])];

  it('become an unknown step by default', () => {
    expect(parseSemantic(program).steps[1]).toEqual({ kind: 'unknown', operation: 'count', argument: '?', deps: [0] });
    expect(parseLast('relate sideways', 'x', [0])).toMatchObject({ kind: 'unknown', operation: 'relate sideways' });
  });

  it('are an error naming the operation field with strict', () => {
    const error = formatErrorOf(() => parseSemantic(program, { strict: true }));
    expect(error.path).toEqual(['semantic', 1, 'operation']);
    expect(error.message).toContain('$.semantic[1].operation');
    expect(error.message).toContain('count');
  });
});

describe('parseSemantic: malformed input names the JSON path', () => {
  const man = step('select', 'man');
  const cases: [string, unknown, string][] = [
    ['not a list', { operation: 'select' }, '$.semantic'],
    ['empty program', [], '$.semantic'],
    ['a step that is not an object', [man, 'exist'], '$.semantic[1]'],
    ['a missing operation', [{ argument: 'man', dependencies: [] }], '$.semantic[0].operation'],
    ['a numeric argument', [man, { operation: 'exist', argument: 3, dependencies: [0] }], '$.semantic[1].argument'],
    ['dependencies that are not a list', [man, { operation: 'exist', argument: '?', dependencies: 0 }], '$.semantic[1].dependencies'],
    ['a fractional dependency', [man, step('exist', '?', [0.5])], '$.semantic[1].dependencies[0]'],
    ['a forward dependency', [man, step('exist', '?', [1])], '$.semantic[1].dependencies[0]'],
    ['a negative dependency', [man, step('exist', '?', [-1])], '$.semantic[1].dependencies[0]'],
    ['a relate without role', [man, step('relate', '_,on (1)', [0])], '$.semantic[1].argument'],
    ['a relate with a bad role', [man, step('relate', '_,on,x', [0])], '$.semantic[1].argument'],
    ['a relate without name', [man, step('relate', ',on,s', [0])], '$.semantic[1].argument'],
    ['a choose without options', [man, step('choose color', 'red', [0])], '$.semantic[1].argument'],
    ['a choose rel with one predicate', [man, step('choose rel', 'dog,on,s', [0])], '$.semantic[1].argument'],
    ['an empty filter value', [man, step('filter color', 'not()', [0])], '$.semantic[1].argument'],
    ['an empty query', [man, step('query', ' ', [0])], '$.semantic[1].argument'],
    ['a same without category', [man, step('same', '', [0])], '$.semantic[1].argument'],
    ['malformed ids', [step('select', 'wall (1,,2)')], '$.semantic[0].argument'],
    ['an empty select', [step('select', ' (1)')], '$.semantic[0].argument'],
    ['and with one dependency', [man, step('exist', '?', [0]), step('and', '', [1])], '$.semantic[2].dependencies'],
    ['select with a dependency', [man, step('select', 'dog', [0])], '$.semantic[1].dependencies'],
    ['exist over a yes/no step', [man, step('exist', '?', [0]), step('exist', '?', [1])], '$.semantic[2].dependencies[0]'],
    ['and over objects', [man, step('exist', '?', [0]), step('and', '', [0, 1])], '$.semantic[2].dependencies[0]'],
    ['relate over the scene', [step('select', 'scene'), step('relate', '_,on,s', [0])], '$.semantic[1].dependencies[0]'],
  ];
  it.each(cases)('%s', (_name, input, path) => {
    expect(pathOf(() => parseSemantic(input))).toBe(path);
  });

  it('prefixes the document path and file when given', () => {
    const error = formatErrorOf(() =>
      parseSemantic([man, step('relate', 'x', [0])], { path: ['07333408', 'semantic'], file: 'q.json' }),
    );
    expect(error.message.startsWith('q.json: $["07333408"].semantic[1].argument: ')).toBe(true);
    expect(error.file).toBe('q.json');
    expect(error.path).toEqual(['07333408', 'semantic', 1, 'argument']);
  });
});

describe('parseSemanticStr', () => {
  const str = 'select: wall (722332)->filter color: white [0]->relate: _,on,s (722335) [1]->query: name [2]';

  it('gives the same program as the list form', () => {
    const list = [
      step('select', 'wall (722332)'),
      step('filter color', 'white', [0]),
      step('relate', '_,on,s (722335)', [1]),
      step('query', 'name', [2]),
    ];
    expect(splitSemanticStr(str)).toEqual(list);
    expect(parseSemanticStr(str)).toEqual(parseSemantic(list));
  });

  it('reads empty arguments, trailing blanks and multi-dependency steps', () => {
    const program = parseSemanticStr('select: water (411560)->verify color: dark [0]->verify size: small  [0]->and:  [1, 2]');
    expect(program.steps.map((s) => s.kind)).toEqual(['select', 'verify', 'verify', 'and']);
    expect(program.steps[2]).toMatchObject({ value: 'small', deps: [0] });
    expect(program.steps[3]).toEqual({ kind: 'and', deps: [1, 2] });
  });

  it('names the step of a malformed string', () => {
    expect(pathOf(() => parseSemanticStr(''))).toBe('$.semanticStr');
    expect(pathOf(() => parseSemanticStr('select: man->exist ? [0]'))).toBe('$.semanticStr[1]');
    expect(pathOf(() => parseSemanticStr('select: man->relate: _,on [0]'))).toBe('$.semanticStr[1].argument');
    expect(pathOf(() => parseSemanticStr('select: man->exist: ? [3]'))).toBe('$.semanticStr[1].dependencies[0]');
    expect(pathOf(() => parseSemanticStr('select: man->count: ? [0]', { strict: true }))).toBe('$.semanticStr[1].operation');
  });
});

describe('formatting round-trips', () => {
  const everyKind: Program = {
    steps: [
      { kind: 'select', name: 'man', ids: ['1'], deps: [] },
      { kind: 'filter', category: 'pose', value: 'standing', negated: true, deps: [0] },
      { kind: 'relate', predicate: 'wearing', role: 'object', ids: [], deps: [1] },
      { kind: 'relate', name: 'person', predicate: 'to the left of', role: 'subject', deps: [0] },
      { kind: 'query', category: 'color', deps: [2] },
      { kind: 'verify', value: 'happy', negated: false, deps: [0] },
      { kind: 'verifyRel', name: 'chair', predicate: 'on', role: 'object', ids: ['7', '8'], deps: [0] },
      { kind: 'choose', category: 'size', options: ['small', 'large'], deps: [0] },
      { kind: 'chooseRel', predicates: ['to the left of', 'to the right of'], role: 'subject', deps: [0] },
      { kind: 'select', name: 'woman', deps: [] },
      { kind: 'compare', comparative: 'older', deps: [0, 9] },
      { kind: 'exist', deps: [2] },
      { kind: 'exist', deps: [3] },
      { kind: 'and', deps: [11, 12] },
      { kind: 'or', deps: [5, 13] },
      { kind: 'same', category: 'color', deps: [0, 9] },
      { kind: 'different', category: 'material', deps: [0] },
      { kind: 'common', deps: [0, 9] },
      { kind: 'scene', deps: [] },
      { kind: 'choose', options: ['rainy', 'sunny'], deps: [18] },
      { kind: 'unknown', operation: 'count', argument: '?', deps: [0] },
    ],
  };

  it('formats GQA operations and arguments', () => {
    expect(formatSemantic(everyKind).slice(0, 4)).toEqual([
      step('select', 'man (1)'),
      step('filter pose', 'not(standing)', [0]),
      step('relate', '_,wearing,o (-)', [1]),
      step('relate', 'person,to the left of,s', [0]),
    ]);
    const formatted = formatSemantic(everyKind);
    expect(formatted[8]).toEqual(step('choose rel', '_,to the left of|to the right of,s', [0]));
    expect(formatted[10]).toEqual(step('choose older', '', [0, 9]));
    expect(formatted[15]).toEqual(step('same color', '', [0, 9]));
    expect(formatted[16]).toEqual(step('different', 'material', [0]));
    expect(formatted[18]).toEqual(step('select', 'scene'));
    expect(formatted[20]).toEqual(step('count', '?', [0]));
  });

  it('parse(format(p)) is p for every step kind, in both forms', () => {
    checkProgram(everyKind);
    expect(parseSemantic(formatSemantic(everyKind))).toEqual(everyKind);
    expect(parseSemanticStr(formatSemanticStr(everyKind))).toEqual(everyKind);
  });

  it('format(parse(s)) is s for a canonical GQA string', () => {
    const str =
      'select: traffic light (-)->exist: ? [0]->select: car (12,13)->exist: ? [2]->or:  [1, 3]' +
      '->select: vase (3435449)->select: pitcher (2827701)->same material:  [5, 6]->same: color [5]';
    expect(formatSemanticStr(parseSemanticStr(str))).toBe(str);
  });
});
