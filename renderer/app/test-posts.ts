import type { PostSummary } from '../../shared/api';

/** A sidebar row for the renderer's unit tests: an empty draft at `path`, with `fields` over it. */
export function postSummary(path: string, fields: Partial<PostSummary> = {}): PostSummary {
  return {
    path,
    title: '',
    date: '',
    status: 'draft',
    tags: [],
    category: '',
    problems: [],
    featured: false,
    modified: 0,
    description: '',
    ...fields,
  };
}
