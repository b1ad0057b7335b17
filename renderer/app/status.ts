/** How a status message should look. */
export type StatusTone = 'info' | 'busy' | 'success' | 'error';

/** One line in the status area: what just happened. */
export interface Status {
  readonly tone: StatusTone;
  readonly text: string;
}
