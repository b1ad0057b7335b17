import { describe, expect, it } from 'vitest';
import { afterSpec, stateOf } from './marked-text';
import { wrapSelectionsIn } from './pairing';

describe('wrapSelectionsIn', () => {
  it('wraps a selection in a typed emphasis mark and keeps it selected', () => {
    expect(afterSpec('a «word» b', (s) => wrapSelectionsIn(s, '*'))).toBe('a *«word»* b');
    expect(afterSpec('«word»', (s) => wrapSelectionsIn(s, '_'))).toBe('_«word»_');
    expect(afterSpec('«code»', (s) => wrapSelectionsIn(s, '`'))).toBe('`«code»`');
  });

  it('makes bold when the mark is typed twice', () => {
    const once = afterSpec('«word»', (s) => wrapSelectionsIn(s, '*'));
    expect(afterSpec(once, (s) => wrapSelectionsIn(s, '*'))).toBe('**«word»**');
  });

  it('does nothing at a cursor, where `*` starts a bullet list', () => {
    expect(afterSpec('|', (s) => wrapSelectionsIn(s, '*'))).toBe('|');
    expect(wrapSelectionsIn(stateOf('|'), '*')).toBeNull();
  });

  it('leaves other characters to ordinary typing', () => {
    expect(wrapSelectionsIn(stateOf('«word»'), 'x')).toBeNull();
  });

  it('wraps every selection, and types the mark at cursors among them', () => {
    expect(afterSpec('«a» | «b»', (s) => wrapSelectionsIn(s, '*'))).toBe('*«a»* *| *«b»*');
  });
});
