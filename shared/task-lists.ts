import type { MarkdownIt } from 'markdown-it';

/** A GFM task marker at the start of a list item's first paragraph: `[ ]`, `[x]` or `[X]`. */
const marker = /^\[([ xX])\](?=\s|$)/;

/**
 * GFM task lists (`- [x] done`). The box is rendered as a non-interactive `<span role="checkbox"
 * aria-disabled="true">`, not an `<input>`: the sanitizer forbids every form control, and a span
 * that only looks like a box has no behaviour to get wrong (no focus, no form, no name to clobber).
 */
export function taskListPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'task_lists', (state) => {
    const tokens = state.tokens;
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i];
      const paragraph = tokens[i - 1];
      const item = tokens[i - 2];
      if (
        inline?.type !== 'inline' ||
        paragraph?.type !== 'paragraph_open' ||
        item?.type !== 'list_item_open'
      )
        continue;
      const first = inline.children?.[0];
      const match = first?.type === 'text' ? marker.exec(first.content) : null;
      if (first === undefined || match === null) continue;
      first.content = first.content.slice(match[0].length).replace(/^[ \t]/, '');
      const box = new state.Token('task_marker', 'span', 0);
      box.meta = { checked: match[1] !== ' ' };
      inline.children?.unshift(box);
      item.attrJoin('class', 'task-list-item');
      // The enclosing list is the nearest earlier token one level up.
      for (let j = i - 3; j >= 0; j--) {
        const list = tokens[j];
        if (list !== undefined && list.level === item.level - 1) {
          const classes = String(list.attrGet('class') ?? '').split(' ');
          if (!classes.includes('contains-task-list')) list.attrJoin('class', 'contains-task-list');
          break;
        }
      }
    }
  });
  md.renderer.rules.task_marker = (tokens, idx) => {
    const checked = (tokens[idx]?.meta as { checked?: boolean } | undefined)?.checked === true;
    return (
      `<span class="task-marker${checked ? ' task-marker-checked' : ''}" role="checkbox" ` +
      `aria-checked="${String(checked)}" aria-disabled="true"></span>`
    );
  };
}
