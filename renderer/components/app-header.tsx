import type { Status } from '../app/status';

/** Props of {@link AppHeader}. */
export interface AppHeaderProps {
  /** The posts folder's name, or null while it is not known. */
  readonly folderName: string | null;
  readonly folderPath: string | null;
  /** The open post's title, or null when none is open. */
  readonly postTitle: string | null;
  readonly dirty: boolean;
  readonly status: Status | null;
  readonly onOpenFolder: () => void;
  /** Whether autosave is on; null while the preference loads. */
  readonly autosave: boolean | null;
  readonly onAutosaveChange: (on: boolean) => void;
  /** Opens Export (Ctrl/Cmd+Shift+E); absent while there is no folder to export from. */
  readonly onExport?: () => void;
}

/** The top bar: the folder and "Open folder…" above the sidebar, the open post and status beside. */
export function AppHeader({
  folderName,
  folderPath,
  postTitle,
  dirty,
  status,
  onOpenFolder,
  autosave,
  onAutosaveChange,
  onExport,
}: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header-folder">
        <span className="app-mark" aria-hidden="true">
          ¶
        </span>
        <span className="folder-name" title={folderPath ?? undefined}>
          {folderName ?? 'Postwright'}
        </span>
        <button type="button" className="button button-small" onClick={onOpenFolder}>
          Open folder…
        </button>
      </div>
      <div className="app-header-post">
        {postTitle !== null && (
          <h1 className="post-heading">
            <span className="post-heading-text">{postTitle}</span>
            {dirty && <span className="dirty-dot" role="img" aria-label="Unsaved changes" />}
          </h1>
        )}
        <p className={`status status-${status?.tone ?? 'none'}`} role="status">
          {status?.text ?? ''}
        </p>
        <label
          className="autosave-toggle"
          title="Save after a pause in typing, when the window loses focus, and on quit"
        >
          <input
            type="checkbox"
            role="switch"
            checked={autosave ?? false}
            disabled={autosave === null}
            onChange={(event) => onAutosaveChange(event.target.checked)}
          />
          Autosave
        </label>
        {onExport !== undefined && (
          <button
            type="button"
            className="button button-small"
            aria-keyshortcuts="Control+Shift+E"
            title="Export posts to your site's repository (Ctrl+Shift+E)"
            onClick={onExport}
          >
            Export…
          </button>
        )}
      </div>
    </header>
  );
}
