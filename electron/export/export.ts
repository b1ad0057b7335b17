import { isRequestId, requestIdRule } from '../../shared/export';
import type {
  ExportPlan,
  ExportRequest,
  ExportRun,
  ExportSummary,
  ExportTarget,
} from '../../shared/export';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { Schema } from '../../shared/schema';
import { prepareExport } from './plan';
import type { ExportContext } from './plan';
import { runExport } from './run';
import type { RunControl } from './run';
import { loadExportTargets } from './targets';

export { prepareExport } from './plan';
export type { ExportContext } from './plan';
export { runExport } from './run';
export { loadExportTargets, repoFolder, saveExportTargets } from './targets';

/** Checks an export request that came from outside the process; the message says what is wrong. */
export function checkRequest(value: unknown): Result<ExportRun> {
  if (value === null || typeof value !== 'object')
    return fail('invalidArgument', 'The export request is not an object');
  const request = value as Record<string, unknown>;
  if (typeof request.target !== 'string')
    return fail('invalidArgument', 'The export request needs a target name');
  const scope = request.scope as Record<string, unknown> | null | undefined;
  let checkedScope: ExportRequest['scope'];
  if (scope?.kind === 'changed') checkedScope = { kind: 'changed' };
  else if (
    scope?.kind === 'posts' &&
    Array.isArray(scope.paths) &&
    scope.paths.every((path) => typeof path === 'string')
  ) {
    checkedScope = { kind: 'posts', paths: [...(scope.paths as string[])] };
  } else
    return fail(
      'invalidArgument',
      'The export scope is { kind: "changed" } or { kind: "posts", paths: [...] }',
    );
  const overwrite = request.overwrite ?? [];
  if (!Array.isArray(overwrite) || !overwrite.every((path) => typeof path === 'string')) {
    return fail('invalidArgument', 'overwrite should be a list of repository paths');
  }
  for (const key of ['acceptWarnings', 'commit', 'push'] as const) {
    if (request[key] !== undefined && typeof request[key] !== 'boolean') {
      return fail('invalidArgument', `${key} should be true or false`);
    }
  }
  return ok({
    target: request.target,
    scope: checkedScope,
    acceptWarnings: request.acceptWarnings === true,
    overwrite: [...(overwrite as string[])],
    commit: request.commit === true,
    push: request.push === true,
  });
}

/** What the exporter needs of the open folder, read fresh for each plan or run. */
export interface ExportSource {
  root(): string;
  schema(): Promise<Result<Schema>>;
  postPaths(): Promise<Result<readonly string[]>>;
}

/** Checks a request id that came from outside the process; the message says what one should be. */
export function checkRequestId(value: unknown): Result<string> {
  if (isRequestId(value)) return ok(value);
  const given =
    typeof value === 'string'
      ? value.length > 80
        ? `a string of ${value.length} characters`
        : JSON.stringify(value)
      : value === null
        ? 'null'
        : typeof value;
  return fail('invalidArgument', `An export request id is ${requestIdRule}; got ${given}.`);
}

/** The export commands of the service, over one open folder; one run at a time. */
export interface Exporter {
  /**
   * A plan, named by the caller's request `id`; `progress` hears how far it is. `cancelExport(id)`
   * while planning gives a plan with `cancelled` set.
   */
  planExport(
    id: unknown,
    request: unknown,
    progress?: RunControl['progress'],
  ): Promise<Result<ExportPlan>>;
  /** Carries an export out, named by the caller's request `id`; one at a time. */
  runExport(
    id: unknown,
    run: unknown,
    progress?: RunControl['progress'],
  ): Promise<Result<ExportSummary>>;
  /**
   * Stops the plan or export with this id (before its next post or file) and nothing else. An id
   * with nothing under way is remembered for a while, so a request that arrives after its own
   * cancel stops at once.
   */
  cancelExport(id: unknown): Result<null>;
}

/** How many cancels of ids with nothing under way are remembered (the oldest are forgotten first). */
export const earlyCancelLimit = 256;

async function contextFor(source: ExportSource, name: string): Promise<Result<ExportContext>> {
  const root = source.root();
  const targets = await loadExportTargets(root);
  if (!targets.ok) return targets;
  const target: ExportTarget | undefined = targets.value.targets.find((each) => each.name === name);
  if (target === undefined) {
    const broken = targets.value.problems.some((problem) => problem.message.includes(`"${name}"`));
    return fail(
      'notFound',
      broken
        ? `The export target "${name}" has errors in the config; fix them first.`
        : `There is no export target named "${name}" in the config.`,
    );
  }
  const schema = await source.schema();
  if (!schema.ok) return schema;
  const posts = await source.postPaths();
  if (!posts.ok) return posts;
  return ok({ root, schema: schema.value, posts: posts.value, target });
}

/** Creates the exporter the service uses. */
export function createExporter(source: ExportSource): Exporter {
  // Plans and the export under way, by the id their caller gave: a cancel stops only its own.
  // (Browser-mode tabs and windows share this service; a dialog asks again when its choices change.)
  const underway = new Map<string, AbortController>();
  // The id of the export running, if one is (exports into a repository go one at a time).
  let running: string | null = null;
  // Ids cancelled while nothing of theirs was under way, oldest first. In browser mode each
  // command is its own HTTP request, so a cancel can overtake the plan it is meant for.
  const cancelledEarly = new Set<string>();

  const begin = (id: string): Result<AbortController> => {
    if (underway.has(id))
      return fail(
        'conflict',
        `A plan or export with the request id "${id}" is already under way; give each request its own id.`,
      );
    const controller = new AbortController();
    if (cancelledEarly.delete(id)) controller.abort();
    underway.set(id, controller);
    return ok(controller);
  };

  return {
    async planExport(id, value, progress) {
      const checkedId = checkRequestId(id);
      if (!checkedId.ok) return checkedId;
      const request = checkRequest(value);
      if (!request.ok) return request;
      const controller = begin(checkedId.value);
      if (!controller.ok) return controller;
      try {
        const context = await contextFor(source, request.value.target);
        if (!context.ok) return context;
        const prepared = await prepareExport(context.value, request.value, {
          signal: controller.value.signal,
          ...(progress === undefined ? {} : { progress }),
        });
        return ok(prepared.plan);
      } finally {
        underway.delete(checkedId.value);
      }
    },
    async runExport(id, value, progress) {
      const checkedId = checkRequestId(id);
      if (!checkedId.ok) return checkedId;
      const run = checkRequest(value);
      if (!run.ok) return run;
      if (running !== null)
        return fail('conflict', 'An export is already running; wait for it or cancel it.');
      const controller = begin(checkedId.value);
      if (!controller.ok) return controller;
      running = checkedId.value;
      try {
        const context = await contextFor(source, run.value.target);
        if (!context.ok) return context;
        return await runExport(context.value, run.value, {
          signal: controller.value.signal,
          ...(progress === undefined ? {} : { progress }),
        });
      } finally {
        underway.delete(checkedId.value);
        running = null;
      }
    },
    cancelExport(id) {
      const checkedId = checkRequestId(id);
      if (!checkedId.ok) return checkedId;
      const controller = underway.get(checkedId.value);
      if (controller !== undefined) {
        controller.abort();
        return ok(null);
      }
      cancelledEarly.add(checkedId.value);
      if (cancelledEarly.size > earlyCancelLimit) {
        const oldest = cancelledEarly.values().next();
        if (oldest.done !== true) cancelledEarly.delete(oldest.value);
      }
      return ok(null);
    },
  };
}
