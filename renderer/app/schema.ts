import { useEffect, useState } from 'react';
import type { Api } from '../../shared/api';
import type { Schema } from '../../shared/schema';

/**
 * The folder's schema for the form: read when the app starts, again when another folder opens or
 * the folder is re-indexed (its config changed). Null until the first answer, or when it fails
 * (the form then shows fields by their values' kinds).
 */
export function useSchema(api: Api): Schema | null {
  const [schema, setSchema] = useState<Schema | null>(null);
  useEffect(() => {
    let live = true;
    let request = 0;
    const load = (): void => {
      const id = ++request;
      void api.getSchema().then(
        (result) => {
          if (live && id === request) setSchema(result.ok ? result.value.schema : null);
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
