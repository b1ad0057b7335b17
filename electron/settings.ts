import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Preferences } from '../shared/api';
import { readPreferences } from '../shared/preferences';

/** What Postwright remembers between runs. */
export interface Settings extends Partial<Preferences> {
  /** The posts folder opened last. */
  readonly lastFolder?: string;
}

/** Reads and writes the settings file in one config folder. */
export interface SettingsStore {
  load(): Promise<Settings>;
  update(change: Partial<Settings>): Promise<void>;
}

/**
 * The config folder used outside Electron (CLI, browser mode): POSTWRIGHT_CONFIG_DIR, else the
 * platform's usual place. Electron passes `app.getPath('userData')` instead.
 */
export function defaultConfigDir(): string {
  const override = process.env.POSTWRIGHT_CONFIG_DIR;
  if (override) return override;
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Postwright');
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Postwright');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Postwright');
}

/** The settings file in `configDir`. A missing or corrupt file reads as no settings; it is never fatal. */
export function settingsStore(configDir: string): SettingsStore {
  const file = join(configDir, 'settings.json');
  const load = async (): Promise<Settings> => {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return {};
      const { lastFolder } = parsed as Record<string, unknown>;
      // Each setting is kept only when it has the right type: a hand-edited file cannot break the app.
      return {
        ...(typeof lastFolder === 'string' ? { lastFolder } : {}),
        ...readPreferences(parsed),
      };
    } catch {
      return {};
    }
  };
  return {
    load,
    async update(change) {
      const next = { ...(await load()), ...change };
      await mkdir(configDir, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
    },
  };
}
