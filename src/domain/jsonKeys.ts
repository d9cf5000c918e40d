/**
 * JSON.parse keeps the last of two equal keys in an object without a word, so a settings file with `sleutel` twice
 * reads as if the first were not there. This finds the first key named twice in one object, with its line and where
 * the object is, for a settings reader to refuse the file. Run it on text JSON.parse has accepted: it only tracks
 * strings, braces, brackets and commas, which is enough for valid JSON.
 */
export interface DuplicateKey {
  readonly key: string;
  /** 1-based line of the second occurrence */
  readonly line: number;
  /** the object's place, e.g. "sleutel.0"; empty for the top level */
  readonly path: string;
}

type Frame =
  | { kind: 'object'; keys: Set<string>; expectKey: boolean; at: string; lastKey: string }
  | { kind: 'array'; index: number; at: string };

export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let line = 1;
  // where a value opened now sits: the last key of the object, or the index in the array
  const here = (): string => {
    const top = stack.at(-1);
    if (!top) return '';
    const part = top.kind === 'object' ? top.lastKey : String(top.index);
    return top.at === '' ? part : `${top.at}.${part}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, line, path: top.at };
        top.keys.add(key);
        top.expectKey = false;
        top.lastKey = key;
      }
      i = j;
    } else if (c === '{') stack.push({ kind: 'object', keys: new Set(), expectKey: true, at: here(), lastKey: '' });
    else if (c === '[') stack.push({ kind: 'array', index: 0, at: here() });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}
