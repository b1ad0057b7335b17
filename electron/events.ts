import type { Events } from '../shared/api';

/** Sends an event to whoever listens (the window, the browser-mode event stream). */
export type Emit = <K extends keyof Events>(event: K, payload: Events[K]) => void;

/** A listener for every event. */
export type AnyListener = <K extends keyof Events>(event: K, payload: Events[K]) => void;

/** A small fan-out of events from the services to the transports. */
export interface EventHub {
  readonly emit: Emit;
  subscribe(listener: AnyListener): () => void;
}

/** Creates an event hub. */
export function createEventHub(): EventHub {
  const listeners = new Set<AnyListener>();
  return {
    emit: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
