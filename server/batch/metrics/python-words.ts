/**
 * Question length in words as eval.py measures it: `len(question["question"].split())`. Python's
 * argument-less `str.split()` splits on runs of Unicode whitespace and drops leading/trailing runs; its
 * whitespace set differs from JavaScript's `\s` (it includes U+001C..U+001F and U+0085, and excludes
 * U+FEFF), so the set is spelled out here rather than borrowed from a regex.
 */

/** True for the code units Python's `str.isspace()` accepts (all of them are in the BMP). */
export function isPythonWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** The number of whitespace-separated words, exactly `len(text.split())` in Python. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isPythonWhitespace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
