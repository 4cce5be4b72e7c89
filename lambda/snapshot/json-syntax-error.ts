/**
 * Where a JSON text stops being JSON, from what Node's JSON.parse reports: V8 names the offset
 * (`… in JSON at position 19`), says the input ended (`Unexpected end of JSON input`), or quotes
 * the unexpected character with its surroundings (`Unexpected token ']', ..."s": [1, 2,]\n}" is not
 * valid JSON`, ten characters either side, `...` outside the quotes where it cut). Nothing is parsed again here, so a
 * file cannot exhaust the stack or the memory of the error report.
 */
export interface JsonSyntaxProblem {
  /** What V8 says is wrong, on one line (its quoted surroundings left out). */
  problem: string;
  /** 1-based line and column, when the offset is known. */
  line?: number;
  column?: number;
}

const AT_POSITION = /(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/;
const UNEXPECTED_TOKEN = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/;
const CONTEXT_CHARACTERS = 10;

/** The offset of the error in `text`, from V8's message; undefined when it cannot be told. */
function offsetOf(message: string, text: string): number | undefined {
  const position = AT_POSITION.exec(message);
  if (position) return Number(position[1]);
  if (message === 'Unexpected end of JSON input') return text.length;
  const token = UNEXPECTED_TOKEN.exec(message);
  if (!token) return undefined;
  const [, character, cutBefore, quoted] = token;
  const start = text.indexOf(quoted);
  if (start < 0) return undefined;
  // Cut before: the quote starts ten characters before the error. Otherwise it starts the text, and
  // the first such character in it is taken (exact unless the character also occurs before).
  return cutBefore ? start + CONTEXT_CHARACTERS : start + quoted.indexOf(character);
}

function describe(message: string): string {
  if (message === 'Unexpected end of JSON input') return 'the document ends too early';
  const token = UNEXPECTED_TOKEN.exec(message);
  if (token) return `unexpected ${JSON.stringify(token[1])}`;
  const problem = message.replace(AT_POSITION, '');
  return problem.charAt(0).toLowerCase() + problem.slice(1);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The problem JSON.parse reported for `text`, located when V8 says where. */
export function describeJsonSyntaxError(error: SyntaxError, text: string): JsonSyntaxProblem {
  const offset = offsetOf(error.message, text);
  const problem = describe(error.message).replace(/\s+/g, ' ');
  return offset === undefined ? { problem } : { problem, ...lineAndColumn(text, offset) };
}
