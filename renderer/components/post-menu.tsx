import { useEffect, useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** What can be done to one post from the sidebar. */
export type PostAction =
  'duplicate' | 'rename' | 'renameToTitle' | 'delete' | 'copyPath' | 'reveal' | 'export';

/** One entry of the menu. */
export interface PostMenuItem {
  readonly action: PostAction;
  readonly label: string;
  /** The key that does it from the list, shown beside the label (`aria-keyshortcuts` syntax). */
  readonly shortcut?: string;
}

/** Keys that run a post's action from the focused row of the list, as file managers and VS Code use them. */
export const postShortcuts = {
  delete: 'Delete',
  copyPath: 'Shift+Alt+C',
  reveal: 'Shift+Alt+R',
} as const satisfies Partial<Record<PostAction, string>>;

/** The action a key press on a list row stands for, if any (see `postShortcuts`). */
export function postActionOfKey(event: {
  readonly key: string;
  readonly code: string;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}): PostAction | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.key === 'Delete' && !event.shiftKey && !event.altKey) return 'delete';
  // By code: Alt changes the character a key types on macOS.
  if (event.shiftKey && event.altKey && event.code === 'KeyC') return 'copyPath';
  if (event.shiftKey && event.altKey && event.code === 'KeyR') return 'reveal';
  return null;
}

/** How a shortcut reads in the menu: "Shift+Alt+C", with ⇧⌥ on a Mac. */
function shortcutText(shortcut: string): string {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return mac
    ? shortcut.replace('Shift+', '⇧').replace('Alt+', '⌥').replace('Delete', '⌦')
    : shortcut;
}

/** Props of {@link PostMenu}. */
export interface PostMenuProps {
  /** The menu's accessible name, like "Actions for First light". */
  readonly label: string;
  readonly items: readonly PostMenuItem[];
  /** Where the menu opens, in viewport pixels (the pointer, or below the ⋯ button). */
  readonly x: number;
  readonly y: number;
  readonly onChoose: (action: PostAction) => void;
  /** Closes the menu; `refocus` says focus should go back to where it was opened from. */
  readonly onClose: (refocus: boolean) => void;
}

// Keeps the menu this far inside the window's edges.
const margin = 8;

/**
 * A post's actions as a menu (the ⋯ button and right-click both open it). Arrow keys, Home and End
 * move between items, Enter chooses, Escape closes; a click elsewhere closes it. Focus starts on
 * the first item, as menus in desktop apps do.
 */
export function PostMenu({ label, items, x, y, onChoose, onClose }: PostMenuProps) {
  const menu = useRef<HTMLDivElement>(null);

  // Placed after it is measured, so a menu opened near an edge stays on screen.
  useLayoutEffect(() => {
    const element = menu.current;
    if (element === null) return;
    const { width, height } = element.getBoundingClientRect();
    element.style.left = `${Math.max(margin, Math.min(x, window.innerWidth - width - margin))}px`;
    element.style.top = `${Math.max(margin, Math.min(y, window.innerHeight - height - margin))}px`;
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [x, y]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node)) onClose(false);
    };
    const onBlur = (): void => onClose(false);
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [onClose]);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number): void => {
      event.preventDefault();
      entries[(index + entries.length) % entries.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return focus(at + 1);
      case 'ArrowUp':
        return focus(at - 1);
      case 'Home':
        return focus(0);
      case 'End':
        return focus(entries.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return onClose(true);
      case 'Tab':
        // A menu is one stop: Tab leaves it, as it would leave a native one.
        return onClose(false);
      default:
        return;
    }
  };

  return (
    <div
      ref={menu}
      className="post-menu"
      role="menu"
      aria-label={label}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.action}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={
            item.action === 'delete' ? 'post-menu-item post-menu-danger' : 'post-menu-item'
          }
          aria-keyshortcuts={item.shortcut}
          onClick={() => onChoose(item.action)}
        >
          <span>{item.label}</span>
          {item.shortcut !== undefined && (
            <span className="post-menu-shortcut" aria-hidden="true">
              {shortcutText(item.shortcut)}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
