import { useEffect, useRef, useState } from 'react';
import type { Api } from '../../../shared/api';
import { maxImportBytes } from '../../../shared/image-import';
import { messageOf } from '../../app/global-errors';

/** Props of {@link ImageField}. */
export interface ImageFieldProps {
  /** The text input's id; the label points at it. */
  readonly id: string;
  readonly label: string;
  /** The path as the front matter has it (`/images/blog/x.png`, `cover.png`, an https URL). */
  readonly value: string;
  /** The post the field belongs to, relative to the posts folder: relative paths resolve from it. */
  readonly postPath: string;
  readonly onChange: (value: string) => void;
  /** Ids of notes about the field from the form (a validation message), for the input. */
  readonly describedBy?: string;
  /** Resolves the thumbnail as the preview resolves images, and copies a chosen file into the site. */
  readonly api: Pick<Api, 'imageUrl' | 'importImage'>;
}

/** How the thumbnail of one URL (and one reload) fared. */
interface Thumbnail {
  readonly key: string;
  readonly state: 'loaded' | 'failed';
}

/** A file's bytes in base64, read by the browser (FileReader is native and fast on big files). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // `data:image/png;base64,AAAA`: the part after the first comma.
      resolve(url.slice(url.indexOf(',') + 1));
    });
    reader.addEventListener('error', () =>
      reject(reader.error ?? new Error('The file was not read')),
    );
    reader.readAsDataURL(file);
  });
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * An image field: the path as text, a thumbnail resolved as the preview resolves images (with
 * "Image not found" when it does not load), and "Choose…", which copies a picked file into the
 * site's image folder (`importImage`) and sets the path to it. The form's field shell gives it its
 * visible label (tied to the path input by `id`).
 */
export function ImageField({
  id,
  label,
  value,
  postPath,
  onChange,
  describedBy,
  api,
}: ImageFieldProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Bumped after an import: the same path may now name a file that failed to load before.
  const [reloads, setReloads] = useState(0);
  const [thumbnail, setThumbnail] = useState<Thumbnail | null>(null);

  const ref = value.trim();
  const localUrl = ref === '' ? null : api.imageUrl(postPath, ref);
  const src = ref === '' ? null : (localUrl ?? ref);
  const key = `${src ?? ''}\n${reloads}`;
  const state = thumbnail?.key === key ? thumbnail.state : 'loading';

  const errorId = `${id}-import-error`;
  const missingId = `${id}-missing`;
  const described =
    [describedBy, error === null ? '' : errorId, state === 'failed' ? missingId : '']
      .filter(Boolean)
      .join(' ') || undefined;

  const importFile = async (file: File): Promise<void> => {
    setError(null);
    if (file.size > maxImportBytes) {
      setError(
        `${file.name} is ${megabytes(file.size)}; Postwright imports images up to ${megabytes(maxImportBytes)}`,
      );
      return;
    }
    setBusy(true);
    try {
      const result = await api.importImage(postPath, file.name, await readBase64(file));
      // The post may have been closed meanwhile: the file is in the site, but this field is gone.
      if (!mounted.current) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      onChange(result.value.path);
      setReloads((n) => n + 1);
    } catch (caught) {
      if (mounted.current) setError(`The image was not copied: ${messageOf(caught)}`);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <div className="image-field">
      <div className="image-field-row">
        <input
          id={id}
          type="text"
          value={value}
          placeholder="No image"
          spellCheck={false}
          aria-describedby={described}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => fileInput.current?.click()}
        >
          {busy ? 'Copying…' : 'Choose…'}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          hidden
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared so that choosing the same file again is a change too.
            event.target.value = '';
            if (file !== undefined) void importFile(file);
          }}
        />
      </div>
      {src !== null && (
        <div className="image-field-thumbnail" data-state={state}>
          <img
            key={key}
            src={src}
            alt={`${label} thumbnail`}
            hidden={state === 'failed'}
            onLoad={() => setThumbnail({ key, state: 'loaded' })}
            onError={() => setThumbnail({ key, state: 'failed' })}
          />
          {state === 'failed' && (
            <p className="image-field-missing" id={missingId}>
              {localUrl === null ? 'Image could not be loaded' : 'Image not found'}
            </p>
          )}
        </div>
      )}
      {error !== null && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
