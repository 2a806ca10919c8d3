import { describe, expect, it } from 'vitest';
import {
  executeProgram,
  parseSemanticStr,
  type ExecuteOptions,
  type ExecutionResult,
  type Program,
} from '../../graph/program/index.ts';
import { createSceneGraph } from '../../graph/scene-graph.ts';
import { parkScene } from './scene-fixture.ts';

const graph = parkScene();
const run = (semanticStr: string, options?: ExecuteOptions): ExecutionResult =>
  executeProgram(graph, parseSemanticStr(semanticStr), options);

function answerOf(semanticStr: string, options?: ExecuteOptions): string {
  const result = run(semanticStr, options);
  if (result.kind !== 'answer') throw new Error(`expected an answer, got ${result.cause}: ${result.reason}`);
  return result.answer;
}

function unsupportedOf(semanticStr: string, options?: ExecuteOptions): Extract<ExecutionResult, { kind: 'unsupported' }> {
  const result = run(semanticStr, options);
  if (result.kind !== 'unsupported') throw new Error(`expected unsupported, got the answer ${result.answer}`);
  return result;
}

/** The object ids each step produced (undefined for yes/no and word steps). */
function objectTrace(semanticStr: string): (readonly string[] | undefined)[] {
  return run(semanticStr).trace.map(({ value }) => (value.kind === 'objects' ? value.ids : undefined));
}

describe('select', () => {
  it('selects by name, by plural and by class, never by the annotated ids', () => {
    expect(objectTrace('select: shirt (999)->exist: ? [0]')[0]).toEqual(['shirt']);
    expect(objectTrace('select: dog (-)->exist: ? [0]')[0]).toEqual(['dogs']);
    expect(objectTrace('select: person->exist: ? [0]')[0]).toEqual(['man', 'woman']);
    expect(objectTrace('select: clothing->exist: ? [0]')[0]).toEqual(['shirt', 'jacket']);
    expect(objectTrace('select: food->exist: ? [0]')[0]).toEqual(['apple', 'cake']);
    expect(objectTrace('select: cat->exist: ? [0]')[0]).toEqual([]);
  });

  it('passes the hypernyms option through', () => {
    const program = parseSemanticStr('select: pet->query: name [0]');
    expect(executeProgram(graph, program, { hypernyms: { pet: ['dog'] } })).toMatchObject({ answer: 'dogs' });
    expect(executeProgram(graph, program)).toMatchObject({ kind: 'unsupported', cause: 'empty' });
  });
});

describe('filter', () => {
  it('keeps objects with an attribute, whatever category the operation names', () => {
    expect(objectTrace('select: person->filter pose: standing [0]->exist: ? [1]')[1]).toEqual(['man']);
    expect(objectTrace('select: person->filter: old [0]->exist: ? [1]')[1]).toEqual(['woman']);
    expect(objectTrace('select: food->filter color: red [0]->exist: ? [1]')[1]).toEqual(['apple']);
  });

  it('negates with not(...)', () => {
    expect(objectTrace('select: person->filter pose: not(standing) [0]->exist: ? [1]')[1]).toEqual(['woman']);
    expect(objectTrace('select: food->filter: not(healthy) [0]->exist: ? [1]')[1]).toEqual(['cake']);
  });

  it('filters hposition / vposition by the box in thirds of the image', () => {
    expect(objectTrace('select: person->filter hposition: left [0]->exist: ? [1]')[1]).toEqual(['man']);
    expect(objectTrace('select: person->filter hposition: right [0]->exist: ? [1]')[1]).toEqual(['woman']);
    expect(objectTrace('select: bench->filter vposition: bottom [0]->exist: ? [1]')[1]).toEqual(['bench']);
    expect(objectTrace('select: dog->filter vposition: not(top) [0]->exist: ? [1]')[1]).toEqual([]);
  });

  it('is undecidable for positions when the scene has no size', () => {
    const sizeless = parkScene({ width: 0 });
    const result = executeProgram(sizeless, parseSemanticStr('select: man->filter hposition: left [0]->exist: ? [1]'));
    expect(result).toMatchObject({ kind: 'unsupported', cause: 'undecidable', step: 1, operation: 'filter hposition' });
  });
});

describe('relate', () => {
  it('s: the named objects are the subjects, the input is the object', () => {
    // "Who is wearing the shirt?": person -wearing-> shirt.
    expect(answerOf('select: shirt (1)->relate: person,wearing,s (2) [0]->query: name [1]')).toBe('man');
    expect(answerOf('select: bench->relate: person,sitting on,s [0]->query: name [1]')).toBe('woman');
  });

  it('o: the input is the subject, the named objects are the objects', () => {
    // "What is the man wearing?": man -wearing-> it.
    expect(answerOf('select: man->relate: _,wearing,o [0]->query: name [1]')).toBe('shirt');
    expect(objectTrace('select: woman->relate: bench,sitting on,o [0]->exist: ? [1]')[1]).toEqual(['bench']);
    // Same predicate, wrong direction: the bench sits on nothing.
    expect(objectTrace('select: bench->relate: _,sitting on,o [0]->exist: ? [1]')[1]).toEqual([]);
  });

  it('`_` accepts any name, a name filters by name and class', () => {
    expect(objectTrace('select: bench->relate: _,near,s [0]->exist: ? [1]')[1]).toEqual(['dogs']);
    expect(objectTrace('select: bench->relate: animal,near,s [0]->exist: ? [1]')[1]).toEqual(['dogs']);
    expect(objectTrace('select: bench->relate: person,near,s [0]->exist: ? [1]')[1]).toEqual([]);
    expect(objectTrace('select: bench->relate: _,on,s [0]->exist: ? [1]')[1]).toEqual(['cake']);
  });

  it('follows every input object and returns each related object once', () => {
    expect(objectTrace('select: person->relate: _,wearing,o [0]->exist: ? [1]')[1]).toEqual(['shirt', 'jacket']);
    expect(objectTrace('select: person->relate: _,to the left of,o [0]->exist: ? [1]')[1]).toEqual(['bench']);
  });

  it('`same <category>` relates by shared attribute values instead of edges', () => {
    expect(objectTrace('select: shirt->relate: _,same color,s [0]->exist: ? [1]')[1]).toEqual(['apple']);
    expect(objectTrace('select: shirt->relate: clothing,same material,s [0]->exist: ? [1]')[1]).toEqual(['jacket']);
    expect(run('select: shirt->relate: _,same flavor,s [0]->exist: ? [1]')).toMatchObject({ cause: 'argument' });
  });
});

describe('query', () => {
  it('answers names and attribute categories from the ontology, lower-case', () => {
    expect(answerOf('select: clothing->filter color: blue [0]->query: name [1]')).toBe('jacket');
    expect(answerOf('select: shirt->query: color [0]')).toBe('red');
    expect(answerOf('select: jacket->query: material [0]')).toBe('cotton');
    expect(answerOf('select: woman->query: pose [0]')).toBe('sitting');
    expect(answerOf('select: dog->query: size [0]')).toBe('small');
    const shouting = createSceneGraph({ imageId: 'x', width: 10, height: 10 });
    shouting.addNode('1', { id: '1', name: 'Pipe', attributes: [], box: { x: 0, y: 0, w: 1, h: 1 } });
    expect(executeProgram(shouting, parseSemanticStr('select: Pipe->query: name [0]'))).toMatchObject({ answer: 'pipe' });
  });

  it('answers positions from the box', () => {
    expect(answerOf('select: man->query: hposition [0]')).toBe('left');
    expect(answerOf('select: bench->query: hposition [0]')).toBe('middle');
    expect(answerOf('select: dog->query: vposition [0]')).toBe('top');
  });

  it('answers place and weather on the scene', () => {
    expect(answerOf('select: scene->query: place [0]')).toBe('park');
    expect(answerOf('select: scene->query: weather [0]')).toBe('sunny');
    const noWeather = executeProgram(parkScene({ weather: undefined }), parseSemanticStr('select: scene->query: weather [0]'));
    expect(noWeather).toMatchObject({ kind: 'unsupported', cause: 'undecidable' });
    expect(run('select: scene->query: color [0]')).toMatchObject({ kind: 'unsupported', cause: 'argument' });
  });

  it('reports an empty set, an unknown category and a missing value', () => {
    expect(unsupportedOf('select: cat->query: color [0]')).toMatchObject({ cause: 'empty', step: 1, operation: 'query' });
    expect(unsupportedOf('select: shirt->query: flavor [0]')).toMatchObject({ cause: 'argument', step: 1 });
    expect(unsupportedOf('select: bench->query: pose [0]')).toMatchObject({ cause: 'undecidable', step: 1 });
  });

  it('uses the ontology the caller passes', () => {
    const world = { color: ['red', 'blue'], size: ['small', 'large'], shape: ['circle', 'square'] };
    const circle = createSceneGraph({ imageId: 'w', width: 256, height: 256, location: 'dark' });
    circle.addNode('0', { id: '0', name: 'circle', attributes: ['blue', 'large'], box: { x: 1, y: 1, w: 60, h: 60 } });
    const ask = (str: string): ExecutionResult => executeProgram(circle, parseSemanticStr(str), { ontology: world });
    expect(ask('select: circle->query: shape [0]')).toMatchObject({ answer: 'circle' });
    expect(ask('select: circle->query: size [0]')).toMatchObject({ answer: 'large' });
    expect(ask('select: circle->query: material [0]')).toMatchObject({ kind: 'unsupported', cause: 'argument' });
    expect(answerOf('select: shirt->query: material [0]')).toBe('cotton');
  });

  it('answers a name class as a category when the ontology lacks it (the shapes world)', () => {
    const world = { color: ['red', 'blue'], size: ['small', 'large'], material: ['solid', 'hollow'] };
    const shapes = createSceneGraph({ imageId: 'w', width: 256, height: 256 });
    shapes.addNode('0', { id: '0', name: 'star', attributes: ['red', 'hollow'], box: { x: 1, y: 1, w: 40, h: 40 } });
    shapes.addNode('1', { id: '1', name: 'square', attributes: ['blue', 'solid'], box: { x: 200, y: 1, w: 40, h: 40 } });
    const ask = (str: string): ExecutionResult => executeProgram(shapes, parseSemanticStr(str), { ontology: world });
    expect(ask('select: shape->filter color: red [0]->query: shape [1]')).toMatchObject({ answer: 'star' });
    expect(ask('select: shape->filter material: solid [0]->query: name [1]')).toMatchObject({ answer: 'square' });
    expect(ask('select: star->select: square ->same shape:  [0, 1]')).toMatchObject({ answer: 'no' });
    expect(ask('select: star->query: flavor [0]')).toMatchObject({ kind: 'unsupported', cause: 'argument' });
    expect(ask('select: shape->filter shape: square [0]->query: color [1]')).toMatchObject({ answer: 'blue' });
    expect(ask('select: shape->filter color: red [0]->choose shape: square|star [1]')).toMatchObject({ answer: 'star' });
    expect(ask('select: shape->filter color: red [0]->verify shape: square [1]')).toMatchObject({ answer: 'no' });
  });
});

describe('verify', () => {
  it('verifies attributes, negations and positions', () => {
    expect(answerOf('select: shirt->verify color: red [0]')).toBe('yes');
    expect(answerOf('select: shirt->verify color: blue [0]')).toBe('no');
    expect(answerOf('select: shirt->verify color: not(red) [0]')).toBe('no');
    expect(answerOf('select: shirt->verify color: not(blue) [0]')).toBe('yes');
    expect(answerOf('select: woman->verify hposition: right [0]')).toBe('yes');
    expect(answerOf('select: cat->verify color: red [0]')).toBe('no');
  });

  it('verifies scene fields', () => {
    expect(answerOf('select: scene->verify weather: sunny [0]')).toBe('yes');
    expect(answerOf('select: scene->verify place: beach [0]')).toBe('no');
  });

  it('verifies relations in both directions', () => {
    // "Is the woman sitting on a bench?": woman -sitting on-> bench, the named bench is the object.
    expect(answerOf('select: woman->verify rel: bench,sitting on,o (-) [0]')).toBe('yes');
    // "Is a dog to the left of the woman?": dogs -to the left of-> woman, the named dogs are the subject.
    expect(answerOf('select: woman->verify rel: dog,to the left of,s [0]')).toBe('yes');
    expect(answerOf('select: woman->verify rel: dog,to the left of,o [0]')).toBe('no');
    expect(answerOf('select: woman->verify rel: chair,sitting on,o [0]')).toBe('no');
  });
});

describe('choose', () => {
  it('chooses attributes, names and positions', () => {
    expect(answerOf('select: shirt->choose color: blue|red [0]')).toBe('red');
    expect(answerOf('select: bench->choose: metal|wood [0]')).toBe('wood');
    expect(answerOf('select: person->filter: sitting [0]->choose name: man|woman [1]')).toBe('woman');
    expect(answerOf('select: animal->choose name: cats|dogs [0]')).toBe('dogs');
    expect(answerOf('select: man->choose hposition: right|left [0]')).toBe('left');
    expect(answerOf('select: bench->choose vposition: top|bottom [0]')).toBe('bottom');
    expect(answerOf('select: scene->choose weather: rainy|sunny [0]')).toBe('sunny');
  });

  it('is undecidable when no option or several options hold', () => {
    expect(unsupportedOf('select: shirt->choose color: blue|green [0]')).toMatchObject({ cause: 'undecidable', step: 1 });
    expect(unsupportedOf('select: food->choose color: red|white [0]')).toMatchObject({ cause: 'undecidable' });
    expect(unsupportedOf('select: cat->choose color: red|white [0]')).toMatchObject({ cause: 'empty' });
  });

  it('chooses relations and answers them the GQA way', () => {
    expect(answerOf('select: woman->choose rel: dog,to the left of|to the right of,s (3) [0]')).toBe('left');
    expect(answerOf('select: dog->choose rel: woman,to the left of|to the right of,s [0]')).toBe('right');
    expect(answerOf('select: bench->choose rel: person,sitting on|standing on,s [0]')).toBe('sitting on');
    expect(unsupportedOf('select: bench->choose rel: dog,on|under,s [0]')).toMatchObject({ cause: 'undecidable' });
  });

  it('decides comparatives from attributes', () => {
    expect(answerOf('select: apple->select: cake->choose healthier:  [0, 1]')).toBe('apple');
    expect(answerOf('select: apple->select: cake->choose less healthy:  [0, 1]')).toBe('cake');
    expect(answerOf('select: man->select: woman->choose older:  [0, 1]')).toBe('woman');
    expect(answerOf('select: man->select: woman->choose younger:  [0, 1]')).toBe('man');
    expect(answerOf('select: bench->select: apple->choose smaller:  [0, 1]')).toBe('apple');
    expect(unsupportedOf('select: man->select: woman->choose taller:  [0, 1]')).toMatchObject({
      cause: 'undecidable',
      operation: 'choose taller',
      step: 2,
    });
    expect(unsupportedOf('select: man->select: woman->choose shinier:  [0, 1]')).toMatchObject({ cause: 'argument' });
    expect(unsupportedOf('select: cat->select: woman->choose older:  [0, 1]')).toMatchObject({ cause: 'empty' });
  });
});

describe('exist, and, or', () => {
  it('combines yes/no steps', () => {
    expect(answerOf('select: dog (-)->exist: ? [0]')).toBe('yes');
    expect(answerOf('select: cat (-)->exist: ? [0]')).toBe('no');
    const both = (a: string, b: string, op: string): string =>
      answerOf(`select: ${a}->exist: ? [0]->select: ${b} ->exist: ? [2]->${op}:  [1, 3]`);
    expect(both('dog', 'cat', 'and')).toBe('no');
    expect(both('dog', 'bench', 'and')).toBe('yes');
    expect(both('dog', 'cat', 'or')).toBe('yes');
    expect(both('horse', 'cat', 'or')).toBe('no');
    expect(answerOf('select: water->verify color: dark [0]->verify size: small  [0]->and:  [1, 2]')).toBe('no');
  });
});

describe('same, different, common', () => {
  it('compares two sets', () => {
    expect(answerOf('select: shirt->select: apple ->same color:  [0, 1]')).toBe('yes');
    expect(answerOf('select: shirt->select: apple ->different color:  [0, 1]')).toBe('no');
    expect(answerOf('select: shirt->select: jacket ->same material:  [0, 1]')).toBe('yes');
    expect(answerOf('select: shirt->select: jacket ->same color:  [0, 1]')).toBe('no');
    expect(answerOf('select: man->select: woman ->same name:  [0, 1]')).toBe('no');
  });

  it('compares within one set', () => {
    expect(answerOf('select: clothing->same: material [0]')).toBe('yes');
    expect(answerOf('select: clothing->same: color [0]')).toBe('no');
    expect(answerOf('select: clothing->different: color [0]')).toBe('yes');
    expect(answerOf('select: clothing->same color: ? [0]')).toBe('no');
  });

  it('is undecidable when an object has no value in the category', () => {
    expect(unsupportedOf('select: shirt->select: bench ->same pose:  [0, 1]')).toMatchObject({ cause: 'undecidable' });
    expect(unsupportedOf('select: shirt->select: cat ->same color:  [0, 1]')).toMatchObject({ cause: 'empty' });
    expect(unsupportedOf('select: shirt->select: apple ->same flavor:  [0, 1]')).toMatchObject({ cause: 'argument' });
  });

  it('common answers the first shared category', () => {
    expect(answerOf('select: shirt->select: apple ->common:  [0, 1]')).toBe('color');
    expect(answerOf('select: shirt->select: jacket ->common:  [0, 1]')).toBe('material');
    expect(unsupportedOf('select: shirt->select: woman ->common:  [0, 1]')).toMatchObject({ cause: 'undecidable' });
  });
});

describe('unsupported, trace and malformed programs', () => {
  it('reports an unknown operation by name with the trace before it', () => {
    const result = unsupportedOf('select: person->count: ? [0]->exist: ? [0]');
    expect(result).toMatchObject({ operation: 'count', step: 1, cause: 'operation' });
    expect(result.reason).toContain('count');
    expect(result.trace).toEqual([{ step: 0, operation: 'select', value: { kind: 'objects', ids: ['man', 'woman'] } }]);
  });

  it('traces every step for grounding', () => {
    const result = run('select: shirt (1)->relate: person,wearing,s (2) [0]->verify pose: standing [1]');
    expect(result.trace).toEqual([
      { step: 0, operation: 'select', value: { kind: 'objects', ids: ['shirt'] } },
      { step: 1, operation: 'relate', value: { kind: 'objects', ids: ['man'] } },
      { step: 2, operation: 'verify pose', value: { kind: 'boolean', value: true } },
    ]);
  });

  it('a program that ends in objects has no answer', () => {
    expect(unsupportedOf('select: man->relate: _,wearing,o [0]')).toMatchObject({ cause: 'no-answer', step: 1 });
  });

  it('rejects hand-built programs with bad dependencies', () => {
    const forward: Program = { steps: [{ kind: 'exist', deps: [1] }, { kind: 'select', name: 'man', deps: [] }] };
    expect(() => executeProgram(graph, forward)).toThrow(expect.objectContaining({ name: 'GraphFormatError' }));
    const wrongKind: Program = {
      steps: [{ kind: 'select', name: 'man', deps: [] }, { kind: 'and', deps: [0, 0] }],
    };
    expect(() => executeProgram(graph, wrongKind)).toThrow(/steps\[1\]\.deps\[0\]/);
    expect(() => executeProgram(graph, { steps: [] })).toThrow(expect.objectContaining({ name: 'GraphFormatError' }));
  });
});
