import { useEffect, useRef, useState } from 'react';
import type { Api, SearchHit } from '../../shared/api';
import { messageOf } from '../app/global-errors';
import { lastSearchKeystroke, markFilterChange } from './filter-measure';

/** What the search found for one query. */
export interface SearchAnswer {
  /** The query it answers (trimmed). */
  readonly query: string;
  readonly hits: readonly SearchHit[];
  /** When the last keystroke of that query was typed (`performance.now()`). */
  readonly typedAt: number;
  /** Why the search failed, when it did (the hits are then empty). */
  readonly error: string | null;
}

/** How long typing must pause before a query goes to the Node side. */
export const searchDelayMs = 80;

/**
 * The answer to the latest query, asked `searchDelayMs` after typing pauses; answers to older
 * queries are ignored whatever order they arrive in. Null when the query is blank. Until the
 * first answer to a new query arrives the previous answer stays, so the list does not flash.
 * `generation` asks again for the same query when it changes (the posts list changed), and so
 * does the search index finishing its first build.
 */
export function useSearch(api: Api, query: string, generation: unknown): SearchAnswer | null {
  const trimmed = query.trim();
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const latest = useRef(0);
  // The first search starts the Node side's search index; when it has every post, ask again.
  const [indexed, setIndexed] = useState(0);
  useEffect(() => api.on('searchIndexed', () => setIndexed((count) => count + 1)), [api]);

  useEffect(() => {
    const request = ++latest.current;
    if (trimmed === '') {
      setAnswer(null);
      return;
    }
    const since = lastSearchKeystroke();
    const timer = setTimeout(() => {
      const settle = (next: Omit<SearchAnswer, 'query' | 'typedAt'>): void => {
        if (request !== latest.current) return;
        markFilterChange();
        setAnswer({ query: trimmed, typedAt: since, ...next });
      };
      api.searchPosts(trimmed).then(
        (result) =>
          settle(
            result.ok
              ? { hits: result.value, error: null }
              : { hits: [], error: result.error.message },
          ),
        (error: unknown) => settle({ hits: [], error: messageOf(error) }),
      );
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [api, trimmed, generation, indexed]);

  return trimmed === '' ? null : answer;
}
