import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { issueAt, keyOf } from './config';
import type { ConfigIssue } from './config';
import type { ExportTarget } from './export';
import { fail, ok } from './result';
import type { Result } from './result';

/** The placeholders a content path template may use. */
export const contentPlaceholders = [
  'slug',
  'date',
  'year',
  'month',
  'day',
  'name',
  'category',
] as const;

/** A content path placeholder's name. */
export type ContentPlaceholder = (typeof contentPlaceholders)[number];

/** The placeholders a commit message template may use. */
export const messagePlaceholders = ['title', 'count'] as const;

/** The commit message when a target names none: the title for one post, "N posts" for several. */
export const defaultExportMessage = 'Publish: {title}';

/** The settings a target takes, in the order they are written back. */
export const targetSettingKeys = [
  'name',
  'repo',
  'content',
  'images',
  'imageUrl',
  'include',
  'drop',
  'rename',
  'message',
] as const;

/** The export targets a config's `export:` section names, and what is wrong with them. */
export interface ExportTargetsRead {
  /** The targets that can be used; a broken target is left out. */
  readonly targets: readonly ExportTarget[];
  /** Errors (a target left out) and warnings (a setting ignored), at lines of the config file. */
  readonly issues: readonly ConfigIssue[];
}

/** The placeholder names in a template, or why its braces do not read. */
export function placeholdersOf(template: string): Result<string[]> {
  const names: string[] = [];
  const pattern = /\{([^{}]*)\}|[{}]/g;
  for (let match = pattern.exec(template); match !== null; match = pattern.exec(template)) {
    if (match[1] === undefined) return fail('invalidArgument', `has an unmatched "${match[0]}"`);
    names.push(match[1]);
  }
  return ok(names);
}

/**
 * Why a path inside the repository (a content template, the image folder) is unusable, or null:
 * it must be relative, `/`-separated, without `..` or empty segments, and stay out of `.git`.
 */
export function repoPathProblem(path: string): string | null {
  if (path.trim() === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'uses "\\"; separate folders with "/"';
  if (path.startsWith('/') || path.startsWith('~') || /^[a-zA-Z]:/.test(path)) {
    return 'is absolute; it must be a path inside the repository, like content/posts/{slug}.md';
  }
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..')) return 'leaves the repository with ".."';
  if (segments.some((segment) => segment === '' || segment === '.')) {
    return 'has an empty or "." folder name';
  }
  if (segments[0]?.toLowerCase() === '.git') return "points into the repository's .git folder";
  return null;
}

class Issues {
  readonly list: ConfigIssue[] = [];
  constructor(private readonly lines: LineCounter) {}

  add(severity: ConfigIssue['severity'], node: unknown, message: string): void {
    this.list.push(issueAt(this.lines, severity, node, message));
  }
}

function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Reads one entry of `export.targets`; null (with errors reported) when it cannot be used. */
function readTarget(issues: Issues, node: unknown, index: number): ExportTarget | null {
  const where = `\`export.targets\` entry ${index + 1}`;
  if (!isMap(node)) {
    issues.add('error', node, `${where} should be a map with name, repo and content.`);
    return null;
  }
  const errorsBefore = issues.list.filter((issue) => issue.severity === 'error').length;
  const nodes = new Map<string, unknown>();
  for (const pair of node.items) {
    const key = keyOf(pair);
    if ((targetSettingKeys as readonly string[]).includes(key)) nodes.set(key, pair.value);
    else {
      issues.add(
        'warning',
        pair.key,
        `\`${key}\` is not an export target setting (${targetSettingKeys.join(', ')}); it is ignored.`,
      );
    }
  }
  const nameNode = nodes.get('name');
  const name = stringValue(nameNode)?.trim();
  const label = name === undefined || name === '' ? where : `Target "${name}"`;
  const text = (key: string, required: boolean): string | null => {
    const value = nodes.get(key);
    if (value === undefined || (isScalar(value) && value.value === null)) {
      if (required) issues.add('error', node, `${label} needs \`${key}\`.`);
      return null;
    }
    const found = stringValue(value);
    if (found === undefined || found.trim() === '') {
      issues.add('error', value, `${label}: \`${key}\` should be text.`);
      return null;
    }
    return found;
  };
  if (name === undefined || name === '') {
    issues.add('error', nameNode ?? node, `${where} needs a \`name\` (text, like site).`);
  }
  const repo = text('repo', true);
  const content = text('content', true);
  if (content !== null) {
    const problem = repoPathProblem(content);
    const names = placeholdersOf(content);
    if (problem !== null)
      issues.add('error', nodes.get('content'), `${label}: \`content\` ${problem}.`);
    else if (!names.ok) {
      issues.add('error', nodes.get('content'), `${label}: \`content\` ${names.error.message}.`);
    } else {
      const unknown = names.value.filter(
        (each) => !(contentPlaceholders as readonly string[]).includes(each),
      );
      if (unknown.length > 0) {
        issues.add(
          'error',
          nodes.get('content'),
          `${label}: \`content\` uses {${unknown.join('}, {')}}; the placeholders are {${contentPlaceholders.join('}, {')}}.`,
        );
      }
      if (!(content.split('/').pop() ?? '').includes('.')) {
        issues.add(
          'warning',
          nodes.get('content'),
          `${label}: \`content\` has no file extension; posts will be written without one.`,
        );
      }
    }
  }
  const images = text('images', false);
  const imageUrl = text('imageUrl', false);
  if (images !== null) {
    const problem = repoPathProblem(images);
    if (problem !== null)
      issues.add('error', nodes.get('images'), `${label}: \`images\` ${problem}.`);
    else if (/[{}]/.test(images)) {
      issues.add(
        'error',
        nodes.get('images'),
        `${label}: \`images\` is a folder and takes no placeholders.`,
      );
    }
    if (imageUrl === null && nodes.get('imageUrl') === undefined) {
      issues.add(
        'error',
        nodes.get('images'),
        `${label}: \`images\` needs \`imageUrl\`, the address that folder is served under (like /images/blog).`,
      );
    }
  }
  if (imageUrl !== null) {
    if (!imageUrl.startsWith('/') && !/^https?:\/\/[^\s/]+/i.test(imageUrl)) {
      issues.add(
        'error',
        nodes.get('imageUrl'),
        `${label}: \`imageUrl\` should start with / (like /images/blog) or be a full https:// address.`,
      );
    } else if (/\s/.test(imageUrl)) {
      issues.add('error', nodes.get('imageUrl'), `${label}: \`imageUrl\` contains a space.`);
    }
    if (images === null && nodes.get('images') === undefined) {
      issues.add(
        'warning',
        nodes.get('imageUrl'),
        `${label}: \`imageUrl\` is ignored without \`images\`, the repository folder images are copied to.`,
      );
    }
  }
  let include: ExportTarget['include'] = 'published';
  const includeNode = nodes.get('include');
  if (includeNode !== undefined) {
    const value = stringValue(includeNode);
    if (value === 'published' || value === 'all') include = value;
    else issues.add('error', includeNode, `${label}: \`include\` is "published" or "all".`);
  }
  const drop: string[] = [];
  const dropNode = nodes.get('drop');
  if (dropNode !== undefined && !(isScalar(dropNode) && dropNode.value === null)) {
    if (!isSeq(dropNode) || dropNode.items.some((item) => stringValue(item) === undefined)) {
      issues.add(
        'error',
        dropNode,
        `${label}: \`drop\` should be a list of keys, like [notes, draft_of].`,
      );
    } else drop.push(...dropNode.items.map((item) => stringValue(item) ?? ''));
  }
  const rename: Record<string, string> = {};
  const renameNode = nodes.get('rename');
  if (renameNode !== undefined && !(isScalar(renameNode) && renameNode.value === null)) {
    if (!isMap(renameNode)) {
      issues.add(
        'error',
        renameNode,
        `${label}: \`rename\` should map old keys to new ones, like { cover: image }.`,
      );
    } else {
      const targets = new Set<string>();
      for (const pair of renameNode.items) {
        const from = keyOf(pair);
        const to = stringValue(pair.value);
        if (to === undefined || to.trim() === '' || /[\r\n]/.test(to)) {
          issues.add(
            'error',
            pair.value ?? pair.key,
            `${label}: \`rename.${from}\` should be the new key's name.`,
          );
        } else if (targets.has(to)) {
          issues.add('error', pair.value, `${label}: two keys are renamed to "${to}".`);
        } else if (drop.includes(from)) {
          issues.add('error', pair.key, `${label}: "${from}" is both dropped and renamed.`);
        } else {
          targets.add(to);
          Object.defineProperty(rename, from, {
            value: to,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
    }
  }
  let message = defaultExportMessage;
  const messageNode = nodes.get('message');
  if (messageNode !== undefined) {
    const value = text('message', false);
    if (value !== null) {
      const names = placeholdersOf(value);
      const unknown = names.ok
        ? names.value.filter((each) => !(messagePlaceholders as readonly string[]).includes(each))
        : [];
      if (!names.ok)
        issues.add('error', messageNode, `${label}: \`message\` ${names.error.message}.`);
      else if (unknown.length > 0) {
        issues.add(
          'error',
          messageNode,
          `${label}: \`message\` uses {${unknown.join('}, {')}}; it can use {title} and {count}.`,
        );
      } else message = value;
    }
  }
  const errorsAfter = issues.list.filter((issue) => issue.severity === 'error').length;
  if (errorsAfter > errorsBefore || name === undefined || repo === null || content === null) {
    return null;
  }
  return {
    name,
    repo,
    content,
    images,
    imageUrl: images === null ? null : imageUrl,
    include,
    drop,
    rename,
    message,
  };
}

/**
 * Reads the `export:` section of a config's text into targets. Never throws. Each broken target is
 * left out with errors at its line and column (the others stay usable); a second target with a
 * name already used is left out too. Problems elsewhere in the config are not reported here.
 */
export function readExportTargets(text: string): ExportTargetsRead {
  const lines = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), {
      version: '1.2',
      schema: 'core',
      lineCounter: lines,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { targets: [], issues: [{ severity: 'error', message, line: 1, column: 1 }] };
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { targets: [], issues: [] };
  const section = doc.contents.items.find((pair) => keyOf(pair) === 'export');
  if (section === undefined) return { targets: [], issues: [] };
  const issues = new Issues(lines);
  if (!isMap(section.value)) {
    if (!(isScalar(section.value) && section.value.value === null)) {
      issues.add(
        'error',
        section.value,
        '`export` should be a map with `targets:`, a list of targets.',
      );
    }
    return { targets: [], issues: issues.list };
  }
  const targets: ExportTarget[] = [];
  for (const pair of section.value.items) {
    const key = keyOf(pair);
    if (key !== 'targets') {
      issues.add(
        'warning',
        pair.key,
        `\`export.${key}\` is not a setting Postwright knows (targets); it is ignored.`,
      );
      continue;
    }
    if (isScalar(pair.value) && pair.value.value === null) continue;
    if (!isSeq(pair.value)) {
      issues.add(
        'error',
        pair.value,
        '`export.targets` should be a list of targets (`- name: site`).',
      );
      continue;
    }
    pair.value.items.forEach((item, index) => {
      const target = readTarget(issues, item, index);
      if (target === null) return;
      if (targets.some((other) => other.name === target.name)) {
        issues.add('error', item, `Two targets are named "${target.name}"; this one is left out.`);
        return;
      }
      targets.push(target);
    });
  }
  return { targets, issues: issues.list };
}

/** A target as the plain object written under `export.targets`: settings at their default are left out. */
function targetEntry(target: ExportTarget): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    name: target.name,
    repo: target.repo,
    content: target.content,
  };
  if (target.images !== null) entry.images = target.images;
  if (target.imageUrl !== null) entry.imageUrl = target.imageUrl;
  if (target.include !== 'published') entry.include = target.include;
  if (target.drop.length > 0) entry.drop = [...target.drop];
  if (Object.keys(target.rename).length > 0) entry.rename = { ...target.rename };
  if (target.message !== defaultExportMessage) entry.message = target.message;
  return entry;
}

/** The `export:` section for these targets, as YAML text ending in a line break. */
export function exportSectionText(
  targets: readonly ExportTarget[],
  eol: '\n' | '\r\n' = '\n',
): string {
  const text =
    targets.length === 0
      ? 'export:\n  targets: []\n'
      : stringify(
          { export: { targets: targets.map(targetEntry) } },
          { version: '1.2', indent: 2, lineWidth: 0 },
        );
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/**
 * A config's text with its `export:` section replaced by these targets: every byte before and
 * after that section stays as it was (comments, order, quoting). Without a section, one is added
 * at the end. Fails when the config does not parse, so a broken file is never rewritten.
 */
export function replaceExportSection(
  text: string,
  targets: readonly ExportTarget[],
): Result<string> {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const eol = /\r\n/.test(body) ? '\r\n' : '\n';
  const section = exportSectionText(targets, eol);
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(body, { version: '1.2', schema: 'core' });
  } catch (error) {
    return fail(
      'invalidArgument',
      `The config cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const first = doc.errors[0];
  if (first !== undefined) {
    return fail(
      'invalidArgument',
      `The config has a YAML error, fix it first: ${first.message.split('\n')[0] ?? ''}`,
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    return fail('invalidArgument', 'The config is not a map of settings; fix it first.');
  }
  if (isMap(doc.contents) && doc.contents.flow === true) {
    return fail(
      'invalidArgument',
      'The config is written as one { ... } map; write it as lines to add targets.',
    );
  }
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((item) => keyOf(item) === 'export')
    : undefined;
  if (pair === undefined) {
    const separator = body === '' || body.endsWith('\n') ? '' : eol;
    return ok(bom + body + separator + section);
  }
  const keyNode = pair.key as YamlNode | null;
  const keyStart = keyNode?.range?.[0];
  if (keyStart === undefined)
    return fail('invalidArgument', "The config's `export` key cannot be located.");
  const lineStart = body.lastIndexOf('\n', keyStart - 1) + 1;
  if (body.slice(lineStart, keyStart).trim() !== '') {
    return fail('invalidArgument', "The config's `export` key is not at the start of a line.");
  }
  const [from, end] = entryLines(body, pair) ?? [lineStart, lineStart];
  // The targets edited in the parsed section (comments, quotes, key order and untouched targets
  // kept), else the whole section written anew.
  const edited = editedSection(doc, body, [from, end], pair, targets, eol);
  if (edited !== null) {
    const text = bom + body.slice(0, from) + edited + body.slice(end);
    // Only if it reads back as exactly these targets; anything unexpected is written anew.
    const read = readExportTargets(text);
    if (sameTargetList(read.targets, targets) && read.issues.every((i) => i.severity !== 'error'))
      return ok(text);
  }
  return ok(bom + body.slice(0, from) + section + body.slice(end));
}

/**
 * Where a top-level entry's lines are in `body`: from the start of its key's line through the end
 * of the line its value ends on (comments after it belong to what follows).
 */
function entryLines(body: string, pair: Pair): [number, number] | null {
  const keyNode = pair.key as YamlNode | null;
  const keyStart = keyNode?.range?.[0];
  if (keyStart === undefined) return null;
  const lineStart = body.lastIndexOf('\n', keyStart - 1) + 1;
  const valueNode = pair.value as YamlNode | null;
  // The value's range ends where its content ends (range[1]); replace through the end of that line.
  const valueEnd = valueNode?.range?.[1] ?? keyNode?.range?.[2] ?? keyStart;
  let end = body.indexOf('\n', Math.max(valueEnd - 1, keyStart));
  end = end < 0 ? body.length : end + 1;
  return [lineStart, end];
}

function sameTargetList(a: readonly ExportTarget[], b: readonly ExportTarget[]): boolean {
  return (
    a.length === b.length &&
    a.every((target, index) => targetKey(target) === targetKey(b[index] as ExportTarget))
  );
}

function targetKey(target: ExportTarget): string {
  return JSON.stringify(targetSettingKeys.map((key) => settingOf(target, key)));
}

/** A target's value for one setting, in the form the config holds it (rename with sorted keys). */
function settingOf(target: ExportTarget, key: (typeof targetSettingKeys)[number]): unknown {
  if (key === 'rename')
    return Object.fromEntries(Object.entries(target.rename).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (key === 'drop') return [...target.drop];
  return target[key];
}

function sameValue(a: unknown, b: unknown): boolean {
  const sorted = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
        )
      : value;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/**
 * The `export:` entry with its targets changed in the parsed document, through the Document API:
 * a target keeps its node (matched by name, or a renamed one by its place), each setting that
 * changes is set or deleted there, and the rest of the node (comments, quotes, key order, settings
 * Postwright does not know) stays; new targets are added, removed ones go. Null when the section
 * is not the plain block layout this can edit (`export.targets` as a block list of block maps).
 */
function editedSection(
  doc: ReturnType<typeof parseDocument>,
  body: string,
  [from, end]: readonly [number, number],
  pair: Pair,
  targets: readonly ExportTarget[],
  eol: '\n' | '\r\n',
): string | null {
  const section = pair.value;
  if (!isMap(section) || section.flow === true) return null;
  const listPair = section.items.find((item) => keyOf(item) === 'targets');
  const list = listPair?.value;
  if (listPair === undefined || !isSeq(list) || list.flow === true || list.items.length === 0)
    return null;
  const items: YAMLMap[] = [];
  for (const item of list.items) {
    if (!isMap(item) || item.flow === true) return null;
    items.push(item);
  }
  const nameOf = (item: YAMLMap): unknown => {
    const value = item.get('name', true);
    return isScalar(value) ? value.value : undefined;
  };
  const original = body.slice(from, end);
  const wanted = new Set(targets.map((target) => target.name));
  const used = new Set<YAMLMap>();
  // Nodes kept as they were: their text is taken back from the file as it is; of the others
  // reused, the settings that changed (the rest of their lines are taken back too).
  const untouched = new Set<YAMLMap>();
  const changedKeys = new Map<YAMLMap, Set<string>>();
  const valueOf = (node: YAMLMap, key: string): unknown => {
    const value = node.get(key, true) as YamlNode | undefined;
    return value === undefined ? undefined : value.toJS(doc);
  };
  const next: unknown[] = targets.map((target) => {
    const byName = items.find((item) => !used.has(item) && nameOf(item) === target.name);
    // A target renamed in the dialog: a node no wanted target names, with its repo or content.
    const renamed = items.find(
      (item) =>
        !used.has(item) &&
        !wanted.has(String(nameOf(item))) &&
        (valueOf(item, 'repo') === target.repo || valueOf(item, 'content') === target.content),
    );
    const node = byName ?? renamed;
    if (node === undefined) return doc.createNode(targetEntry(target));
    used.add(node);
    const entry = targetEntry(target);
    const changed = new Set<string>();
    for (const key of targetSettingKeys) {
      const has = node.has(key);
      if (has && sameValue(valueOf(node, key), settingOf(target, key))) continue;
      if (!has && entry[key] === undefined) continue;
      changed.add(key);
      if (entry[key] === undefined) {
        if (has) node.delete(key);
        continue;
      }
      const old = node.get(key, true);
      if (isScalar(old) && typeof entry[key] === 'string') {
        // The same node with a new value keeps its quote style and its comment.
        old.value = entry[key];
      } else {
        const created = doc.createNode(entry[key]);
        if ((isSeq(old) || isMap(old)) && (isSeq(created) || isMap(created)))
          created.flow = old.flow ?? false;
        node.set(key, created);
      }
    }
    if (changed.size === 0) untouched.add(node);
    else changedKeys.set(node, changed);
    return node;
  });
  list.items = next;
  // Laid out as the section was: its indentation, and whether list items are indented.
  const indent = /\n([ \t]+)\S/.exec(original)?.[1]?.length ?? 2;
  const itemLine = /\n([ \t]*)- /.exec(original)?.[1]?.length;
  const targetsLine = /\n([ \t]*)targets[ \t]*:/.exec(original)?.[1]?.length;
  const text = doc.toString({
    indent,
    indentSeq: itemLine === undefined || targetsLine === undefined || itemLine > targetsLine,
    lineWidth: 0,
    flowCollectionPadding: /\[ |\{ /.test(original),
  });
  // Back to the section alone: parse what was written and take the `export:` entry's lines.
  const written = parseDocument(text, { version: '1.2', schema: 'core' });
  const writtenPair = isMap(written.contents)
    ? written.contents.items.find((item) => keyOf(item) === 'export')
    : undefined;
  const lines = writtenPair === undefined ? null : entryLines(text, writtenPair);
  const writtenList = isMap(writtenPair?.value)
    ? writtenPair.value.items.find((item) => keyOf(item) === 'targets')?.value
    : undefined;
  if (lines === null || !isSeq(writtenList) || writtenList.items.length !== next.length)
    return null;
  // Each untouched target as it was in the file, byte for byte (the layout the file gives it may
  // differ from the library's: `[a]` or `[ a ]`, spacing after a colon ...).
  const swaps: { at: number; to: number; text: string }[] = [];
  for (const [index, node] of next.entries()) {
    const writtenItem = writtenList.items[index] as YamlNode;
    if (untouched.has(node as YAMLMap)) {
      const before = itemLines(body, node as YAMLMap);
      const after = itemLines(text, writtenItem);
      if (before === null || after === null) return null;
      swaps.push({ at: after[0], to: after[1], text: body.slice(before[0], before[1]) });
      continue;
    }
    const changed = changedKeys.get(node as YAMLMap);
    if (changed === undefined || !isMap(writtenItem)) continue;
    // A changed target: each setting that did not change, as it was.
    for (const writtenEntry of writtenItem.items) {
      const key = keyOf(writtenEntry);
      if (key === null || changed.has(key)) continue;
      const originalEntry = (node as YAMLMap).items.find((each) => keyOf(each) === key);
      const before = originalEntry === undefined ? null : pairLines(body, originalEntry);
      const after = pairLines(text, writtenEntry);
      if (before === null || after === null) return null;
      swaps.push({ at: after[0], to: after[1], text: body.slice(before[0], before[1]) });
    }
  }
  let out = text;
  for (const swap of swaps.sort((a, b) => b.at - a.at))
    out = out.slice(0, swap.at) + swap.text + out.slice(swap.to);
  const shift = out.length - text.length;
  const sectionText = out.slice(lines[0], lines[1] + shift);
  return eol === '\n' ? sectionText : sectionText.replace(/\r?\n/g, eol);
}

/** An entry's text in a map: from its key through the end of the line its value ends on. */
function pairLines(text: string, pair: Pair): [number, number] | null {
  const keyRange = (pair.key as YamlNode | null)?.range;
  if (keyRange === undefined || keyRange === null) return null;
  const valueEnd = (pair.value as YamlNode | null)?.range?.[1] ?? keyRange[1];
  let end = text.indexOf('\n', Math.max(valueEnd - 1, keyRange[0]));
  end = end < 0 ? text.length : end + 1;
  return [keyRange[0], end];
}

/** A list item's text: from its first key through the end of the line its content ends on. */
function itemLines(text: string, node: YamlNode): [number, number] | null {
  const range = node.range;
  if (range === undefined || range === null) return null;
  let end = text.indexOf('\n', Math.max(range[1] - 1, range[0]));
  end = end < 0 ? text.length : end + 1;
  return [range[0], end];
}
