import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportProgress, ExportRun, ExportSummary, HeldPost } from '../../shared/export';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { commitPaths, GitFailed, pushUpstream } from './git';
import { mapLimit } from './limit';
import { commitMessage, hashOf, parallel, prepareExport } from './plan';
import type { ExportContext, PlannedFile } from './plan';
import { saveRecord } from './record';
import type { ExportRecord, RecordedFile } from './record';
import { laps } from './timing';
import type { PhaseTimer } from './timing';

/** How a running export is told to stop, and reports its progress. */
export interface RunControl {
  /** Aborted when the user cancels: checked between posts while planning and before each file is prepared. */
  readonly signal?: AbortSignal;
  /** Told how far the export is: planning (now and then), then each file. */
  readonly progress?: (progress: ExportProgress) => void;
  /** Adds each phase's time (see `PhaseTimer`), for the bench. */
  readonly timer?: PhaseTimer;
}

interface Placed {
  readonly file: PlannedFile;
  readonly full: string;
  /** Where the file it replaced waits until the export is done; null for a new file. */
  readonly backup: string | null;
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}

function sideName(full: string, what: string): string {
  return join(
    dirname(full),
    `.${basename(full)}.postwright-${what}-${randomBytes(4).toString('hex')}`,
  );
}

/** Folders created for new files, deepest first, so a rollback can remove the empty ones. */
async function makeFolders(folder: string, created: string[]): Promise<void> {
  const first = await mkdir(folder, { recursive: true });
  if (first === undefined) return;
  for (let each = folder; each.length >= first.length; each = dirname(each)) {
    created.push(each);
    if (each === first) break;
  }
}

async function cleanUp(temps: Iterable<string>, folders: readonly string[]): Promise<void> {
  await Promise.all([...temps].map((temp) => rm(temp, { force: true })));
  // Deepest first: a folder is empty once the ones in it are gone.
  const deepestFirst = [...new Set(folders)].sort((a, b) => b.length - a.length);
  for (const folder of deepestFirst) await rmdir(folder).catch(() => undefined);
}

async function rollBack(placed: readonly Placed[]): Promise<void> {
  for (const each of [...placed].reverse()) {
    if (each.backup === null) await rm(each.full, { force: true }).catch(() => undefined);
    else await rename(each.backup, each.full).catch(() => undefined);
  }
}

/**
 * Carries an export out: plans again, then prepares every file under a temporary name beside its
 * destination (checking for cancel before each), then renames them all into place; a failure
 * anywhere (a write, a file changed since the plan, the commit) puts back every file already
 * replaced and removes the rest, so the repository is never left half-exported. Commits only the
 * written files when asked, and pushes when asked (a failed push keeps the commit and says why).
 * Fails with the blockers when the repository cannot take the export.
 */
export async function runExport(
  context: ExportContext,
  run: ExportRun,
  control: RunControl,
): Promise<Result<ExportSummary>> {
  const { timer, signal } = control;
  const prepared = await prepareExport(context, run, {
    ...(signal === undefined ? {} : { signal }),
    ...(control.progress === undefined ? {} : { progress: control.progress }),
    ...(timer === undefined ? {} : { timer }),
  });
  const lap = laps(timer);
  const { plan, repo, gitDir } = prepared;
  if (plan.cancelled) {
    return ok({
      target: plan.target,
      written: [],
      unchanged: 0,
      held: [],
      commit: null,
      pushed: false,
      pushError: null,
      cancelled: true,
    });
  }
  if (plan.blockers.length > 0 || gitDir === null) {
    return fail('unsupported', `Cannot export to ${repo}: ${plan.blockers.join(' ')}`);
  }
  const overwrite = new Set(run.overwrite);
  // Posts with warnings the user did not accept are held back too.
  const held: HeldPost[] = [...plan.held, ...(run.acceptWarnings ? [] : plan.warnings)];
  const heldPosts = new Set<string>();
  for (const file of prepared.files) {
    if (file.action === 'changedByHand' && !overwrite.has(file.repoPath)) {
      for (const post of file.posts) {
        if (heldPosts.has(post)) continue;
        heldPosts.add(post);
        held.push({
          post,
          reason: `${file.repoPath} was changed in the repository since Postwright last wrote it; it is overwritten only when you say so.`,
          problems: [],
        });
      }
    }
  }
  const exported = plan.posts.filter((post) => !heldPosts.has(post));
  const wanted = prepared.files.filter((file) => file.posts.some((post) => !heldPosts.has(post)));
  const toWrite = wanted.filter((file) => file.action !== 'unchanged');
  const unchanged = wanted.length - toWrite.length;
  const summaryOf = (fields: Partial<ExportSummary>): ExportSummary => ({
    target: plan.target,
    written: [],
    unchanged,
    held,
    commit: null,
    pushed: false,
    pushError: null,
    cancelled: false,
    ...fields,
  });

  const temps = new Set<string>();
  const folders: string[] = [];
  const madeFolders = new Map<string, Promise<void>>();
  const makeFolder = (folder: string): Promise<void> => {
    let made = madeFolders.get(folder);
    if (made === undefined) {
      made = makeFolders(folder, folders);
      madeFolders.set(folder, made);
    }
    return made;
  };
  let done = 0;
  let cancelled = false;
  let failure: string | null = null;
  const ready = await mapLimit(toWrite, parallel, async (file) => {
    if (cancelled || failure !== null) return null;
    if (signal?.aborted === true) {
      cancelled = true;
      return null;
    }
    control.progress?.({ phase: 'writing', done, total: toWrite.length, current: file.repoPath });
    const full = join(repo, ...file.repoPath.split('/'));
    const temp = sideName(full, 'new');
    try {
      await makeFolder(dirname(full));
      await writeFile(temp, file.bytes, { flag: 'wx' });
      temps.add(temp);
    } catch (error) {
      failure ??= `${file.repoPath} could not be written: ${messageOf(error)}.`;
      return null;
    }
    done++;
    return { file, full, temp };
  });
  if (failure !== null) {
    await cleanUp(temps, folders);
    return fail('writeFailed', `${failure} Nothing was changed.`);
  }
  if (cancelled || signal?.aborted === true) {
    await cleanUp(temps, folders);
    return ok(summaryOf({ cancelled: true }));
  }
  control.progress?.({
    phase: 'writing',
    done: toWrite.length,
    total: toWrite.length,
    current: '',
  });
  lap('write: temporary files');

  // Into place. Each destination must still be what the plan saw.
  const placed: Placed[] = [];
  const undo = async (message: string): Promise<Result<ExportSummary>> => {
    await rollBack(placed);
    await cleanUp(temps, folders);
    await Promise.all(
      placed.map((each) => (each.backup === null ? undefined : rm(each.backup, { force: true }))),
    );
    return fail('writeFailed', `${message} Nothing was changed.`);
  };
  const placing = ready.filter((each) => each !== null);
  const changedMeanwhile = await mapLimit(placing, parallel, async ({ file, full }) => {
    if (file.currentHash === null) {
      const there = await lstat(full).then(
        () => true,
        () => false,
      );
      return there ? `${file.repoPath} appeared in the repository while exporting.` : null;
    }
    const now = await readFile(full).catch(() => null);
    return now === null || hashOf(now) !== file.currentHash
      ? `${file.repoPath} changed in the repository while exporting.`
      : null;
  });
  const changed = changedMeanwhile.find((each) => each !== null);
  if (changed !== undefined) return undo(changed);
  lap('write: destinations unchanged since the plan');
  let placeFailure: string | null = null;
  await mapLimit(placing, parallel, async ({ file, full, temp }) => {
    if (placeFailure !== null) return;
    let backup: string | null = null;
    try {
      if (file.currentHash !== null) {
        backup = sideName(full, 'old');
        await rename(full, backup);
      }
      await rename(temp, full);
      temps.delete(temp);
      placed.push({ file, full, backup });
    } catch (error) {
      if (backup !== null) await rename(backup, full).catch(() => undefined);
      placeFailure ??= `${file.repoPath} could not be put in place: ${messageOf(error)}.`;
    }
  });
  if (placeFailure !== null) return undo(placeFailure);
  lap('write: rename into place');

  const record: Record<string, RecordedFile> = { ...prepared.record };
  for (const file of wanted) {
    record[file.repoPath] =
      file.source === undefined
        ? { hash: file.newHash }
        : { hash: file.newHash, source: file.source };
  }
  let commit: string | null = null;
  const written = toWrite.map((file) => file.repoPath);
  try {
    if (written.length > 0 || unchanged > 0) await saveRecord(gitDir, record as ExportRecord);
    lap('record');
    if ((run.commit || run.push) && written.length > 0) {
      const titles = exported
        .filter((post) => toWrite.some((file) => file.posts.includes(post)))
        .map((post) => prepared.titles.get(post) ?? post);
      commit = await commitPaths(
        repo,
        gitDir,
        written,
        commitMessage(context.target.message, titles),
        timer,
      );
    }
  } catch (error) {
    await saveRecord(gitDir, prepared.record).catch(() => undefined);
    const why = error instanceof GitFailed ? error.message : messageOf(error);
    return undo(`The commit failed (${why}); the files were put back.`);
  }
  lap('git: commit');
  await Promise.all(
    placed.map((each) => (each.backup === null ? undefined : rm(each.backup, { force: true }))),
  );
  lap('write: remove replaced files');

  let pushed = false;
  let pushError: string | null = null;
  if (run.push && commit !== null) {
    pushError = await pushUpstream(repo);
    pushed = pushError === null;
  }
  return ok(summaryOf({ written, commit, pushed, pushError }));
}
