import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Api, Problem } from '../../shared/api';
import type { CheckedText } from './checks';
import { messageOf } from './global-errors';
import type { Load } from './load';

/** Long enough that a check waits for a pause in typing, short enough to feel live. */
export const checkDelayMs = 400;

/** The problems of one version of the post's text, with the line counts needed to place them. */
export interface PostChecks {
  readonly problems: readonly Problem[];
  readonly checked: Omit<CheckedText, 'text'>;
}

/** What {@link usePostChecks} gives the editor. */
export interface PostChecksState {
  /** The latest check's result; the previous one stays shown while a newer one runs. */
  readonly checks: Load<PostChecks>;
  /** The config file's problems (from `getSchema`), empty when it has none or there is none. */
  readonly configProblems: readonly Problem[];
  /** Checks the text again once the author pauses; call it after every edit. */
  readonly schedule: () => void;
}

/**
 * Checks the open post as it is edited: once when it opens, then `checkDelayMs` after the last
 * edit. Only the newest request may show its answer, however the responses are ordered. `current`
 * is read when a check starts, never per keystroke, so typing does not re-render anything.
 */
export function usePostChecks(api: Api, path: string, current: () => CheckedText): PostChecksState {
  const [checks, setChecks] = useState<Load<PostChecks>>({ state: 'loading' });
  const [configProblems, setConfigProblems] = useState<readonly Problem[]>([]);
  const latestCurrent = useRef(current);
  useLayoutEffect(() => {
    latestCurrent.current = current;
  });
  const request = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const run = useCallback(async () => {
    window.clearTimeout(timer.current);
    const id = ++request.current;
    const { text, ...checked } = latestCurrent.current();
    let next: Load<PostChecks>;
    try {
      const result = await api.checkPost(path, text);
      next = result.ok
        ? { state: 'ready', value: { problems: result.value, checked } }
        : { state: 'failed', message: result.error.message };
    } catch (error) {
      next = { state: 'failed', message: messageOf(error) };
    }
    if (id === request.current) setChecks(next);
  }, [api, path]);

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void run(), checkDelayMs);
  }, [run]);

  useEffect(() => {
    void run();
    return () => {
      window.clearTimeout(timer.current);
      // Answers still on their way belong to a post that is no longer shown.
      request.current++;
    };
  }, [run]);

  // Read when a post opens, so a config fixed in another program shows up on the next open.
  useEffect(() => {
    let live = true;
    // A folder that cannot be indexed, or a transport that broke, already shows elsewhere.
    void api.getSchema().then(
      (result) => {
        if (live) setConfigProblems(result.ok ? result.value.problems : []);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  return { checks, configProblems, schedule };
}
