import { useId } from 'react';
import type { Problem } from '../../shared/api';
import type { Severity } from '../../shared/validate';
import { countProblems, countsText, targetOf } from '../app/checks';
import type { CheckPlaces, CheckTarget } from '../app/checks';
import type { Load } from '../app/load';
import type { PostChecks } from '../app/post-checks';

/** Props of {@link ChecksPanel}. */
export interface ChecksPanelProps {
  readonly checks: Load<PostChecks>;
  /** The config file's problems, shown once above the post's. */
  readonly configProblems: readonly Problem[];
  /** What the editor shows, to know where each problem can be fixed. */
  readonly places: CheckPlaces;
  readonly onGo: (target: CheckTarget) => void;
  readonly expanded: boolean;
  readonly onExpandedChange: (expanded: boolean) => void;
}

const severityName: Record<Severity, string> = { error: 'Error', warning: 'Warning' };

/** Shape and name as well as colour, so the severity reads without colour vision. */
function SeverityIcon({ severity }: { readonly severity: Severity }) {
  return (
    <span
      className={`severity-icon severity-${severity}`}
      role="img"
      aria-label={severityName[severity]}
    >
      <span aria-hidden="true">!</span>
    </span>
  );
}

function Summary({ checks }: { readonly checks: Load<PostChecks> }) {
  if (checks.state === 'loading') return <p className="checks-summary">Checking…</p>;
  if (checks.state === 'failed') {
    return (
      <p className="checks-summary checks-summary-failed">
        Could not check this post: {checks.message}
      </p>
    );
  }
  const counts = countProblems(checks.value.problems);
  if (counts.errors > 0) {
    return <p className="checks-summary checks-summary-errors">{countsText(counts)}</p>;
  }
  return (
    <p className="checks-summary">
      <span className="checks-ok">{counts.warnings > 0 ? 'Ready to publish' : 'No problems'}</span>
      {counts.warnings > 0 && <span className="checks-warnings">{countsText(counts)}</span>}
    </p>
  );
}

function ProblemItem({
  problem,
  target,
  onGo,
}: {
  readonly problem: Problem;
  readonly target: CheckTarget | null;
  readonly onGo: (target: CheckTarget) => void;
}) {
  return (
    <li>
      <button
        type="button"
        className="check"
        // Still focusable and named, so the problem is read out; there is just nowhere to go.
        aria-disabled={target === null ? true : undefined}
        title={
          target === null && problem.field !== null
            ? 'This field is not in the front matter yet; add it with “Add field”.'
            : undefined
        }
        onClick={() => {
          if (target !== null) onGo(target);
        }}
      >
        <SeverityIcon severity={problem.severity} />
        <span className="check-message">{problem.message}</span>
        <span className="check-where">
          {problem.field !== null && (
            <>
              <code className="check-field">{problem.field}</code>{' '}
            </>
          )}
          line {problem.line}
        </span>
      </button>
    </li>
  );
}

/**
 * The open post's checks: what validation finds in the text as it is now, errors and warnings in
 * file order, each a button that takes the author to the line or field to fix. The config file's
 * own problems come first, since they change what every post is checked against.
 */
export function ChecksPanel({
  checks,
  configProblems,
  places,
  onGo,
  expanded,
  onExpandedChange,
}: ChecksPanelProps) {
  const listId = useId();
  const problems = checks.state === 'ready' ? checks.value.problems : [];
  const hasList = problems.length > 0 || configProblems.length > 0;
  return (
    <section className="checks" aria-label="Checks">
      <div className="checks-header">
        <h2 className="checks-title">Checks</h2>
        <Summary checks={checks} />
        {hasList && (
          <button
            type="button"
            className="checks-toggle"
            aria-expanded={expanded}
            aria-controls={listId}
            onClick={() => onExpandedChange(!expanded)}
          >
            {expanded ? 'Hide' : 'Show'}
          </button>
        )}
      </div>
      {hasList && (
        <div id={listId} className="checks-body" hidden={!expanded}>
          {configProblems.length > 0 && (
            <ul className="checks-list checks-config" aria-label="Config file">
              {configProblems.map((problem, index) => (
                <li key={index} className="check check-static">
                  <SeverityIcon severity={problem.severity} />
                  <span className="check-message">
                    <span className="check-file">{problem.path}</span> line {problem.line}:{' '}
                    {problem.message}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {checks.state === 'ready' && problems.length > 0 && (
            <ul className="checks-list" aria-label="Problems in this post">
              {problems.map((problem, index) => (
                <ProblemItem
                  key={`${index}:${problem.rule}:${problem.line}`}
                  problem={problem}
                  target={targetOf(problem, checks.value.checked, places)}
                  onGo={onGo}
                />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
