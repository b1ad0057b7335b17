import { Fragment, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Api } from '../../shared/api';
import type { ExportTarget, ExportTargets } from '../../shared/export';
import {
  checkDraft,
  contentPlaceholders,
  draftOf,
  newDraft,
  sameTarget,
  targetOf,
} from '../app/export-targets';
import type { DraftErrors, DraftField, TargetDraft } from '../app/export-targets';
import { attempt } from '../app/global-errors';
import { ConfirmDialog } from './confirm-dialog';
import '../styles/export.css';

/** Props of {@link ExportTargetsDialog}. */
export interface ExportTargetsDialogProps {
  readonly api: Api;
  /** Opens on a new target's form (the folder has none yet) rather than on the list. */
  readonly startWithNew?: boolean;
  readonly onClose: () => void;
}

/** Which target the form edits: a new one, or the one at this index. */
type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly index: number };

/**
 * The folder's export targets: list, add, edit and remove them. Each save writes the whole list
 * with `setExportTargets`, which keeps the rest of the config file (comments too) as it was; the
 * config's problems with its targets are shown above the list.
 */
export function ExportTargetsDialog({
  api,
  startWithNew = false,
  onClose,
}: ExportTargetsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [loaded, setLoaded] = useState<ExportTargets | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(startWithNew ? { kind: 'new' } : null);
  const [removing, setRemoving] = useState<ExportTarget | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    element.showModal();
    return () => element.close();
  }, []);

  const load = useCallback(async () => {
    const result = await attempt(() => api.getExportTargets());
    if (result.ok) {
      setLoaded(result.value);
      setLoadError(null);
    } else setLoadError(result.error.message);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Writes the list; resolves to an error to show, or null when saved. */
  const store = useCallback(
    async (targets: readonly ExportTarget[], done: string): Promise<string | null> => {
      const result = await attempt(() => api.setExportTargets({ targets }));
      if (!result.ok) return result.error.message;
      setLoaded(result.value);
      setSaved(done);
      return null;
    },
    [api],
  );

  const targets = loaded?.targets ?? [];
  const problems = loaded?.problems ?? [];

  return (
    <>
      <dialog
        ref={dialog}
        className="dialog export-targets-dialog"
        aria-labelledby={titleId}
        onClose={onClose}
      >
        <h2 id={titleId}>Export targets</h2>
        {problems.length > 0 && (
          <div className="notice notice-warning export-config-problems">
            <p>
              <strong>The config’s export section has problems</strong> (a broken target is left out
              until it is fixed):
            </p>
            <ul>
              {problems.map((problem, index) => (
                <li key={index}>
                  {problem.message}{' '}
                  <span className="export-quiet">
                    ({problem.path === '' ? 'config' : problem.path}, line {problem.line})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {loadError !== null && (
          <div className="notice notice-error" role="alert">
            <p>The export targets could not be read: {loadError}</p>
            <button type="button" className="button button-small" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
        {/* The form only once the list is read: a save writes the whole list, and must not drop a target. */}
        {editing === null || loaded === null ? (
          <>
            <p className="export-quiet" role="status">
              {saved ?? ''}
            </p>
            {loaded !== null && targets.length === 0 && (
              <p>
                No targets yet. Add one for each site repository you publish to: Postwright copies
                posts and their images there and commits only those files.
              </p>
            )}
            {targets.length > 0 && (
              <ul className="export-target-list" aria-label="Targets">
                {targets.map((target, index) => (
                  <li key={target.name}>
                    <div className="export-target-text">
                      <strong>{target.name}</strong>
                      <span className="export-quiet">
                        <code>{target.repo}</code> → <code>{target.content}</code>
                      </span>
                    </div>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit ${target.name}`}
                      onClick={() => {
                        setSaved(null);
                        setEditing({ kind: 'edit', index });
                      }}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Remove ${target.name}`}
                      onClick={() => setRemoving(target)}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="dialog-actions">
              <button
                type="button"
                className="button"
                disabled={loaded === null}
                onClick={() => {
                  setSaved(null);
                  setEditing({ kind: 'new' });
                }}
              >
                Add target…
              </button>
              <button type="button" className="button button-primary" onClick={onClose}>
                Done
              </button>
            </div>
          </>
        ) : (
          <TargetForm
            original={editing.kind === 'edit' ? (targets[editing.index] ?? null) : null}
            otherNames={targets
              .filter((_, index) => editing.kind === 'new' || index !== editing.index)
              .map((target) => target.name)}
            onCancel={() => setEditing(null)}
            onSave={async (target) => {
              const original = editing.kind === 'edit' ? targets[editing.index] : undefined;
              // Nothing edited: nothing written, so the config file stays byte for byte as it is.
              if (original !== undefined && sameTarget(original, target)) {
                setEditing(null);
                setSaved('No changes to save.');
                return null;
              }
              const next =
                editing.kind === 'edit'
                  ? targets.map((each, index) => (index === editing.index ? target : each))
                  : [...targets, target];
              const problem = await store(
                next,
                editing.kind === 'new' ? `Added “${target.name}”.` : `Saved “${target.name}”.`,
              );
              if (problem === null) setEditing(null);
              return problem;
            }}
          />
        )}
      </dialog>
      {removing !== null && (
        <ConfirmDialog
          title={`Remove “${removing.name}”?`}
          confirmLabel="Remove"
          onConfirm={async () => {
            const problem = await store(
              targets.filter((target) => target.name !== removing.name),
              `Removed “${removing.name}”.`,
            );
            if (problem === null) setRemoving(null);
            return problem;
          }}
          onClose={() => setRemoving(null)}
        >
          <p>
            The target goes from the config; nothing in the repository at{' '}
            <code>{removing.repo}</code> changes.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** The draft's fields typed as one line of text. */
type TextField = Exclude<DraftField, 'rename'>;

function textPatch(field: TextField, value: string): Partial<TargetDraft> {
  return { [field]: value };
}

/** Props of {@link TargetForm}. */
interface TargetFormProps {
  /** The target being edited, or null for a new one. */
  readonly original: ExportTarget | null;
  /** The names the other targets use. */
  readonly otherNames: readonly string[];
  readonly onCancel: () => void;
  /** Saves; resolves to an error to show, or null when saved. */
  readonly onSave: (target: ExportTarget) => Promise<string | null>;
}

/** One target's fields, checked on save and from then on as they change. */
function TargetForm({ original, otherNames, onCancel, onSave }: TargetFormProps) {
  const [draft, setDraft] = useState<TargetDraft>(() =>
    original === null ? newDraft(otherNames) : draftOf(original),
  );
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const errors: DraftErrors = tried ? checkDraft(draft, otherNames) : {};

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const change = (patch: Partial<TargetDraft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
    setSaveError(null);
  };

  async function submit(): Promise<void> {
    setTried(true);
    const found = checkDraft(draft, otherNames);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      // Straight to the first field to fix, as a person would look for it.
      form.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    const problem = await onSave(targetOf(draft));
    setBusy(false);
    setSaveError(problem);
  }

  const text = (field: TextField, label: string, hint: ReactNode) => {
    const value = draft[field];
    return (
      <Field id={`${id}-${field}`} label={label} hint={hint} error={errors[field]}>
        {(props) => (
          <input
            {...props}
            type="text"
            data-field={field}
            value={value}
            spellCheck={false}
            onChange={(event) => change(textPatch(field, event.target.value))}
          />
        )}
      </Field>
    );
  };

  return (
    <form
      ref={form}
      className="export-target-form"
      aria-label={original === null ? 'New target' : `Edit ${original.name}`}
      noValidate
      onSubmit={(event) => {
        // Never a real submission: the CSP forbids it and there is nowhere to send it.
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{original === null ? 'New target' : `Edit “${original.name}”`}</h3>
      {text('name', 'Name', 'How you pick it when exporting, like “site” or “blog”.')}
      {text(
        'repo',
        'Repository folder',
        <>
          The site’s git repository on this computer: a full path, <code>~/…</code>, or relative to
          the posts folder.
        </>,
      )}
      {text(
        'content',
        'Content path',
        <>
          Where each post goes inside the repository, like <code>content/blog/{'{slug}'}.md</code>{' '}
          or <code>src/content/blog/{'{slug}'}/index.md</code>. Placeholders:
          <dl className="export-placeholders">
            {contentPlaceholders.map((placeholder) => (
              <Fragment key={placeholder.name}>
                <dt>
                  <code>{placeholder.name}</code>
                </dt>
                <dd>{placeholder.meaning}</dd>
              </Fragment>
            ))}
          </dl>
        </>,
      )}
      {text(
        'images',
        'Image folder',
        <>
          Inside the repository, like <code>public/images/blog</code>: the images a post uses are
          copied there. Leave empty to leave image links as they are.
        </>,
      )}
      {text(
        'imageUrl',
        'Public URL of the image folder',
        <>
          Where the site serves that folder, like <code>/images/blog</code>: image links in the
          exported posts point there.
        </>,
      )}
      <fieldset className="export-field">
        <legend>Which posts</legend>
        <label>
          <input
            type="radio"
            name={`${id}-include`}
            checked={draft.include === 'published'}
            onChange={() => change({ include: 'published' })}
          />
          Published posts only
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-include`}
            checked={draft.include === 'all'}
            onChange={() => change({ include: 'all' })}
          />
          Every post, drafts too
        </label>
      </fieldset>
      {text(
        'drop',
        'Keys to drop',
        'Front matter keys left out of the exported file (editor-only notes), separated by commas.',
      )}
      <fieldset
        className="export-field export-renames"
        aria-describedby={errors.rename === undefined ? `${id}-rename-hint` : `${id}-rename-error`}
      >
        <legend>Keys to rename</legend>
        <p id={`${id}-rename-hint`} className="field-note">
          A key written under another name on the way out, like <code>cover</code> as{' '}
          <code>image</code>.
        </p>
        {draft.rename.map((row, index) => (
          <div key={index} className="export-rename-row">
            <label>
              <span className="visually-hidden">Rename {index + 1}: </span>Key
              <input
                type="text"
                data-field={index === 0 ? 'rename' : undefined}
                value={row.from}
                spellCheck={false}
                aria-invalid={errors.rename !== undefined || undefined}
                onChange={(event) =>
                  change({
                    rename: draft.rename.map((each, at) =>
                      at === index ? { ...each, from: event.target.value } : each,
                    ),
                  })
                }
              />
            </label>
            <span aria-hidden="true">→</span>
            <label>
              <span className="visually-hidden">Rename {index + 1}: </span>Exported as
              <input
                type="text"
                value={row.to}
                spellCheck={false}
                aria-invalid={errors.rename !== undefined || undefined}
                onChange={(event) =>
                  change({
                    rename: draft.rename.map((each, at) =>
                      at === index ? { ...each, to: event.target.value } : each,
                    ),
                  })
                }
              />
            </label>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove rename ${index + 1}`}
              onClick={() => change({ rename: draft.rename.filter((_, at) => at !== index) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => change({ rename: [...draft.rename, { from: '', to: '' }] })}
        >
          Add a rename
        </button>
        {errors.rename !== undefined && (
          <p id={`${id}-rename-error`} className="field-error" role="alert">
            {errors.rename}
          </p>
        )}
      </fieldset>
      {text(
        'message',
        'Commit message',
        <>
          <code>{'{title}'}</code> is the post’s title when one post is exported,{' '}
          <code>{'{count}'}</code> the number of posts when several are.
        </>,
      )}
      {saveError !== null && (
        <p className="field-error" role="alert">
          Not saved: {saveError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {original === null ? 'Add target' : 'Save target'}
        </button>
      </div>
    </form>
  );
}

/** What {@link Field} gives its input: the id and the ARIA links to the hint and the error. */
interface FieldInputProps {
  readonly id: string;
  readonly 'aria-describedby': string;
  readonly 'aria-invalid': true | undefined;
}

/** A labelled field with its hint, and its error beside it once there is one. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint: ReactNode;
  readonly error: string | undefined;
  readonly children: (props: FieldInputProps) => ReactNode;
}) {
  return (
    <div className={`export-field${error === undefined ? '' : ' export-field-invalid'}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': error === undefined ? `${id}-hint` : `${id}-error ${id}-hint`,
        'aria-invalid': error === undefined ? undefined : true,
      })}
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div id={`${id}-hint`} className="field-note">
        {hint}
      </div>
    </div>
  );
}
