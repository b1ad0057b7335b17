import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Api } from '../../shared/api';
import type {
  ExportFile,
  ExportPlan,
  ExportProgress,
  ExportRequest,
  ExportSummary,
  ExportTargets,
  HeldPost,
} from '../../shared/export';
import { plural } from '../app/checks';
import {
  actionLabel,
  diffLines,
  diffStat,
  exportBlockedBy,
  orderFiles,
  planSentence,
  scopeOf,
  shortCommit,
  summaryHeadline,
} from '../app/export-plan';
import type { ScopeChoice } from '../app/export-plan';
import { attempt } from '../app/global-errors';
import { newRequestId } from '../app/request-id';
import { ExportTargetsDialog } from './export-targets-dialog';
import '../styles/export.css';

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  readonly api: Api;
  /** The post "This post" means (the open one, or the one whose menu was used); null offers no such choice. */
  readonly post: string | null;
  /** The posts the sidebar lists now, in its order. */
  readonly shown: readonly string[];
  /** A post's title for display, or its path when it has none. */
  readonly titleOf: (path: string) => string;
  /** Set when the open post has unsaved changes that could not be saved first: the export takes the file on disk. */
  readonly unsaved: boolean;
  /** Called once an export has finished (not when it was cancelled), to refresh what the app shows. */
  readonly onExported: (summary: ExportSummary) => void;
  readonly onClose: () => void;
}

type Load<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'ready'; readonly value: T };

/** Where the dialog is: choosing and reading the plan, exporting, or showing what happened. */
type Stage =
  | { readonly kind: 'plan' }
  | {
      readonly kind: 'running';
      readonly progress: ExportProgress | null;
      readonly cancelling: boolean;
    }
  | { readonly kind: 'done'; readonly summary: ExportSummary }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Export: pick a target and which posts, read the plan (every file it would add, update or leave,
 * with diffs; posts held back and why), then export with a progress bar and Cancel, and see the
 * summary with the commit id. Nothing is written before "Export".
 */
export function ExportDialog({
  api,
  post,
  shown,
  titleOf,
  unsaved,
  onExported,
  onClose,
}: ExportDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const [targets, setTargets] = useState<Load<ExportTargets>>({ state: 'loading' });
  const [target, setTarget] = useState<string | null>(null);
  const [scope, setScope] = useState<ScopeChoice>(post !== null ? 'post' : 'shown');
  const [acceptWarnings, setAcceptWarnings] = useState(false);
  const [overwrite, setOverwrite] = useState<ReadonlySet<string>>(new Set());
  const [commit, setCommit] = useState(true);
  const [push, setPush] = useState(false);
  const [plan, setPlan] = useState<Load<ExportPlan> | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'plan' });
  // The targets dialog, and whether it opens on a new target's form.
  const [managing, setManaging] = useState<'list' | 'new' | null>(null);
  // The request id of the newest plan asked for, until its answer arrives: only it may show its
  // answer, and it is the one to cancel (Cancel, a newer plan replacing it, the dialog closing).
  const planId = useRef<string | null>(null);
  // The request id of the export running, until it ends.
  const runId = useRef<string | null>(null);
  // How far the plan being made is, and whether Cancel was pressed for it.
  const [planning, setPlanning] = useState<PlanningState>(notPlanning);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    element.showModal();
    heading.current?.focus();
    return () => element.close();
  }, []);

  // A closed dialog stops what it started: nobody would see the answer.
  useEffect(
    () => () => {
      for (const ids of [planId, runId]) {
        const id = ids.current;
        ids.current = null;
        if (id !== null) void attempt(() => api.cancelExport(id));
      }
    },
    [api],
  );

  const loadTargets = useCallback(async () => {
    const result = await attempt(() => api.getExportTargets());
    if (!result.ok) {
      setTargets({ state: 'failed', message: result.error.message });
      return;
    }
    setTargets({ state: 'ready', value: result.value });
    const names = result.value.targets.map((each) => each.name);
    setTarget((current) =>
      current !== null && names.includes(current) ? current : (names[0] ?? null),
    );
  }, [api]);

  useEffect(() => {
    void loadTargets();
  }, [loadTargets]);

  const request: ExportRequest | null = (() => {
    const chosen = scopeOf(scope, { post, shown });
    if (target === null || chosen === null) return null;
    return { target, scope: chosen, acceptWarnings, overwrite: [...overwrite] };
  })();
  // The plan depends on these, not on the overwrite ticks (they only decide what "Export" writes).
  const planKey = request === null ? null : JSON.stringify({ ...request, overwrite: [] });

  const makePlan = useCallback(async () => {
    // The plan this one replaces is of no use any more: stop it rather than let it run to its end
    // (on a big folder it would hold both cores). Its answer, cancelled or not, is ignored.
    const replaced = planId.current;
    planId.current = null;
    if (replaced !== null) void attempt(() => api.cancelExport(replaced));
    if (planKey === null) {
      setPlan(null);
      return;
    }
    const id = newRequestId();
    planId.current = id;
    setPlan({ state: 'loading' });
    setPlanning(notPlanning);
    // Other windows' plans report on the same event: only this plan's id counts here.
    const off = api.on('exportProgress', (progress) => {
      if (progress.id === id && progress.phase === 'planning')
        setPlanning((current) => ({ ...current, progress }));
    });
    const result = await attempt(() => api.planExport(id, JSON.parse(planKey) as ExportRequest));
    off();
    if (planId.current !== id) return;
    planId.current = null;
    setPlanning(notPlanning);
    setPlan(
      result.ok
        ? { state: 'ready', value: result.value }
        : { state: 'failed', message: result.error.message },
    );
  }, [api, planKey]);

  // A new plan on every change of what is asked (makePlan changes with it).
  useEffect(() => {
    void makePlan();
  }, [makePlan]);

  const running = stage.kind === 'running';
  // Stable, so a tick re-renders only its own row of a long plan.
  const toggleOverwrite = useCallback((path: string, on: boolean) => {
    setOverwrite((current) => {
      const next = new Set(current);
      if (on) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  async function run(): Promise<void> {
    if (request === null || plan?.state !== 'ready') return;
    if (exportBlockedBy(plan.value, overwrite) !== null) return;
    const id = newRequestId();
    runId.current = id;
    setStage({ kind: 'running', progress: null, cancelling: false });
    const off = api.on('exportProgress', (progress) => {
      if (progress.id === id)
        setStage((current) => (current.kind === 'running' ? { ...current, progress } : current));
    });
    const result = await attempt(() =>
      api.runExport(id, { ...request, commit: commit || push, push }),
    );
    off();
    if (runId.current !== id) return;
    runId.current = null;
    if (!result.ok) {
      setStage({ kind: 'failed', message: result.error.message });
      return;
    }
    setStage({ kind: 'done', summary: result.value });
    if (!result.value.cancelled) onExported(result.value);
    heading.current?.focus();
  }

  async function cancelPlan(): Promise<void> {
    // Kept as the newest plan: its answer ("cancelled") is the one to show.
    const id = planId.current;
    if (id === null) return;
    setPlanning((current) => ({ ...current, cancelling: true }));
    const result = await attempt(() => api.cancelExport(id));
    if (!result.ok) setPlanning((current) => ({ ...current, cancelling: false }));
  }

  async function cancel(): Promise<void> {
    const id = runId.current;
    if (id === null) return;
    setStage((current) =>
      current.kind === 'running' ? { ...current, cancelling: true } : current,
    );
    const result = await attempt(() => api.cancelExport(id));
    if (!result.ok)
      setStage((current) =>
        current.kind === 'running' ? { ...current, cancelling: false } : current,
      );
  }

  const targetList = targets.state === 'ready' ? targets.value.targets : [];
  const chosenTarget = targetList.find((each) => each.name === target) ?? null;

  return (
    <>
      <dialog
        ref={dialog}
        className="dialog export-dialog"
        aria-labelledby={titleId}
        aria-busy={running}
        onCancel={(event) => {
          // Escape while exporting would leave it running unseen: Cancel is the way out then.
          if (running) event.preventDefault();
        }}
        onClose={onClose}
      >
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {stage.kind !== 'done'
            ? 'Export'
            : stage.summary.cancelled
              ? 'Export cancelled'
              : 'Export finished'}
        </h2>

        {stage.kind === 'plan' && (
          <>
            {unsaved && (
              <p className="notice notice-warning export-note">
                The open post has unsaved changes that could not be saved: the export takes the file
                as it is on disk.
              </p>
            )}
            {targets.state === 'loading' && <p className="export-quiet">Reading export targets…</p>}
            {targets.state === 'failed' && (
              <div className="notice notice-error" role="alert">
                <p>The export targets could not be read: {targets.message}</p>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void loadTargets()}
                >
                  Try again
                </button>
              </div>
            )}
            {targets.state === 'ready' && targetList.length === 0 && (
              <div className="export-empty">
                <p>
                  <strong>No export targets yet.</strong> A target says where your site’s repository
                  is on this computer and where posts and images go in it.
                </p>
                {targets.value.problems.length > 0 && (
                  <p className="field-error">
                    The config has {plural(targets.value.problems.length, 'problem')} with its
                    targets; open Export targets to see them.
                  </p>
                )}
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => setManaging('new')}
                >
                  Add a target…
                </button>
              </div>
            )}
            {targetList.length > 0 && (
              <>
                <div className="export-choices">
                  <div className="export-target-row">
                    <label htmlFor={`${titleId}-target`}>Target</label>
                    <select
                      id={`${titleId}-target`}
                      value={target ?? ''}
                      onChange={(event) => {
                        setTarget(event.target.value);
                        setOverwrite(new Set());
                        setAcceptWarnings(false);
                      }}
                    >
                      {targetList.map((each) => (
                        <option key={each.name} value={each.name}>
                          {each.name}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setManaging('list')}
                    >
                      Export targets…
                    </button>
                  </div>
                  {chosenTarget !== null && (
                    <p className="export-quiet export-target-where">
                      Into <code>{chosenTarget.repo}</code> as <code>{chosenTarget.content}</code>
                    </p>
                  )}
                  <fieldset className="export-scope">
                    <legend>What to export</legend>
                    {post !== null && (
                      <label>
                        <input
                          type="radio"
                          name={`${titleId}-scope`}
                          checked={scope === 'post'}
                          onChange={() => setScope('post')}
                        />
                        This post <span className="export-quiet">({titleOf(post)})</span>
                      </label>
                    )}
                    <label>
                      <input
                        type="radio"
                        name={`${titleId}-scope`}
                        checked={scope === 'shown'}
                        disabled={shown.length === 0}
                        onChange={() => setScope('shown')}
                      />
                      The posts the sidebar shows{' '}
                      <span className="export-quiet">({plural(shown.length, 'post')})</span>
                    </label>
                    <label>
                      <input
                        type="radio"
                        name={`${titleId}-scope`}
                        checked={scope === 'changed'}
                        onChange={() => setScope('changed')}
                      />
                      Every {chosenTarget?.include === 'all' ? '' : 'published '}post changed since
                      its last export
                    </label>
                  </fieldset>
                </div>
                <PlanView
                  plan={plan}
                  planning={planning}
                  onCancelPlan={() => void cancelPlan()}
                  titleOf={titleOf}
                  overwrite={overwrite}
                  onOverwrite={toggleOverwrite}
                  acceptWarnings={acceptWarnings}
                  onAcceptWarnings={(on) => setAcceptWarnings(on)}
                  onRetry={() => void makePlan()}
                />
                {plan?.state === 'ready' && exportBlockedBy(plan.value, overwrite) === null && (
                  <fieldset className="export-options">
                    <legend>Git</legend>
                    <label>
                      <input
                        type="checkbox"
                        checked={commit || push}
                        disabled={push}
                        onChange={(event) => setCommit(event.target.checked)}
                      />
                      Commit the exported files (only those)
                    </label>
                    {(commit || push) && (
                      <p className="export-message">
                        Commit message:{' '}
                        <span className="export-message-text">“{plan.value.message}”</span>
                      </p>
                    )}
                    <label>
                      <input
                        type="checkbox"
                        checked={push}
                        onChange={(event) => setPush(event.target.checked)}
                      />
                      Push the commit to the branch’s upstream
                    </label>
                  </fieldset>
                )}
              </>
            )}
            <div className="dialog-actions">
              {plan?.state === 'ready' && (
                <p className="export-quiet export-why" id={`${titleId}-why`}>
                  {exportBlockedBy(plan.value, overwrite) ?? ''}
                </p>
              )}
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={
                  plan?.state !== 'ready' || exportBlockedBy(plan.value, overwrite) !== null
                }
                aria-describedby={plan?.state === 'ready' ? `${titleId}-why` : undefined}
                onClick={() => void run()}
              >
                {push ? 'Export and push' : commit ? 'Export and commit' : 'Export'}
              </button>
            </div>
          </>
        )}

        {stage.kind === 'running' && (
          <div className="export-running">
            <p>
              {stage.cancelling
                ? stage.progress?.phase === 'planning'
                  ? 'Cancelling before the next post…'
                  : 'Cancelling before the next file…'
                : stage.progress === null
                  ? 'Starting…'
                  : stage.progress.phase === 'planning'
                    ? `Planning again before writing: ${percentOf(stage.progress)}%`
                    : stage.progress.done >= stage.progress.total
                      ? `All ${plural(stage.progress.total, 'file')} prepared; putting them in place${commit || push ? ' and committing' : ''}…`
                      : `${stage.progress.done} of ${plural(stage.progress.total, 'file')} prepared`}
            </p>
            <progress
              aria-label="Export progress"
              max={stage.progress?.total ?? undefined}
              value={stage.progress?.done ?? undefined}
            />
            <p className="export-current" aria-live="polite">
              {stage.progress?.current ?? ''}
            </p>
            <div className="dialog-actions">
              <button
                type="button"
                className="button"
                disabled={stage.cancelling}
                onClick={() => void cancel()}
              >
                Cancel
              </button>
            </div>
          </div>
        )}

        {stage.kind === 'failed' && (
          <>
            <div className="notice notice-error" role="alert">
              <p>The export failed: {stage.message}</p>
            </div>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setStage({ kind: 'plan' });
                  void makePlan();
                }}
              >
                Back to the plan
              </button>
            </div>
          </>
        )}

        {stage.kind === 'done' && (
          <SummaryView summary={stage.summary} titleOf={titleOf} onClose={onClose} />
        )}
      </dialog>
      {/* Beside, not inside: React would pass the inner dialog's close and cancel events up to this one. */}
      {managing !== null && (
        <ExportTargetsDialog
          api={api}
          startWithNew={managing === 'new'}
          onClose={() => {
            setManaging(null);
            void loadTargets().then(() => makePlan());
          }}
        />
      )}
    </>
  );
}

/** A plan being made: how far it is (null before its first report), and whether it is being cancelled. */
interface PlanningState {
  readonly progress: ExportProgress | null;
  readonly cancelling: boolean;
}

const notPlanning: PlanningState = { progress: null, cancelling: false };

/** Whole percent of a progress report (0 when there is nothing to do yet). */
function percentOf(progress: ExportProgress): number {
  return progress.total === 0 ? 0 : Math.floor((progress.done / progress.total) * 100);
}

/** How many of a plan's files are listed before "Show all". */
const rowLimit = 200;

/** Props of {@link PlanView}. */
interface PlanViewProps {
  readonly plan: Load<ExportPlan> | null;
  /** How far the plan being made is (while `plan` is loading). */
  readonly planning: PlanningState;
  /** Stops the plan being made. */
  readonly onCancelPlan: () => void;
  readonly titleOf: (path: string) => string;
  readonly overwrite: ReadonlySet<string>;
  readonly onOverwrite: (repoPath: string, on: boolean) => void;
  readonly acceptWarnings: boolean;
  readonly onAcceptWarnings: (on: boolean) => void;
  readonly onRetry: () => void;
}

/** The plan: blockers, the files as a table, posts held back, and warnings to accept. */
function PlanView({
  plan,
  planning,
  onCancelPlan,
  titleOf,
  overwrite,
  onOverwrite,
  acceptWarnings,
  onAcceptWarnings,
  onRetry,
}: PlanViewProps) {
  const captionId = useId();
  const [showAll, setShowAll] = useState(false);
  // Sorted once per plan, not on every tick.
  const files = useMemo(
    () => (plan?.state === 'ready' ? orderFiles(plan.value.files) : []),
    [plan],
  );
  if (plan === null)
    return <p className="export-quiet">Pick what to export to see what would be written.</p>;
  if (plan.state === 'loading') {
    const { progress, cancelling } = planning;
    return (
      <div className="export-planning">
        <p className="export-quiet" role="status">
          {cancelling
            ? 'Cancelling the plan…'
            : progress === null
              ? 'Working out what would change…'
              : `Working out what would change: ${percentOf(progress)}%`}
        </p>
        <progress
          aria-label="Planning progress"
          max={progress?.total ?? undefined}
          value={progress?.done ?? undefined}
        />
        <p className="export-current">{progress?.current ?? ''}</p>
        <button
          type="button"
          className="button button-small"
          disabled={cancelling}
          onClick={onCancelPlan}
        >
          Cancel
        </button>
      </div>
    );
  }
  if (plan.state === 'ready' && plan.value.cancelled)
    return (
      <div className="notice notice-warning" role="status">
        <p>The plan was cancelled: nothing was written.</p>
        <button type="button" className="button button-small" onClick={onRetry}>
          Make the plan again
        </button>
      </div>
    );
  if (plan.state === 'failed')
    return (
      <div className="notice notice-error" role="alert">
        <p>The plan could not be made: {plan.message}</p>
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  const value = plan.value;
  // A long plan shows its first rows (every file needing a decision among them) until asked.
  const shownFiles = showAll
    ? files
    : files.filter((file, index) => index < rowLimit || file.action === 'changedByHand');
  return (
    <section className="export-plan" aria-label="Plan">
      {value.blockers.length > 0 && (
        <div className="notice notice-error export-blockers" role="alert">
          <p>
            <strong>Export cannot start</strong>
          </p>
          <ul>
            {value.blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="export-sentence">{planSentence(value)}</p>
      {files.length > 0 && (
        <div className="export-files-scroll">
          <table className="export-files" aria-labelledby={captionId}>
            <caption id={captionId} className="visually-hidden">
              Files in {value.repo}
            </caption>
            <thead>
              <tr>
                <th scope="col">File in the repository</th>
                <th scope="col">From</th>
                <th scope="col">What happens</th>
              </tr>
            </thead>
            <tbody>
              {shownFiles.map((file) => (
                <FileRow
                  key={file.repoPath}
                  file={file}
                  postTitle={titleOf(file.post)}
                  overwrite={overwrite.has(file.repoPath)}
                  onOverwrite={onOverwrite}
                />
              ))}
            </tbody>
          </table>
          {shownFiles.length < files.length && (
            <div className="export-more">
              <button
                type="button"
                className="button button-small"
                onClick={() => setShowAll(true)}
              >
                Show all {files.length} files
              </button>
            </div>
          )}
        </div>
      )}
      {value.held.length > 0 && (
        <HeldList
          heading={`Held back (${value.held.length})`}
          posts={value.held}
          titleOf={titleOf}
          tone="error"
        />
      )}
      {(value.warnings.length > 0 || acceptWarnings) && (
        <div className="export-warnings">
          {value.warnings.length > 0 && (
            <HeldList
              heading={`With warnings (${value.warnings.length})`}
              posts={value.warnings}
              titleOf={titleOf}
              tone="warning"
            />
          )}
          <label className="export-accept">
            <input
              type="checkbox"
              checked={acceptWarnings}
              onChange={(event) => onAcceptWarnings(event.target.checked)}
            />
            Export posts with warnings too
          </label>
        </div>
      )}
    </section>
  );
}

/** One file of the plan: where it goes, what it comes from, what happens, and its diff or overwrite tick. */
const FileRow = memo(function FileRow({
  file,
  postTitle,
  overwrite,
  onOverwrite,
}: {
  readonly file: ExportFile;
  readonly postTitle: string;
  readonly overwrite: boolean;
  readonly onOverwrite: (repoPath: string, on: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const diffId = useId();
  const stat = file.diff === null ? null : diffStat(file.diff);
  return (
    <>
      <tr className={`export-file export-file-${file.action}`}>
        <td className="export-path">{file.repoPath}</td>
        <td className="export-from">
          {file.kind === 'image' ? `image of ${postTitle}` : postTitle}
        </td>
        <td className="export-action">
          <div className="export-action-inner">
            <span className={`export-badge export-badge-${file.action}`}>
              {actionLabel(file.action)}
            </span>
            {file.action === 'changedByHand' && (
              <label className="export-overwrite">
                <input
                  type="checkbox"
                  checked={overwrite}
                  aria-label={`Overwrite ${file.repoPath}`}
                  onChange={(event) => onOverwrite(file.repoPath, event.target.checked)}
                />
                Overwrite
              </label>
            )}
            {file.diff !== null && stat !== null && (
              <button
                type="button"
                className="button button-small export-diff-toggle"
                aria-expanded={open}
                aria-controls={diffId}
                aria-label={`${open ? 'Hide' : 'Show'} changes to ${file.repoPath}`}
                onClick={() => setOpen(!open)}
              >
                <span className="export-stat-added">+{stat.added}</span>{' '}
                <span className="export-stat-removed">−{stat.removed}</span>{' '}
                {open ? 'Hide' : 'Changes'}
              </button>
            )}
          </div>
        </td>
      </tr>
      {file.diff !== null && open && (
        <tr className="export-diff-row">
          <td colSpan={3}>
            <p className="export-diff-legend">
              <span className="export-diff-removed">− in the repository now</span>{' '}
              <span className="export-diff-added">+ what the export writes</span>
            </p>
            <pre id={diffId} className="export-diff" aria-label={`Changes to ${file.repoPath}`}>
              {diffLines(file.diff).map((line, index) => (
                <span key={index} className={`export-diff-${line.kind}`}>
                  {line.text}
                  {'\n'}
                </span>
              ))}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
});

/** Posts held back or waiting on warnings, each with its reason and the checks' findings. */
function HeldList({
  heading,
  posts,
  titleOf,
  tone,
}: {
  readonly heading: string;
  readonly posts: readonly HeldPost[];
  readonly titleOf: (path: string) => string;
  readonly tone: 'error' | 'warning';
}) {
  const headingId = useId();
  return (
    <div className={`export-held export-held-${tone}`}>
      <h3 id={headingId}>{heading}</h3>
      <ul aria-labelledby={headingId}>
        {posts.map((held) => (
          <li key={held.post}>
            <strong>{titleOf(held.post)}</strong>
            {/* The checks' findings say it better than a reason that repeats them. */}
            {held.problems.length === 0 ? `: ${held.reason}` : ':'}
            {held.problems.length > 0 && (
              <ul>
                {held.problems.map((problem, index) => (
                  <li key={index}>
                    {problem.message} <span className="export-quiet">(line {problem.line})</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What an export did: files written and left, posts held back, the commit and the push. */
function SummaryView({
  summary,
  titleOf,
  onClose,
}: {
  readonly summary: ExportSummary;
  readonly titleOf: (path: string) => string;
  readonly onClose: () => void;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const writtenId = useId();

  async function copy(id: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(id);
      setCopied('Copied');
    } catch {
      setCopied('Could not copy: select the id and copy it yourself');
    }
  }

  return (
    <div className="export-summary">
      <p
        className={`notice ${summary.cancelled ? 'notice-warning' : 'notice-success'}`}
        role="status"
      >
        {summaryHeadline(summary)}
      </p>
      {summary.commit !== null && (
        <div className="export-commit">
          <span>Commit</span>
          <code title={summary.commit}>{shortCommit(summary.commit)}</code>
          <button
            type="button"
            className="button button-small"
            onClick={() => void copy(summary.commit ?? '')}
          >
            Copy commit id
          </button>
          <span className="export-quiet" role="status">
            {copied ?? ''}
          </span>
        </div>
      )}
      {summary.pushed && <p className="export-pushed">Pushed to the remote.</p>}
      {summary.pushError !== null && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>The push failed.</strong> Nothing is lost: the commit stays in your local
            repository; push it yourself once this is sorted out.
          </p>
          <pre className="export-push-error">{summary.pushError}</pre>
        </div>
      )}
      {!summary.cancelled && (
        <dl className="export-counts">
          <dt>Written</dt>
          <dd>{plural(summary.written.length, 'file')}</dd>
          <dt>Unchanged</dt>
          <dd>{plural(summary.unchanged, 'file')}</dd>
          <dt>Held back</dt>
          <dd>{plural(summary.held.length, 'post')}</dd>
        </dl>
      )}
      {summary.written.length > 0 && (
        <>
          <h3 id={writtenId}>Files written</h3>
          <ul className="export-written" aria-labelledby={writtenId}>
            {summary.written.map((path) => (
              <li key={path}>
                <code>{path}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.held.length > 0 && (
        <HeldList heading="Held back" posts={summary.held} titleOf={titleOf} tone="error" />
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
