import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Api, Preferences } from '../../shared/api';
import { defaultPreferences } from '../../shared/preferences';
import { messageOf } from './global-errors';

/** The user's preferences and a way to change them; `preferences` is null until they are loaded. */
export interface PreferencesState {
  readonly preferences: Preferences | null;
  /** Applies the change at once and stores it; a failure to store is reported, the change stays. */
  change(change: Partial<Preferences>): void;
}

/**
 * Loads the preferences once per transport. When they cannot be read the defaults apply (autosave
 * on: losing a preference must not mean losing work) and `onError` says why.
 */
export function usePreferences(api: Api, onError: (message: string) => void): PreferencesState {
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const report = useRef(onError);
  useLayoutEffect(() => {
    report.current = onError;
  });

  useEffect(() => {
    let current = true;
    api.getPreferences().then(
      (result) => {
        if (!current) return;
        setPreferences(result.ok ? result.value : defaultPreferences);
        if (!result.ok) report.current(result.error.message);
      },
      (error: unknown) => {
        if (!current) return;
        setPreferences(defaultPreferences);
        report.current(messageOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [api]);

  const change = useCallback(
    (next: Partial<Preferences>) => {
      setPreferences((previous) => ({ ...(previous ?? defaultPreferences), ...next }));
      api.setPreferences(next).then(
        (result) => {
          if (!result.ok) report.current(result.error.message);
        },
        (error: unknown) => report.current(messageOf(error)),
      );
    },
    [api],
  );

  return { preferences, change };
}
