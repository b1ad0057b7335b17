import { describe, expect, it } from 'vitest';
import {
  insertLink,
  toggleBold,
  toggleInlineCode,
  toggleItalic,
  toggleStrikethrough,
} from './inline-format';
import { afterCommand } from './marked-text';

describe('toggleBold', () => {
  it('wraps the selection and keeps the words selected', () => {
    expect(afterCommand('a «word» b', toggleBold)).toBe('a **«word»** b');
  });

  it('keeps a backwards selection backwards', () => {
    expect(afterCommand('a »word« b', toggleBold)).toBe('a **»word«** b');
  });

  it('unwraps bold text selected without its marks (as a double-click leaves it)', () => {
    expect(afterCommand('a **«word»** b', toggleBold)).toBe('a «word» b');
  });

  it('unwraps bold text selected with its marks', () => {
    expect(afterCommand('a «**word**» b', toggleBold)).toBe('a «word» b');
  });

  it('wraps the words but not the spaces around them, which would stop it being bold', () => {
    expect(afterCommand('a« word »b', toggleBold)).toBe('a **«word»** b');
  });

  it('inserts an empty pair at a cursor, and takes it away when pressed again', () => {
    expect(afterCommand('a | b', toggleBold)).toBe('a **|** b');
    expect(afterCommand('a **|** b', toggleBold)).toBe('a | b');
  });

  it('wraps every selection, and leaves cursors with an empty pair', () => {
    expect(afterCommand('«one» and «two», |', toggleBold)).toBe('**«one»** and **«two»**, **|**');
  });

  it('removes only the bold from bold italic text', () => {
    expect(afterCommand('***«word»***', toggleBold)).toBe('*«word»*');
  });

  it('leaves a selection of only spaces alone', () => {
    expect(afterCommand('a«  »b', toggleBold)).toBe('a«  »b');
  });
});

describe('toggleItalic', () => {
  it('wraps in single stars', () => {
    expect(afterCommand('«word»', toggleItalic)).toBe('*«word»*');
  });

  it('unwraps italic text', () => {
    expect(afterCommand('*«word»*', toggleItalic)).toBe('«word»');
    expect(afterCommand('«*word*»', toggleItalic)).toBe('«word»');
  });

  it('does not mistake bold for italic: bold text becomes bold italic', () => {
    expect(afterCommand('**«word»**', toggleItalic)).toBe('***«word»***');
  });

  it('removes only the italic from bold italic text', () => {
    expect(afterCommand('***«word»***', toggleItalic)).toBe('**«word»**');
  });

  it('adds italic inside an empty bold pair rather than removing it', () => {
    expect(afterCommand('**|**', toggleItalic)).toBe('***|***');
  });
});

describe('toggleInlineCode and toggleStrikethrough', () => {
  it('wrap and unwrap in backticks', () => {
    expect(afterCommand('run «npm test» now', toggleInlineCode)).toBe('run `«npm test»` now');
    expect(afterCommand('run `«npm test»` now', toggleInlineCode)).toBe('run «npm test» now');
  });

  it('wrap and unwrap in tildes', () => {
    expect(afterCommand('«old»', toggleStrikethrough)).toBe('~~«old»~~');
    expect(afterCommand('~~«old»~~', toggleStrikethrough)).toBe('«old»');
  });
});

describe('insertLink', () => {
  it('makes the selection the link text and selects the url placeholder', () => {
    expect(afterCommand('see «the docs» here', insertLink)).toBe('see [the docs](«url») here');
  });

  it('puts a selected URL in the parentheses, with the cursor in the brackets', () => {
    expect(afterCommand('«https://example.com/a»', insertLink)).toBe('[|](https://example.com/a)');
  });

  it('inserts an empty link at a cursor, cursor in the brackets', () => {
    expect(afterCommand('a | b', insertLink)).toBe('a [|](url) b');
  });

  it('links every selection', () => {
    expect(afterCommand('«a» «b»', insertLink)).toBe('[a](«url») [b](«url»)');
  });
});
