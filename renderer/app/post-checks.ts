import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Api, PostFile, Problem } from '../../shared/api';
import { parsePost } from '../../shared/document';
import type { Schema } from '../../shared/schema';
import { yamlReadOf } from '../front-matter/reads';
import { linesBeforeParts } from './checks';
import type { CheckedText } from './checks';
import { messageOf } from './global-errors';
import { createQuietTimer } from './quiet-timer';
import type { QuietTimer } from './quiet-timer';
import { frontMatterFactsOf, liveProblems, localFieldProblems } from './live-problems';
import type { NodeCheck } from './live-problems';
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
  /**
   * The latest check's result, its field problems replaced by those of the front matter as it is
   * now (see {@link liveProblems}); the previous one stays shown while a newer one runs.
   */
  readonly checks: Load<PostChecks>;
  /**
   * The post's problems as of this render: the field checks of the current front matter at once,
   * the rest (body, images on disk) from the latest check. What the form shows at each field.
   */
  readonly problems: readonly Problem[];
  /** The current front matter's values (empty when it does not parse). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Checks the text again once the author pauses; call it after every edit. */
  readonly schedule: () => void;
}

/**
 * Checks the open post as it is edited: on the Node side once when it opens, then `checkDelayMs`
 * after the last edit (only the newest request may show its answer, however the responses are
 * ordered); and the front matter's field checks in the renderer on every change of `frontMatter`,
 * so a field problem shows as the author types. `current` is read when a Node check starts, never
 * per keystroke, so typing in the body does not re-render anything.
 */
export function usePostChecks(
  api: Api,
  file: PostFile,
  frontMatter: string,
  current: () => CheckedText,
  /** The folder's schema (the app keeps it), null until it is known. */
  schema: Schema | null,
): PostChecksState {
  const path = file.path;
  const [node, setNode] = useState<Load<NodeCheck>>({ state: 'loading' });
  const latestCurrent = useRef(current);
  useLayoutEffect(() => {
    latestCurrent.current = current;
  });
  const request = useRef(0);
  // The pause before a check, restarted by every edit at the cost of a note of the time.
  const pause = useRef<QuietTimer | null>(null);

  const run = useCallback(async () => {
    pause.current?.cancel();
    const id = ++request.current;
    const { text, ...checked } = latestCurrent.current();
    let next: Load<NodeCheck>;
    try {
      const result = await api.checkPost(path, text);
      next = result.ok
        ? {
            state: 'ready',
            // The front matter is parsed again here, once per check, not per keystroke.
            value: { problems: result.value, checked, values: parsePost(text).values },
          }
        : { state: 'failed', message: result.error.message };
    } catch (error) {
      next = { state: 'failed', message: messageOf(error) };
    }
    if (id === request.current) setNode(next);
  }, [api, path]);

  const latestRun = useRef(run);
  useLayoutEffect(() => {
    latestRun.current = run;
  });

  const schedule = useCallback(() => {
    pause.current ??= createQuietTimer(() => void latestRun.current(), checkDelayMs);
    pause.current.poke();
  }, []);

  useEffect(() => {
    void run();
    return () => {
      pause.current?.cancel();
      // Answers still on their way belong to a post that is no longer shown.
      request.current++;
    };
  }, [run]);

  // Read when a post opens, so a config fixed in another program shows up on the next open.
  // The read of this text the edit that made it (or the form) already has: not parsed again.
  const facts = useMemo(
    () =>
      frontMatterFactsOf(
        file,
        frontMatter,
        file.split.format === 'yaml' ? yamlReadOf(frontMatter) : undefined,
      ),
    [file, frontMatter],
  );
  const lines = useMemo(() => linesBeforeParts(file, frontMatter), [file, frontMatter]);
  const local = useMemo(
    () => (schema === null ? null : localFieldProblems(path, facts, schema)),
    [path, facts, schema],
  );
  const nodeCheck = node.state === 'ready' ? node.value : null;
  const problems = useMemo(
    () => liveProblems(local, nodeCheck, facts, lines),
    [local, nodeCheck, facts, lines],
  );
  const checks = useMemo<Load<PostChecks>>(
    () => (node.state === 'ready' ? { state: 'ready', value: { problems, checked: lines } } : node),
    [node, problems, lines],
  );

  return { checks, problems, values: facts.values, schedule };
}
