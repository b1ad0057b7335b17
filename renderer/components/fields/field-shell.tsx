import type { ReactNode } from 'react';

/** A message shown under a field; its id is in the control's `aria-describedby`. */
export interface FieldMessage {
  readonly id: string;
  readonly text: string;
  readonly tone: 'error' | 'warning' | 'hint';
}

/** Props of {@link FieldShell}. */
export interface FieldShellProps {
  readonly fieldKey: string;
  readonly widget: string;
  /** The control's id: the visible label is tied to it. */
  readonly controlId: string;
  readonly label: string;
  /** Beside the label: a counter, the slug, "automatic". */
  readonly aside?: ReactNode;
  /** The schema wants the field and the post does not have it yet: the control starts empty. */
  readonly missing?: boolean;
  readonly messages: readonly FieldMessage[];
  /** Removes the field from the post; absent while the front matter is read-only. */
  readonly onRemove?: () => void;
  readonly children: ReactNode;
}

/** One field of the form: its label, its control, its messages and its remove button. */
export function FieldShell({
  fieldKey,
  widget,
  controlId,
  label,
  aside,
  missing = false,
  messages,
  onRemove,
  children,
}: FieldShellProps) {
  return (
    <div
      className="fm-field"
      data-key={fieldKey}
      data-widget={widget}
      data-missing={missing || undefined}
    >
      <div className="fm-field-head">
        <label className="fm-label" id={`${controlId}-label`} htmlFor={controlId}>
          {label}
        </label>
        {missing && <span className="fm-aside fm-missing">not in the post yet</span>}
        {aside !== undefined && <span className="fm-aside">{aside}</span>}
      </div>
      <div className="fm-control-row">
        <div className="fm-control">{children}</div>
        {onRemove !== undefined && (
          <button
            type="button"
            className="fm-remove"
            // Named "Remove field" and described by the label, so finding a field by its label
            // (as tests and screen reader users do) finds its control, not this button.
            aria-label="Remove field"
            aria-describedby={`${controlId}-label`}
            title={`Remove field ${label}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      {messages.map((message) => (
        <p key={message.id} id={message.id} className={`fm-message fm-message-${message.tone}`}>
          {message.text}
        </p>
      ))}
    </div>
  );
}
