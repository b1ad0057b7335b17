import { eventNames, mapCommands } from '../../shared/api';
import type { Api, CommandName, Commands, Events } from '../../shared/api';
import { imageRoute, localImageUrl } from '../../shared/image-url';

/** Where the browser-mode server is and the token that proves we were started by it. */
export interface HttpClientOptions {
  readonly token: string;
  /** Defaults to the page's own origin. */
  readonly origin?: string;
}

async function errorMessageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON (a proxy's error page, say): the status says enough.
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}

/**
 * The browser-mode transport: commands as `POST /api/commands/<name>`, events from one
 * `EventSource`. A 200 carries the command's Result; anything else is a bug or a broken server
 * and throws, like a failed IPC call would.
 */
export function createHttpApi({ token, origin = '' }: HttpClientOptions): Api {
  async function call(name: CommandName, args: readonly unknown[]): Promise<unknown> {
    const response = await fetch(`${origin}/api/commands/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Postwright-Token': token },
      body: JSON.stringify({ args }),
    });
    if (response.status !== 200) throw new Error(await errorMessageOf(response));
    return response.json();
  }

  const commands = mapCommands(
    <K extends CommandName>(name: K) =>
      ((...args: unknown[]) => call(name, args)) as unknown as Commands[K],
  );

  // One stream for every subscriber, opened on first use so a page that never listens costs nothing.
  let source: EventSource | null = null;
  const stream = (): EventSource =>
    (source ??= new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`));

  return {
    ...commands,
    platform: 'browser',
    // Same origin, so the HttpOnly cookie set when the page opened authenticates the image.
    imageUrl: (postPath, src) => localImageUrl(`${origin}${imageRoute}`, postPath, src),
    on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
      if (!Object.hasOwn(eventNames, event)) throw new Error(`Unknown event: ${event}`);
      const handler = (message: MessageEvent<string>): void => {
        listener(JSON.parse(message.data) as Events[K]);
      };
      const target = stream();
      target.addEventListener(event, handler);
      return () => target.removeEventListener(event, handler);
    },
  };
}
