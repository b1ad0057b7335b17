import { bodyStats } from '../../shared/derive';

/** What the status bar says about the text. */
export interface DocumentStats {
  /** Words a reader reads (code blocks and HTML left out), as the post list counts them. */
  readonly words: number;
  /** Characters, spaces included, line breaks not; an emoji or accented letter counts once. */
  readonly characters: number;
  /** `6 min read`. */
  readonly readingTime: string;
}

/** Counts a body. Parses the whole text, so callers run it after a pause, not per keystroke. */
export function documentStats(text: string): DocumentStats {
  const { words, readingTime } = bodyStats(text);
  let characters = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Line feeds are not characters a writer counts; a surrogate pair's second half is the same one.
    if (code === 10 || (code >= 0xdc00 && code <= 0xdfff)) continue;
    characters++;
  }
  return { words, characters, readingTime: readingTime.text };
}
