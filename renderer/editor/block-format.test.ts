import { describe, expect, it } from 'vitest';
import {
  cycleHeading,
  insertHorizontalRule,
  readListLine,
  setHeading,
  toggleBulletList,
  toggleCodeBlock,
  toggleNumberedList,
  toggleQuote,
  toggleTaskList,
} from './block-format';
import { afterCommand } from './marked-text';

describe('setHeading', () => {
  it('makes a line a heading of that level, cursor staying in the words', () => {
    expect(afterCommand('Ti|tle', setHeading(2))).toBe('## Ti|tle');
  });

  it('puts a cursor at the line start after the new marks', () => {
    expect(afterCommand('|Title', setHeading(1))).toBe('# |Title');
  });

  it('changes the level of a heading', () => {
    expect(afterCommand('# Ti|tle', setHeading(3))).toBe('### Ti|tle');
  });

  it('makes a heading of the same level plain again', () => {
    expect(afterCommand('## Ti|tle', setHeading(2))).toBe('Ti|tle');
  });

  it('applies to every selected line', () => {
    expect(afterCommand('«one\ntwo»', setHeading(2))).toBe('## «one\n## two»');
  });
});

describe('cycleHeading', () => {
  it('goes none, 1, 2, 3, none', () => {
    let text = 'Ti|tle';
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      text = afterCommand(text, cycleHeading) ?? text;
      seen.push(text);
    }
    expect(seen).toEqual(['# Ti|tle', '## Ti|tle', '### Ti|tle', 'Ti|tle']);
  });
});

describe('toggleQuote', () => {
  it('quotes every selected line, blank lines too so the quote stays one', () => {
    expect(afterCommand('«one\n\ntwo»', toggleQuote)).toBe('> «one\n>\n> two»');
  });

  it('unquotes lines that are all quoted', () => {
    expect(afterCommand('> «one\n>\n> two»', toggleQuote)).toBe('«one\n\ntwo»');
  });

  it('ignores the line a selection of whole lines ends at the start of', () => {
    expect(afterCommand('«one\n»two', toggleQuote)).toBe('> «one\n»two');
  });
});

describe('list toggles', () => {
  it('makes selected lines a bullet list, skipping blank lines', () => {
    expect(afterCommand('«one\n\ntwo»', toggleBulletList)).toBe('- «one\n\n- two»');
  });

  it('makes a bullet list plain again', () => {
    expect(afterCommand('«- one\n- two»', toggleBulletList)).toBe('«one\ntwo»');
  });

  it('numbers lines, replacing bullets', () => {
    expect(afterCommand('«- one\n- two\n- three»', toggleNumberedList)).toBe(
      '«1. one\n2. two\n3. three»',
    );
  });

  it('counts on from a numbered item just above', () => {
    expect(afterCommand('1. one\n2. two\nthr|ee', toggleNumberedList)).toBe(
      '1. one\n2. two\n3. thr|ee',
    );
  });

  it('makes tasks, and turns a task list into bullets', () => {
    expect(afterCommand('bu|y milk', toggleTaskList)).toBe('- [ ] bu|y milk');
    expect(afterCommand('- [x] bu|y milk', toggleBulletList)).toBe('- bu|y milk');
  });

  it('removes a task list, done or not', () => {
    expect(afterCommand('«- [x] one\n- [ ] two»', toggleTaskList)).toBe('«one\ntwo»');
  });

  it('keeps indentation and quote marks before the marker', () => {
    expect(afterCommand('>   ne|sted', toggleBulletList)).toBe('>   - ne|sted');
  });

  it('starts an item on an empty line with the cursor after the marker', () => {
    expect(afterCommand('|', toggleNumberedList)).toBe('1. |');
  });
});

describe('readListLine', () => {
  it('tells the kinds apart', () => {
    expect(readListLine('- a').kind).toBe('bullet');
    expect(readListLine('* [X] a').kind).toBe('task');
    expect(readListLine('12) a')).toMatchObject({ kind: 'numbered', number: 12, marker: '12) ' });
    expect(readListLine('plain').kind).toBeNull();
    expect(readListLine('-not a list').kind).toBeNull();
  });
});

describe('toggleCodeBlock', () => {
  it('gives an empty block on a blank line, cursor inside', () => {
    expect(afterCommand('a\n|\nb', toggleCodeBlock)).toBe('a\n```\n|\n```\nb');
  });

  it('fences the selected lines', () => {
    expect(afterCommand('«let a;\nlet b;»', toggleCodeBlock)).toBe('```\n«let a;\nlet b;»\n```');
  });

  it('removes the fences around the lines when they are fenced already', () => {
    expect(afterCommand('```js\nlet |a;\n```', toggleCodeBlock)).toBe('let |a;');
  });
});

describe('insertHorizontalRule', () => {
  it('goes below a paragraph line with a blank line between, or it would make a heading', () => {
    expect(afterCommand('Para|graph', insertHorizontalRule)).toBe('Paragraph\n\n---\n\n|');
  });

  it('goes on an empty line after a blank one as it is', () => {
    expect(afterCommand('a\n\n|', insertHorizontalRule)).toBe('a\n\n---\n\n|');
  });
});
