import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  codeLanguageReady,
  escapeHtml,
  fenceLanguage,
  highlightCodeHtml,
  loadCodeLanguage,
} from './highlight-code';

// The languages bloggers use most, under the names they write on fences.
const languages = [
  'ts',
  'javascript',
  'python',
  'bash',
  'html',
  'css',
  'json',
  'rust',
  'go',
  'sql',
];

beforeAll(async () => {
  await Promise.all(languages.map((name) => loadCodeLanguage(name)));
});

const span = /<span class="tok-[a-zA-Z]+(?: tok-[a-zA-Z]+)*">|<\/span>/g;
const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The text a browser would show for the highlighter's HTML, or null if it holds other markup. */
function textContent(html: string): string | null {
  const text = html.replace(span, '');
  if (/[<>"]/.test(text)) return null;
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}

describe('highlightCodeHtml', () => {
  it('marks tokens with classHighlighter classes once the language has loaded', () => {
    expect(highlightCodeHtml('const x = "a";\n', 'ts')).toBe(
      '<span class="tok-keyword">const</span> <span class="tok-variableName tok-definition">x</span>' +
        ' <span class="tok-operator">=</span> <span class="tok-string">&quot;a&quot;</span>' +
        '<span class="tok-punctuation">;</span>\n',
    );
    expect(highlightCodeHtml('def f(): pass\n', 'python')).toContain(
      '<span class="tok-keyword">def</span>',
    );
  });

  it('escapes the code of an unknown or not yet loaded language', () => {
    expect(highlightCodeHtml('<script>alert("x")</script>', 'no-such-language')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
    expect(highlightCodeHtml('a & b', '')).toBe('a &amp; b');
  });

  it('reports which languages are available, by any of their names', async () => {
    expect(await loadCodeLanguage('TypeScript')).toBe(true);
    expect(codeLanguageReady('ts')).toBe(true);
    expect(await loadCodeLanguage('no-such-language')).toBe(false);
    expect(codeLanguageReady('no-such-language')).toBe(false);
  });

  it('gives back exactly the code as text, inside tok- spans and nothing else (property)', () => {
    const code = fc.oneof(
      fc.string({ unit: 'binary' }),
      // Strings that look like what the grammars and an attacker care about.
      fc
        .array(
          fc.constantFrom(
            '<',
            '>',
            '&',
            '"',
            "'",
            '</span>',
            '<script>',
            '&lt;',
            '\n',
            '`',
            '${',
            '/*',
            '*/',
            '#',
            '//',
            ' ',
            'if',
            'x',
            '1',
            '\\',
          ),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(code, fc.constantFrom(...languages, 'unknown', ''), (text, language) => {
        expect(textContent(highlightCodeHtml(text, language))).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});

describe('fenceLanguage', () => {
  it('is the first word of the info string', () => {
    expect(fenceLanguage('ts title="x.ts"')).toBe('ts');
    expect(fenceLanguage('  python ')).toBe('python');
    expect(fenceLanguage('')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
