/**
 * Types for the one file of `natural` the question tokenizer loads. Importing `natural` whole loads its
 * storage back-ends (which read .env and print); this file needs only `underscore`.
 */
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  interface NaturalTokenizer {
    tokenize(text: string): string[];
  }
  const tokenizers: {
    readonly WordPunctTokenizer: new () => NaturalTokenizer;
    readonly WordTokenizer: new () => NaturalTokenizer;
  };
  export default tokenizers;
}
