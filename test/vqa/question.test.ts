/** The question side: the tokenizer policy (lower-casing, punctuation, limits), vocabularies, answers. */
import { describe, expect, it } from 'vitest';
import { AnswerVocabulary, MAX_QUESTION_CHARS, QuestionVocabulary, UNK_ID, PAD_ID, tokenizeQuestion } from '../../models/vqa/question/index.ts';
import { encodeExamples, groundTargetsOf, questionFeeds } from '../../models/vqa/data/examples.ts';

describe('tokenizeQuestion', () => {
  it('lower-cases, keeps words and digits, drops punctuation', () => {
    expect(tokenizeQuestion('Which color is the small triangle, gray or PURPLE?')).toEqual(['which', 'color', 'is', 'the', 'small', 'triangle', 'gray', 'or', 'purple']);
    expect(tokenizeQuestion('  Is   there\ta 2nd circle?! ')).toEqual(['is', 'there', 'a', '2', 'nd', 'circle']);
    expect(tokenizeQuestion('Ｉｓ the café open?')).toEqual(['is', 'the', 'café', 'open']);
  });

  it('refuses empty questions with a QuestionError', () => {
    for (const text of ['', '   ', '?!', '...,']) {
      expect(() => tokenizeQuestion(text)).toThrowError(expect.objectContaining({ name: 'QuestionError', message: expect.stringMatching(/^vqa\/question: the question is empty/) }));
    }
  });

  it('refuses overlong questions instead of cutting them', () => {
    const words = Array.from({ length: 33 }, () => 'circle').join(' ');
    expect(() => tokenizeQuestion(words)).toThrowError(expect.objectContaining({ name: 'QuestionError', message: expect.stringContaining('33 words') }));
    expect(tokenizeQuestion(words, 40)).toHaveLength(33);
    expect(() => tokenizeQuestion('a'.repeat(MAX_QUESTION_CHARS + 1))).toThrowError(expect.objectContaining({ name: 'QuestionError', message: expect.stringContaining('characters') }));
  });
});

describe('QuestionVocabulary', () => {
  const vocab = QuestionVocabulary.build(['Is there a red circle?', 'Is the square red?', 'What color is the circle?']);

  it('has <pad> and <unk> first, then sorted words', () => {
    expect(vocab.words.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect(vocab.words.slice(2)).toEqual([...vocab.words.slice(2)].sort());
    expect(vocab.id('circle')).toBeGreaterThan(UNK_ID);
  });

  it('maps unknown words to <unk> and reports them', () => {
    const encoded = vocab.encode('Is there a purple hexagon?');
    expect(encoded.tokens).toEqual(['is', 'there', 'a', 'purple', 'hexagon']);
    expect(encoded.unknown).toEqual(['purple', 'hexagon']);
    expect(Array.from(encoded.ids.slice(3))).toEqual([UNK_ID, UNK_ID]);
    expect(encoded.ids[0]).toBe(vocab.id('is'));
  });

  it('drops rare words with minCount and round-trips through JSON', () => {
    const rare = QuestionVocabulary.build(['a b', 'a c'], { minCount: 2 });
    expect(rare.words).toEqual(['<pad>', '<unk>', 'a']);
    const back = QuestionVocabulary.fromJSON(JSON.parse(JSON.stringify(vocab.toJSON())));
    expect(back.words).toEqual(vocab.words);
    expect(back.maxTokens).toBe(vocab.maxTokens);
    expect(() => QuestionVocabulary.fromJSON({ words: ['<unk>'], maxTokens: 3 })).toThrowError(expect.objectContaining({ name: 'VqaModelError' }));
  });

  it('pads a batch with <pad> and marks padding', () => {
    const feeds = questionFeeds([Int32Array.of(5, 6, 7), Int32Array.of(8)]);
    expect(feeds.tokens.dims).toEqual([2, 3]);
    expect(Array.from(feeds.tokens.data, Number)).toEqual([5, 6, 7, 8, PAD_ID, PAD_ID]);
    expect(Array.from(feeds.token_pad.data)).toEqual([0, 0, 0, 0, 1, 1]);
  });
});

describe('AnswerVocabulary and examples', () => {
  it('sorts answers, gives -1 to unknown ones, and examples skip refused questions with a count', () => {
    const answers = AnswerVocabulary.build(['yes', 'no', 'circle', 'yes']);
    expect(answers.answers).toEqual(['circle', 'no', 'yes']);
    expect(answers.id('square')).toBe(-1);
    expect(AnswerVocabulary.fromJSON(answers.toJSON()).answers).toEqual(answers.answers);
    const words = QuestionVocabulary.build(['is there a circle']);
    const examples = encodeExamples([
      ['q1', { imageId: 'i', question: 'Is there a circle?', answer: 'yes' }],
      ['q2', { imageId: 'i', question: '???', answer: 'no' }],
      ['q3', { imageId: 'i', question: 'Is there a square?', answer: 'square' }],
    ], words, answers);
    expect(examples.qids).toEqual(['q1', 'q3']);
    expect(Array.from(examples.answers)).toEqual([2, -1]);
    expect(Object.values(examples.refused)).toEqual([1]);
    expect(examples.withUnknownWords).toBe(1);
  });
});

describe('grounding targets', () => {
  const base = { imageId: 'i', question: 'q' };
  it('prefer the answer objects, then the full answer (its subject for relation questions), then the question', () => {
    expect(groundTargetsOf({ ...base, annotations: { answer: { '0': 'a' }, fullAnswer: { '1': 'a', '6': 'b' } } })).toEqual(['a']);
    expect(groundTargetsOf({ ...base, types: { semantic: 'attr' }, annotations: { answer: {}, fullAnswer: { '9': 'b', '3': 'a' } } })).toEqual(['a', 'b']);
    expect(groundTargetsOf({ ...base, types: { semantic: 'rel' }, annotations: { answer: {}, fullAnswer: { '11': 'b', '2': 'a' } } })).toEqual(['a']);
    expect(groundTargetsOf({ ...base, types: { semantic: 'rel' }, annotations: { question: { '4:6': 'c', '12': 'd' } } })).toEqual(['c']);
    expect(groundTargetsOf({ ...base, annotations: { answer: {}, fullAnswer: {}, question: {} } })).toEqual([]);
    expect(groundTargetsOf(base)).toEqual([]);
  });
});
