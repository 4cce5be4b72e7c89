/**
 * Where a JSON text stops being JSON. Node 20's JSON.parse says what is wrong but not where; this
 * scanner is run only after JSON.parse has failed, to give the user a line and a column.
 */

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  problem: string;
}

class SyntaxStop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** Locates the first syntax error of `text`, or returns undefined when the text is valid JSON. */
export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    new JsonScanner(text).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxStop)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A recursive-descent JSON recogniser (RFC 8259) that reports the offset of the first error. */
class JsonScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.at = 1;
    this.whitespace();
    if (this.at >= this.text.length) this.stop('the file is empty');
    this.value();
    this.whitespace();
    if (this.at < this.text.length) this.stop(`unexpected ${this.describe()} after the end of the document`);
  }

  private value(): void {
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.at)) {
        this.at += literal.length;
        return;
      }
    }
    this.stop(`expected a value, found ${this.describe()}`);
  }

  private object(): void {
    this.at++;
    this.whitespace();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      if (this.text[this.at] !== '"') this.stop(`expected a property name in double quotes, found ${this.describe()}`);
      this.string();
      this.whitespace();
      if (this.text[this.at] !== ':') this.stop(`expected ':' after the property name, found ${this.describe()}`);
      this.at++;
      this.whitespace();
      this.value();
      this.whitespace();
      const c = this.text[this.at];
      if (c === '}') {
        this.at++;
        return;
      }
      if (c !== ',') this.stop(`expected ',' or '}', found ${this.describe()}`);
      this.at++;
      this.whitespace();
    }
  }

  private array(): void {
    this.at++;
    this.whitespace();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (;;) {
      this.value();
      this.whitespace();
      const c = this.text[this.at];
      if (c === ']') {
        this.at++;
        return;
      }
      if (c !== ',') this.stop(`expected ',' or ']', found ${this.describe()}`);
      this.at++;
      this.whitespace();
    }
  }

  private string(): void {
    const start = this.at;
    this.at++;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '"') {
        this.at++;
        return;
      }
      if (c === '\\') {
        const escape = this.text[this.at + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.stop('invalid \\u escape in a string');
          this.at += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          this.at += 2;
        } else {
          this.stop('invalid escape in a string');
        }
        continue;
      }
      if (c < ' ') this.stop('unescaped control character (e.g. a line break) in a string');
      this.at++;
    }
    this.at = start;
    this.stop('unterminated string');
  }

  private number(): void {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match) this.stop(`invalid number`);
    this.at += match[0].length;
  }

  private whitespace(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at])) this.at++;
  }

  private describe(): string {
    if (this.at >= this.text.length) return 'the end of the file';
    return JSON.stringify(this.text[this.at]);
  }

  private stop(problem: string): never {
    throw new SyntaxStop(this.at, problem);
  }
}
