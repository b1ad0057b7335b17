import type { LanguageDescription } from '@codemirror/language';
import type { classHighlighter, highlightCode } from '@lezer/highlight';

/*
 * Fenced code in the preview is highlighted with the editor's own grammars (@codemirror/language-
 * data), as `<span class="tok-…">` runs from @lezer/highlight's classHighlighter. Grammars load
 * on demand: rendering a fence starts loading its language and renders it as plain escaped text
 * until the grammar is here; `onCodeLanguageLoaded` tells the preview when to render again, and
 * `postwright render` loads what a post needs before rendering (`codeLanguagesLoaded`).
 *
 * The two packages are loaded with import() rather than imported: on the Node side (the CLI is a
 * CommonJS bundle) a static import would be `require`d while language-data import()s each grammar
 * as ES modules, and the grammars' highlight tags would then belong to a second copy of
 * @lezer/highlight that the first copy's `highlightCode` does not recognise.
 */

type Parser = NonNullable<LanguageDescription['support']>['language']['parser'];

interface Runtime {
  readonly languages: readonly LanguageDescription[];
  readonly descriptions: typeof LanguageDescription;
  readonly highlightCode: typeof highlightCode;
  readonly classHighlighter: typeof classHighlighter;
}

let runtime: Runtime | null = null;
let runtimeLoading: Promise<Runtime> | null = null;
const languageLoads = new Map<string, Promise<boolean>>();
const loadListeners = new Set<() => void>();

// Re-rendering a post re-highlights every fence in it: keep recent results (the same text in the
// same grammar always highlights the same way).
const cacheLimit = 256;
const cache = new Map<string, string>();

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

function loadRuntime(): Promise<Runtime> {
  runtimeLoading ??= Promise.all([
    import('@codemirror/language-data'),
    import('@codemirror/language'),
    import('@lezer/highlight'),
  ]).then(([data, language, highlight]) => {
    runtime = {
      languages: data.languages,
      descriptions: language.LanguageDescription,
      highlightCode: highlight.highlightCode,
      classHighlighter: highlight.classHighlighter,
    };
    return runtime;
  });
  return runtimeLoading;
}

/** The language name a fence's info string names: its first word (`ts` in "ts title=x"). */
export function fenceLanguage(info: string): string {
  return info.trim().split(/\s+/, 1)[0] ?? '';
}

function describe(rt: Runtime, name: string): LanguageDescription | null {
  return name === '' ? null : rt.descriptions.matchLanguageName(rt.languages, name, true);
}

/**
 * Loads the grammar for a fence's language name (once; later calls share the first load).
 * Resolves true when the grammar is available, false when the name is unknown or it failed to
 * load (such fences stay plain text).
 */
export function loadCodeLanguage(name: string): Promise<boolean> {
  const key = name.toLowerCase();
  let load = languageLoads.get(key);
  if (load === undefined) {
    load = loadRuntime().then(async (rt) => {
      const description = describe(rt, key);
      if (description === null) return false;
      try {
        // Someone else (the editor) may have loaded it meanwhile: a render that asked before then
        // still showed plain text, so listeners hear of it all the same.
        if (description.support === undefined) await description.load();
      } catch {
        return false;
      }
      for (const listener of loadListeners) listener();
      return true;
    });
    languageLoads.set(key, load);
  }
  return load;
}

/**
 * Calls `listener` each time a code language becomes available to the preview (at most once per
 * language), so a preview can render again and show the new highlighting. Returns the unsubscribe function.
 */
export function onCodeLanguageLoaded(listener: () => void): () => void {
  loadListeners.add(listener);
  return () => {
    loadListeners.delete(listener);
  };
}

/** Whether fences in this language highlight now (its grammar has loaded). */
export function codeLanguageReady(name: string): boolean {
  return loadedParser(name) !== null;
}

function loadedParser(name: string): { rt: Runtime; parser: Parser; id: string } | null {
  if (runtime === null) return null;
  const description = describe(runtime, name);
  const support = description?.support;
  if (description === null || support === undefined) return null;
  return { rt: runtime, parser: support.language.parser, id: description.name };
}

/**
 * The HTML for one fence's code: `<span class="tok-…">` runs around escaped text, or just the
 * escaped text while the language is unknown or still loading (this starts loading it). Never
 * anything else: the result is inserted into the preview as HTML.
 */
export function highlightCodeHtml(code: string, language: string): string {
  const loaded = loadedParser(language);
  if (loaded === null) {
    if (language !== '') void loadCodeLanguage(language);
    return escapeHtml(code);
  }
  const key = `${loaded.id}\0${code}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let html = '';
  try {
    const tree = loaded.parser.parse(code);
    loaded.rt.highlightCode(
      code,
      tree,
      loaded.rt.classHighlighter,
      (text, classes) => {
        const escaped = escapeHtml(text);
        // classHighlighter only makes `tok-name` classes; anything else would be a surprise, and
        // a surprise is rendered as plain text rather than trusted into an attribute.
        html += /^tok-[a-zA-Z]+(?: tok-[a-zA-Z]+)*$/.test(classes)
          ? `<span class="${classes}">${escaped}</span>`
          : escaped;
      },
      () => (html += '\n'),
    );
  } catch {
    html = escapeHtml(code);
  }
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, html);
  return html;
}
