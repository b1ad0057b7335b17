/** Props of {@link SwitchField}. */
export interface SwitchFieldProps {
  readonly id: string;
  readonly checked: boolean;
  /** What the switch says in each position ("Published" / "Draft", "Yes" / "No"). */
  readonly onText: string;
  readonly offText: string;
  readonly describedBy: string | undefined;
  readonly disabled: boolean;
  readonly tone?: 'status';
  readonly onChange: (checked: boolean) => void;
}

/** A boolean as a switch (`role="switch"`): Space or Enter flips it. */
export function SwitchField({
  id,
  checked,
  onText,
  offText,
  describedBy,
  disabled,
  tone,
  onChange,
}: SwitchFieldProps) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-describedby={describedBy}
      disabled={disabled}
      className={`fm-switch${tone === 'status' ? ' fm-switch-status' : ''}`}
      data-on={checked}
      onClick={() => onChange(!checked)}
    >
      <span className="fm-switch-track" aria-hidden="true">
        <span className="fm-switch-thumb" />
      </span>
      <span className="fm-switch-text">{checked ? onText : offText}</span>
    </button>
  );
}
