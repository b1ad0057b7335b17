import { useDraft } from './use-draft';

/**
 * Props of an image field. The image widget (thumbnail, "Choose…") takes exactly these, so it
 * replaces {@link ImagePathField} in one line of the form.
 */
export interface ImageFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** The post's path relative to the posts folder: relative image paths resolve from it. */
  readonly postPath: string;
  readonly onChange: (value: string) => void;
  readonly describedBy?: string;
}

/** An image field as its path, for now. */
export function ImagePathField({ id, value, onChange, describedBy }: ImageFieldProps) {
  const [draft, setDraft] = useDraft(value);
  return (
    <input
      id={id}
      type="text"
      className="fm-input fm-path"
      value={draft}
      spellCheck={false}
      placeholder="/images/blogs/post.png"
      aria-describedby={describedBy}
      onChange={(event) => {
        setDraft(event.target.value);
        onChange(event.target.value);
      }}
    />
  );
}
