import type { Api } from '../../shared/api';
import { createHttpApi } from './http-client';

declare global {
  interface Window {
    /** The desktop API, exposed by the Electron preload; absent in browser mode. */
    readonly postwright?: Api;
  }
}

/** Picks the transport once at start-up: the preload's API on desktop, else the HTTP client. */
export function chooseApi(): Api {
  if (window.postwright !== undefined) return window.postwright;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return createHttpApi({ token });
}
