import { useEffect, useState } from 'react';
import type { Api, FolderSchema } from '../../shared/api';

/**
 * The folder's schema and its config file's problems, for the open post's form and checks: read
 * when the app starts, again when another folder opens or the folder is re-indexed (its config
 * changed). Null until the first answer, or when it fails (the form then shows fields by their
 * values' kinds).
 */
export function useSchema(api: Api): FolderSchema | null {
  const [schema, setSchema] = useState<FolderSchema | null>(null);
  useEffect(() => {
    let live = true;
    let request = 0;
    const load = (): void => {
      const id = ++request;
      void api.getSchema().then(
        (result) => {
          if (live && id === request) setSchema(result.ok ? result.value : null);
        },
        () => undefined,
      );
    };
    load();
    const offWorkspace = api.on('workspaceChanged', load);
    const offReindexed = api.on('postsReindexed', load);
    return () => {
      live = false;
      offWorkspace();
      offReindexed();
    };
  }, [api]);
  return schema;
}
