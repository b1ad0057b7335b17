import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { messageOf } from '../app/global-errors';

interface ErrorBoundaryState {
  readonly message: string | null;
}

/** Catches a render bug anywhere below it and shows it instead of a blank window. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { message: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { message: messageOf(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>Postwright hit a bug</h1>
        <p>{this.state.message}</p>
        <p>
          Unsaved changes in the open post may be lost. Reloading starts again from the files on
          disk.
        </p>
        <button type="button" className="button button-primary" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}
