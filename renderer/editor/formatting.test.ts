import { describe, expect, it } from 'vitest';
import { formattingCommands, shortcutLabel } from './formatting';

describe('shortcutLabel', () => {
  it('writes keys the way each platform does', () => {
    expect(shortcutLabel('Mod-b', false)).toBe('Ctrl+B');
    expect(shortcutLabel('Mod-Shift-8', false)).toBe('Ctrl+Shift+8');
    expect(shortcutLabel('Mod-Alt-c', false)).toBe('Ctrl+Alt+C');
    expect(shortcutLabel('Mod-b', true)).toBe('⌘B');
    expect(shortcutLabel('Mod-Shift-8', true)).toBe('⇧⌘8');
    expect(shortcutLabel('Mod-Alt-c', true)).toBe('⌥⌘C');
  });
});

describe('formattingCommands', () => {
  it('gives each command a distinct name and key', () => {
    const commands = formattingCommands.flat();
    const names = commands.map((command) => command.name);
    const keys = commands.flatMap((command) => (command.key === null ? [] : [command.key]));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(names).toEqual(
      expect.arrayContaining(['Bold', 'Italic', 'Inline code', 'Link', 'Heading', 'Quote']),
    );
  });
});
