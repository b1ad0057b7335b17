import {
  memo,
  useCallback,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Ref } from 'react';
import type { Api, PostFile, Problem } from '../../shared/api';
import type { FieldValue } from '../../shared/document';
import type { FrontMatterRead } from '../../shared/front-matter';
import { excerptFrom } from '../../shared/derive';
import type { Result } from '../../shared/result';
import { assertNever } from '../../shared/result';
import { fieldFor, isPublished, labelFromKey, schemaOrder } from '../../shared/schema';
import type { FieldSpec, Schema } from '../../shared/schema';
import type { CheckPlaces } from '../app/checks';
import type { FolderFacts } from '../app/folder-facts';
import { sameValue } from '../front-matter/state';
import { AddField } from './fields/add-field';
import { ChoiceField } from './fields/choice-field';
import { DateField } from './fields/date-field';
import type { NewFieldKind } from './fields/field-key';
import { FieldShell } from './fields/field-shell';
import type { FieldMessage } from './fields/field-shell';
import { ImageField } from './fields/image-field';
import { NumberField } from './fields/number-field';
import { ReadingTimeField } from './fields/reading-time-field';
import { SwitchField } from './fields/switch-field';
import { TagsField } from './fields/tags-field';
import { TextField } from './fields/text-field';
import { UrlField, urlMessage } from './fields/url-field';
import { ids } from './fields/use-draft';
import { widgetKind } from './fields/widget-kind';
import type { WidgetKind } from './fields/widget-kind';
import { textOf } from './fields/widget-props';
import type { WidgetProps } from './fields/widget-props';
import { YamlField } from './fields/yaml-field';

/** What the editor can ask of the form, to take the author to a problem. */
export interface FrontMatterFormHandle {
  /** Focuses the control of a field the form shows. */
  focusField(key: string): void;
}

/** Props of {@link FrontMatterForm}. */
export interface FrontMatterFormProps {
  readonly file: PostFile;
  /** The current front matter text. */
  readonly text: string;
  /** `readFrontMatter(text)`; null when the front matter is not YAML. */
  readonly read: FrontMatterRead | null;
  /** The YAML does not parse: fields are shown disabled. */
  readonly readOnly: boolean;
  /** The current checks of the post; those about a key show at its field. */
  readonly problems: readonly Problem[];
  /** The current body, read when the form renders (reading time, excerpt). */
  readonly body: () => string;
  readonly onSetField: (key: string, value: FieldValue) => Result<null>;
  readonly onRemoveField: (key: string) => void;
  /** The folder's schema; null until it has loaded (fields then show by their values' kinds). */
  readonly schema: Schema | null;
  /** What the folder's posts use, for suggestions. */
  readonly folder: FolderFacts;
  /** Opens a web address in the user's browser. */
  readonly onOpenUrl: (url: string) => void;
  /** Image thumbnails and "Choose…" for image fields. */
  readonly api: Pick<Api, 'imageUrl' | 'importImage'>;
  readonly ref?: Ref<FrontMatterFormHandle>;
}

/**
 * The fields the schema wants (required or recommended) that the post does not have, in schema
 * order: the form shows them as empty controls, so the author sees what is missing where it goes.
 */
export function wantedMissing(
  schema: Schema | null,
  values: Readonly<Record<string, unknown>>,
): readonly FieldSpec[] {
  return (schema?.fields ?? []).filter(
    (spec) =>
      (spec.required || spec.recommended) &&
      spec.inferred !== true &&
      !Object.hasOwn(values, spec.key),
  );
}

/**
 * The keys in the order the form shows them: the file's keys in the file's order, and each missing
 * key where `setField` will write it (after the nearest earlier schema key the post has, else before
 * the nearest later one, else at the end), so a field stays in place when typing adds its key.
 */
export function formKeyOrder(
  fileKeys: readonly string[],
  missing: readonly string[],
  order: readonly string[],
): readonly string[] {
  const keys = [...fileKeys];
  for (const key of missing) {
    const position = order.indexOf(key);
    let at = keys.length;
    const earlier = order.slice(0, Math.max(position, 0)).filter((each) => keys.includes(each));
    const before = earlier[earlier.length - 1];
    if (before !== undefined) at = keys.indexOf(before) + 1;
    else {
      const after = order.slice(position + 1).find((each) => fileKeys.includes(each));
      if (after !== undefined) at = keys.indexOf(after);
    }
    keys.splice(at, 0, key);
  }
  return keys;
}

function isEmptyValue(value: FieldValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Where the form can take the author for a problem: the keys it has a control for (the missing
 * fields the schema wants included), and whether the raw text is shown instead (TOML, YAML that
 * does not parse).
 */
export function formPlaces(
  file: PostFile,
  read: FrontMatterRead | null,
  schema: Schema | null = null,
): CheckPlaces {
  const { split } = file;
  if (split.error !== null || split.format === 'none') {
    return { fieldKeys: new Set(), rawFrontMatter: false };
  }
  if (split.format === 'toml' || read === null || read.problem !== null) {
    return { fieldKeys: new Set(), rawFrontMatter: true };
  }
  const missing = wantedMissing(schema, read.values).map((spec) => spec.key);
  return {
    fieldKeys: new Set([...read.fields.map((field) => field.key), ...missing]),
    rawFrontMatter: false,
  };
}

/** Fields that take the form's whole width; the others pair up two to a row. */
const wideWidgets: ReadonlySet<WidgetKind> = new Set([
  'string',
  'text',
  'tags',
  'url',
  'image',
  'yaml',
]);

function limitOf(spec: FieldSpec | undefined): number | undefined {
  return spec?.maxLength ?? spec?.warnLength;
}

function newKindOf(spec: FieldSpec): NewFieldKind {
  switch (spec.kind) {
    case 'date':
    case 'datetime':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'tags':
      return 'list';
    case 'yaml':
      return 'yaml';
    default:
      return 'text';
  }
}

function problemMessages(
  controlId: string,
  problems: readonly Problem[],
  skip: (problem: Problem) => boolean,
): FieldMessage[] {
  return problems
    .filter((problem) => !skip(problem))
    .map((problem, index) => ({
      id: `${controlId}-problem-${index}`,
      text: problem.message,
      tone: problem.severity === 'error' ? 'error' : 'warning',
    }));
}

/** Props of one field of the form ({@link FormField}): what its control shows and does. */
export interface FormFieldProps {
  readonly fieldKey: string;
  readonly id: string;
  readonly widget: WidgetKind;
  readonly spec: FieldSpec | undefined;
  readonly label: string;
  /** The value as the front matter holds it (undefined while missing). */
  readonly value: unknown;
  /** The schema wants the field and the post does not have it yet. */
  readonly missing: boolean;
  /** The post has the key (the reading time is only kept in step when it does). */
  readonly present: boolean;
  /** The post reads as published (the status switch). */
  readonly published: boolean;
  /** The status field's published value: what switching to Published writes. */
  readonly publishedValue: unknown;
  /** The checks' problems at this field. */
  readonly problems: readonly Problem[];
  /** Why the last value typed here could not be written, if it could not. */
  readonly setError: string | undefined;
  readonly disabled: boolean;
  /** The folder's tags with their counts, for a tags field's suggestions. */
  readonly folderTags: ReadonlyMap<string, number>;
  /** The categories seen in the folder, for a choice field. */
  readonly folderCategories: readonly string[];
  readonly postPath: string;
  readonly body: () => string;
  /** Writes the field (see `setShown` in the form). */
  readonly onSet: (key: string, value: FieldValue) => boolean;
  readonly onRemove: (key: string) => void;
  readonly onOpenUrl: (url: string) => void;
  readonly api: Pick<Api, 'imageUrl' | 'importImage'>;
}

const noProblems: readonly Problem[] = [];
const noTags: ReadonlyMap<string, number> = new Map();

/**
 * Whether a field would show the same for these props as for the last ones, so it need not render
 * again. A key typed in one field parses the front matter afresh (every value a new object) and
 * checks it again (every problem a new object): values and problems are compared by what they
 * hold, everything else as it is. The reading time reads the body when it renders, so it always
 * renders with the form.
 */
export function sameFieldProps(previous: FormFieldProps, next: FormFieldProps): boolean {
  if (next.widget === 'reading-time') return false;
  for (const name of Object.keys(next) as (keyof FormFieldProps)[]) {
    const a = previous[name];
    const b = next[name];
    if (Object.is(a, b)) continue;
    if (name === 'value' || name === 'publishedValue' || name === 'problems') {
      if (!sameValue(a, b)) return false;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * One field of the form: its shell (label, messages, remove) and the control its widget kind
 * calls for. Memoized: a key typed in another field does not render it again.
 */
const FormField = memo(function FormField({
  fieldKey: key,
  id,
  widget,
  spec,
  label,
  value,
  missing,
  present,
  published,
  publishedValue,
  problems,
  setError,
  disabled,
  folderTags,
  folderCategories,
  postPath,
  body,
  onSet,
  onRemove,
  onOpenUrl,
  api,
}: FormFieldProps) {
  const text = textOf(value);
  // The URL box says what is wrong as it is typed; the check's later message would repeat it.
  const skip = (problem: Problem): boolean =>
    widget === 'url' && problem.rule === 'url' && urlMessage(text) !== null;
  const messages = problemMessages(id, problems, skip);
  if (setError !== undefined) messages.push({ id: `${id}-set`, text: setError, tone: 'error' });
  const invalid = messages.some((message) => message.tone === 'error');
  const describedBy = ids(...messages.map((message) => message.id));
  const props: WidgetProps = {
    id,
    fieldKey: key,
    value,
    describedBy,
    invalid,
    disabled,
    onSet: (next) => onSet(key, next),
  };

  let control: React.ReactNode;
  switch (widget) {
    case 'string':
    case 'text':
      control = (
        <TextField
          {...props}
          multiline={widget === 'text' || spec?.kind === 'text'}
          limit={limitOf(spec)}
          showSlug={key === 'title'}
          generate={
            key === 'excerpt'
              ? { label: 'Generate from the first paragraph', value: () => excerptFrom(body()) }
              : undefined
          }
        />
      );
      break;
    case 'date':
    case 'datetime':
      control = <DateField {...props} kind={widget} label={label} />;
      break;
    case 'status':
      control = (
        <SwitchField
          id={id}
          checked={published}
          onText="Published"
          offText="Draft"
          tone="status"
          describedBy={describedBy}
          disabled={disabled}
          onChange={(on) => {
            const written = (publishedValue ?? true) as FieldValue;
            onSet(key, on ? written : typeof written === 'boolean' ? !written : null);
          }}
        />
      );
      break;
    case 'boolean':
      control = (
        <SwitchField
          id={id}
          checked={value === true}
          onText="Yes"
          offText="No"
          describedBy={describedBy}
          disabled={disabled}
          onChange={(on) => onSet(key, on)}
        />
      );
      break;
    case 'number':
      control = <NumberField {...props} />;
      break;
    case 'tags':
      control = (
        <TagsField {...props} folderTags={folderTags} noun={key === 'tags' ? 'tag' : 'item'} />
      );
      break;
    case 'choice': {
      const fromConfig = spec?.choicesFromFolder !== true && (spec?.choices?.length ?? 0) > 0;
      const choices = fromConfig
        ? (spec?.choices ?? [])
        : [...new Set([...(spec?.choices ?? []), ...folderCategories])];
      control = (
        <ChoiceField {...props} choices={choices} allowOther={spec?.allowOther !== false} />
      );
      break;
    }
    case 'url':
      control = <UrlField {...props} onOpen={onOpenUrl} />;
      break;
    case 'image':
      control = (
        <ImageField
          id={id}
          label={label}
          value={text}
          postPath={postPath}
          describedBy={describedBy}
          onChange={(next) => onSet(key, next)}
          api={api}
        />
      );
      break;
    case 'reading-time':
      control = <ReadingTimeField {...props} body={body} present={present} />;
      break;
    case 'yaml':
      control = <YamlField {...props} />;
      break;
    default:
      assertNever(widget);
  }

  return (
    <div className={wideWidgets.has(widget) ? 'fm-cell fm-wide' : 'fm-cell'}>
      <FieldShell
        fieldKey={key}
        widget={widget}
        controlId={id}
        label={label}
        missing={missing}
        messages={messages}
        onRemove={disabled || missing ? undefined : () => onRemove(key)}
      >
        {control}
      </FieldShell>
    </div>
  );
}, sameFieldProps);

/**
 * The post's front matter as typed fields generated from the folder's schema, in the file's order.
 * Each change writes one field through `onSetField` (the core keeps every other byte); keys the
 * schema does not know are shown by their values' kinds, nested values as YAML, never hidden.
 * Nothing is shown when the front matter is not YAML (the source view shows it then). A key typed
 * in one field renders that field only (see {@link sameFieldProps}).
 */
export function FrontMatterForm({
  file,
  read,
  readOnly,
  problems,
  body,
  onSetField,
  onRemoveField,
  schema,
  folder,
  onOpenUrl,
  api,
  ref,
}: FrontMatterFormProps) {
  const baseId = useId();
  const section = useRef<HTMLElement>(null);
  const [setErrors, setSetErrors] = useState<ReadonlyMap<string, string>>(() => new Map());
  // Keys added by typing into a missing field: emptied again, they go again rather than stay empty.
  const addedFromEmpty = useRef(new Set<string>());

  useImperativeHandle(
    ref,
    () => ({
      focusField(key) {
        const field = section.current?.querySelector(`.fm-field[data-key="${CSS.escape(key)}"]`);
        const control = field?.querySelector<HTMLElement>(
          '.fm-control :is(input:not([tabindex="-1"]), textarea, button[role="switch"])',
        );
        if (control == null) return;
        control.focus();
        // At the end of the value, where a fix usually starts.
        if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
          control.setSelectionRange(control.value.length, control.value.length);
        }
      },
    }),
    [],
  );

  const set = useCallback(
    (key: string, value: FieldValue): boolean => {
      const result = onSetField(key, value);
      setSetErrors((previous) => {
        if (result.ok && !previous.has(key)) return previous;
        const next = new Map(previous);
        if (result.ok) next.delete(key);
        else next.set(key, result.error.message);
        return next;
      });
      return result.ok;
    },
    [onSetField],
  );

  const problemsByKey = useMemo(() => {
    const byKey = new Map<string, Problem[]>();
    for (const problem of problems) {
      if (problem.field === null) continue;
      const list = byKey.get(problem.field) ?? [];
      list.push(problem);
      byKey.set(problem.field, list);
    }
    return byKey;
  }, [problems]);

  const values = read?.values ?? {};
  const missing = useMemo(
    () => new Set(wantedMissing(schema, values).map((spec) => spec.key)),
    [schema, values],
  );
  // Read when a field writes, so the fields' one callback stays the same from key to key.
  const missingNow = useRef(missing);
  useLayoutEffect(() => {
    missingNow.current = missing;
  });

  // Nothing is written for a missing field while it stays empty; a key typed in and emptied again
  // is removed, so the post is as it was.
  const setShown = useCallback(
    (key: string, next: FieldValue): boolean => {
      const isMissing = missingNow.current.has(key);
      if (isEmptyValue(next)) {
        if (isMissing) return true;
        if (addedFromEmpty.current.has(key)) {
          addedFromEmpty.current.delete(key);
          onRemoveField(key);
          return true;
        }
      } else if (isMissing) addedFromEmpty.current.add(key);
      return set(key, next);
    },
    [set, onRemoveField],
  );

  const { split } = file;
  if (split.error !== null || split.format !== 'yaml' || read === null) return null;
  if (read.problem !== null && read.fields.length === 0) return null;
  const disabled = readOnly || read.problem !== null;
  const keys = read.fields.map((field) => field.key);
  const shown = formKeyOrder(keys, [...missing], fieldOrder(schema));
  const offered = (schema?.fields ?? [])
    .filter(
      (spec) =>
        !Object.hasOwn(values, spec.key) && spec.inferred !== true && !missing.has(spec.key),
    )
    .map((spec) => ({ key: spec.key, kind: newKindOf(spec) }));
  const published = schema !== null && isPublished(values, schema);

  const renderField = (key: string, index: number) => {
    const spec = schema === null ? undefined : fieldFor(schema, key);
    const value = values[key];
    const widget = widgetKind(key, value, schema);
    return (
      <FormField
        key={key}
        fieldKey={key}
        id={`${baseId}-${index}`}
        widget={widget}
        spec={spec}
        label={spec?.label ?? labelFromKey(key)}
        value={value}
        missing={missing.has(key)}
        present={Object.hasOwn(values, key)}
        published={published}
        publishedValue={schema?.status.publishedValue}
        problems={problemsByKey.get(key) ?? noProblems}
        setError={setErrors.get(key)}
        disabled={disabled}
        folderTags={key === 'tags' || spec?.kind === 'tags' ? folder.tags : noTags}
        folderCategories={folder.categories}
        postPath={file.path}
        body={body}
        onSet={setShown}
        onRemove={onRemoveField}
        onOpenUrl={onOpenUrl}
        api={api}
      />
    );
  };

  return (
    <section className="front-matter fm-form" aria-label="Front matter" ref={section}>
      {disabled && (
        <p className="fm-readonly-note" role="status">
          The front matter does not parse, so the fields are read-only until it is fixed.
        </p>
      )}
      <div className="fm-grid">{shown.map(renderField)}</div>
      <AddField
        existing={keys}
        offered={offered}
        disabled={disabled}
        onAdd={(key, value) => {
          const result = onSetField(key, value);
          return result.ok ? null : result.error.message;
        }}
      />
    </section>
  );
}

/** The keys in the order a new key is written: the schema's, else none (added at the end). */
export function fieldOrder(schema: Schema | null): readonly string[] {
  return schema === null ? [] : schemaOrder(schema);
}
