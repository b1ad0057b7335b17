import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the renderer into out/renderer, loadable from file:// (Electron) and over http (browser mode). */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  // Relative asset URLs, because Electron loads the page from file://.
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // The CSP forbids inline scripts, and data: URLs for scripts; keep every asset a real file.
    assetsInlineLimit: 0,
    // Every browser we run in (Electron's Chromium, current browsers) supports modulepreload.
    modulePreload: { polyfill: false },
    target: 'es2022',
    // One bundle read from local disk or localhost; CodeMirror's HTML, CSS and JS grammars (for
    // HTML inside Markdown) make it large, and splitting it would not make it start faster.
    chunkSizeWarningLimit: 1500,
  },
});
