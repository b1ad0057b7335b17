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

/** The export commands of the service, over one open folder; one run at a time. */
export interface Exporter {
  /** A plan; `progress` hears how far it is. A cancel while planning gives a plan with `cancelled` set. */
  planExport(request: unknown, progress?: RunControl['progress']): Promise<Result<ExportPlan>>;
  runExport(run: unknown, progress?: RunControl['progress']): Promise<Result<ExportSummary>>;
  /** Stops every plan under way and the running export (before its next post or file). */
  cancelExport(): Result<null>;
}

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
  let running: AbortController | null = null;
  // Plans under way (a dialog asks again when its choices change; each can be cancelled).
  const planning = new Set<AbortController>();
  return {
    async planExport(value, progress) {
      const request = checkRequest(value);
      if (!request.ok) return request;
      const controller = new AbortController();
      planning.add(controller);
      try {
        const context = await contextFor(source, request.value.target);
        if (!context.ok) return context;
        const prepared = await prepareExport(context.value, request.value, {
          signal: controller.signal,
          ...(progress === undefined ? {} : { progress }),
        });
        return ok(prepared.plan);
      } finally {
        planning.delete(controller);
      }
    },
    async runExport(value, progress) {
      const run = checkRequest(value);
      if (!run.ok) return run;
      if (running !== null)
        return fail('conflict', 'An export is already running; wait for it or cancel it.');
      const controller = new AbortController();
      running = controller;
      try {
        const context = await contextFor(source, run.value.target);
        if (!context.ok) return context;
        return await runExport(context.value, run.value, {
          signal: controller.signal,
          ...(progress === undefined ? {} : { progress }),
        });
      } finally {
        running = null;
      }
    },
    cancelExport() {
      running?.abort();
      for (const controller of planning) controller.abort();
      return ok(null);
    },
  };
}
