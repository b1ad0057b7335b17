import { dismissError, useReportedErrors } from '../app/global-errors';

/** Shows unexpected errors caught globally (uncaught exceptions, rejected promises). */
export function ErrorBanner() {
  const errors = useReportedErrors();
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert">
      {errors.map((error) => (
        <div key={error.id} className="error-banner-item">
          <span>Something went wrong: {error.message}</span>
          <button
            type="button"
            className="button button-small"
            onClick={() => dismissError(error.id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
