import { useMemo, useRef, useState } from 'react';
import type { FieldValue } from '../../../shared/document';
import { suggest } from '../../app/folder-facts';
import { Combobox } from './combobox';
import { addTags, moveTag, removeTag, tagItems } from './tags-value';
import type { TagItem } from './tags-value';
import type { WidgetProps } from './widget-props';

/** Props of {@link TagsField}. */
export interface TagsFieldProps extends WidgetProps {
  /** Every tag of the folder with its count, most used first. */
  readonly folderTags: ReadonlyMap<string, number>;
  /** "tag" for tags, "item" for other lists: names the chips' buttons. */
  readonly noun: string;
}

/**
 * A list as chips: suggestions from the folder's tags (with counts) as you type, Enter or comma adds,
 * Backspace in the empty box removes the last chip, Delete removes a focused chip, Alt+Left/Right
 * or dragging moves one. The list is written whole; the core keeps its flow or block style.
 */
export function TagsField({
  id,
  value,
  describedBy,
  invalid,
  disabled,
  onSet,
  folderTags,
  noun,
}: TagsFieldProps) {
  const items = useMemo(() => tagItems(value) ?? [], [value]);
  const [draft, setDraft] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  const chips = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const have = useMemo(() => new Set(items.map((item) => String(item))), [items]);
  // Per keystroke only the folder's distinct tags are scanned, and only until 8 match.
  const suggestions = useMemo(() => suggest(folderTags, draft, have), [folderTags, draft, have]);

  const write = (next: readonly FieldValue[]): void => {
    onSet(next);
  };
  const focusChip = (index: number): void => {
    // After the render that moved or removed a chip.
    requestAnimationFrame(() => {
      const all = chips.current?.querySelectorAll<HTMLElement>('[data-chip]');
      const target = all?.[index];
      if (target !== undefined) target.focus();
      else input.current?.focus();
    });
  };
  const add = (typed: string): void => {
    const next = addTags(items, typed);
    if (next !== items) write(next);
    setDraft('');
  };
  const remove = (index: number, focusAfter: boolean): void => {
    write(removeTag(items, index));
    if (focusAfter) focusChip(Math.min(index, items.length - 2));
  };
  const move = (from: number, to: number): void => {
    if (to < 0 || to >= items.length || from === to) return;
    write(moveTag(items, from, to));
    focusChip(to);
  };

  return (
    <div className={`fm-tags${disabled ? ' fm-disabled' : ''}`}>
      {items.length > 0 && (
        <ul className="fm-chips" ref={chips}>
          {items.map((item: TagItem, index) => {
            const text = String(item);
            return (
              <li
                key={`${text}#${index}`}
                className={`fm-chip${dragged === index ? ' fm-chip-dragged' : ''}`}
                draggable={!disabled}
                onDragStart={(event) => {
                  setDragged(index);
                  event.dataTransfer.effectAllowed = 'move';
                  event.dataTransfer.setData('text/plain', text);
                }}
                onDragEnd={() => setDragged(null)}
                onDragOver={(event) => {
                  if (dragged !== null) event.preventDefault();
                }}
                onDrop={(event) => {
                  event.preventDefault();
                  if (dragged !== null) move(dragged, index);
                  setDragged(null);
                }}
              >
                <span
                  className="fm-chip-text"
                  data-chip
                  tabIndex={disabled ? -1 : 0}
                  aria-label={`${text}, ${noun} ${index + 1} of ${items.length}`}
                  aria-keyshortcuts="Delete Alt+ArrowLeft Alt+ArrowRight"
                  title="Delete removes it; Alt+Left and Alt+Right move it"
                  onKeyDown={(event) => {
                    if (disabled) return;
                    if (event.key === 'Delete' || event.key === 'Backspace') {
                      event.preventDefault();
                      remove(index, true);
                    } else if (event.altKey && event.key === 'ArrowLeft') {
                      event.preventDefault();
                      move(index, index - 1);
                    } else if (event.altKey && event.key === 'ArrowRight') {
                      event.preventDefault();
                      move(index, index + 1);
                    } else if (event.key === 'ArrowLeft') {
                      event.preventDefault();
                      focusChip(Math.max(0, index - 1));
                    } else if (event.key === 'ArrowRight') {
                      event.preventDefault();
                      focusChip(index + 1);
                    }
                  }}
                >
                  {text}
                </span>
                <button
                  type="button"
                  className="fm-chip-remove"
                  tabIndex={-1}
                  aria-label={`Remove ${noun} ${text}`}
                  disabled={disabled}
                  onClick={() => remove(index, false)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Combobox
        id={id}
        inputRef={input}
        className="fm-tag-input"
        value={draft}
        suggestions={suggestions}
        describedBy={describedBy}
        invalid={invalid}
        disabled={disabled}
        placeholder={items.length === 0 ? `Add a ${noun}…` : `Add…`}
        onInput={(text) => {
          // A pasted "a, b, c" becomes chips at once; the part after the last comma stays typed.
          if (text.includes(',')) {
            const cut = text.lastIndexOf(',');
            add(text.slice(0, cut));
            setDraft(text.slice(cut + 1).trimStart());
          } else {
            setDraft(text);
          }
        }}
        onPick={add}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add(draft);
          } else if (event.key === 'Backspace' && draft === '' && items.length > 0) {
            event.preventDefault();
            remove(items.length - 1, false);
          } else if (event.key === 'ArrowLeft' && draft === '' && items.length > 0) {
            event.preventDefault();
            focusChip(items.length - 1);
          }
        }}
      />
    </div>
  );
}
