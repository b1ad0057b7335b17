import { parsePost } from '../../shared/document';
import { splitPost } from '../library/post-file';
import { createHtmlRenderer } from '../render';
import { CliError, exit, parseCommand, print, readPostFile } from './common';

/** Help for `postwright render`. */
export const renderUsage = `Usage: postwright render FILE

Prints the body of FILE as the preview shows it: Markdown rendered with the
app's pipeline, then sanitized (no scripts, event handlers, forms or frames).

Options:
  --help   Show this help`;

/** `postwright render FILE`. */
export async function render(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {});
  if (values.help) return (print(renderUsage), exit.ok);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new CliError(`render takes one FILE\n\n${renderUsage}`);
  const text = await readPostFile(file);
  const doc = parsePost(text, splitPost(text));
  print(await createHtmlRenderer()(doc.body));
  return exit.ok;
}
