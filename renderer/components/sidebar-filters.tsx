import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Ref } from 'react';
import { defaultSidebarView, sidebarSorts, sidebarStatuses } from '../../shared/preferences';
import { fold, isFiltered } from '../sidebar/filters';
import type { FilterOutcome, FilterState, StatusFilter } from '../sidebar/filters';
import { markSearchKeystroke } from '../sidebar/filter-measure';

/** Each status filter's label. */
export const statusLabels: Readonly<Record<StatusFilter, string>> = {
  all: 'All',
  drafts: 'Drafts',
  published: 'Published',
  scheduled: 'Scheduled',
  featured: 'Featured',
  problems: 'With problems',
};

const sortLabels: Readonly<Record<FilterState['sort'], string>> = {
  date: 'Newest first',
  title: 'Title',
  modified: 'Last modified',
};

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A month's name (1 is January). */
export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

/** The tags shown before "More tags". */
const fewTags = 12;

/** Props of {@link SidebarFilters}. */
export interface SidebarFiltersProps {
  readonly view: FilterState;
  readonly outcome: FilterOutcome;
  readonly onChange: (next: FilterState) => void;
  readonly searchRef: Ref<HTMLInputElement>;
  /** Why the search failed, when it did. */
  readonly searchError: string | null;
  /** Keys in the search box that belong to the list (ArrowDown moves into it). */
  readonly onSearchArrowDown: () => void;
}

/** One removable chip per active filter. */
interface Chip {
  readonly label: string;
  readonly clear: FilterState;
}

function chipsOf(view: FilterState): Chip[] {
  const chips: Chip[] = [];
  if (view.search.trim() !== '')
    chips.push({ label: `Search: ${view.search.trim()}`, clear: { ...view, search: '' } });
  if (view.status !== 'all')
    chips.push({ label: statusLabels[view.status], clear: { ...view, status: 'all' } });
  for (const tag of view.tags)
    chips.push({
      label: `Tag: ${tag}`,
      clear: { ...view, tags: view.tags.filter((each) => each !== tag) },
    });
  if (view.category !== null)
    chips.push({ label: `Category: ${view.category}`, clear: { ...view, category: null } });
  if (view.year !== null)
    chips.push({
      label: view.month === null ? `Year: ${view.year}` : `${monthName(view.month)} ${view.year}`,
      clear: { ...view, year: null, month: null },
    });
  return chips;
}

/** One status filter as a pill with its count. */
const StatusPill = memo(function StatusPill({
  status,
  on,
  count,
  onPick,
}: {
  readonly status: StatusFilter;
  readonly on: boolean;
  readonly count: number;
  readonly onPick: (status: StatusFilter) => void;
}) {
  return (
    <label className={`sidebar-pill${on ? ' sidebar-pill-on' : ''}`}>
      <input
        type="radio"
        className="visually-hidden"
        name="sidebar-status"
        checked={on}
        onChange={() => onPick(status)}
      />
      {statusLabels[status]} <span className="sidebar-count">{count}</span>
    </label>
  );
});

/** One tag as a pill with its count. */
const TagPill = memo(function TagPill({
  tag,
  on,
  count,
  onToggle,
}: {
  readonly tag: string;
  readonly on: boolean;
  readonly count: number;
  readonly onToggle: (tag: string, on: boolean) => void;
}) {
  return (
    <label className={`sidebar-pill${on ? ' sidebar-pill-on' : ''}`}>
      <input
        type="checkbox"
        className="visually-hidden"
        checked={on}
        onChange={() => onToggle(tag, on)}
      />
      {tag} <span className="sidebar-count">{count}</span>
    </label>
  );
});

/** The sidebar's search box, status, tag, category and date filters, sort, and active filter chips. */
export const SidebarFilters = memo(function SidebarFilters({
  view,
  outcome,
  onChange,
  searchRef,
  searchError,
  onSearchArrowDown,
}: SidebarFiltersProps) {
  const [allTags, setAllTags] = useState(false);
  // Handlers that keep their identity, so the pills whose count and state stay the same do not
  // render (nor touch their inputs) again on a filter change; they read the view of the last render.
  const latest = useRef({ view, onChange });
  useLayoutEffect(() => {
    latest.current = { view, onChange };
  });
  const pickStatus = useCallback((status: StatusFilter) => {
    const { view: now, onChange: change } = latest.current;
    change({ ...now, status });
  }, []);
  const toggleTag = useCallback((tag: string, on: boolean) => {
    const { view: now, onChange: change } = latest.current;
    change({
      ...now,
      tags: on ? now.tags.filter((each) => fold(each) !== fold(tag)) : [...now.tags, tag],
    });
  }, []);
  const selected = new Set(view.tags.map(fold));
  // Selected tags always show, whatever their rank.
  const tags = allTags
    ? outcome.tags
    : outcome.tags.filter((tag, i) => i < fewTags || selected.has(fold(tag.value)));
  const chips = chipsOf(view);
  return (
    <div className="sidebar-filters">
      <div className="sidebar-search-row">
        <input
          ref={searchRef}
          type="search"
          className="sidebar-search"
          aria-label="Search posts"
          placeholder="Search posts  /"
          value={view.search}
          onChange={(event) => {
            markSearchKeystroke();
            onChange({ ...view, search: event.target.value });
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              onSearchArrowDown();
            } else if (event.key === 'Escape' && view.search !== '') {
              event.preventDefault();
              onChange({ ...view, search: '' });
            }
          }}
        />
        <select
          aria-label="Sort"
          className="sidebar-select sidebar-sort"
          value={view.sort}
          onChange={(event) =>
            onChange({ ...view, sort: event.target.value as FilterState['sort'] })
          }
        >
          {sidebarSorts.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </select>
      </div>
      {searchError !== null && (
        <p className="notice notice-error sidebar-search-error" role="alert">
          Search failed: {searchError}
        </p>
      )}
      <div className="sidebar-statuses" role="radiogroup" aria-label="Filter by status">
        {sidebarStatuses.map((status) => (
          <StatusPill
            key={status}
            status={status}
            on={view.status === status}
            count={outcome.statusCounts[status]}
            onPick={pickStatus}
          />
        ))}
      </div>
      <div className="sidebar-pickers">
        <select
          aria-label="Filter by category"
          className="sidebar-select"
          value={view.category ?? ''}
          onChange={(event) =>
            onChange({ ...view, category: event.target.value === '' ? null : event.target.value })
          }
        >
          <option value="">Any category</option>
          {outcome.categories.map((category) => (
            <option key={category.value} value={category.value}>
              {category.value} ({category.count})
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by year"
          className="sidebar-select"
          value={view.year ?? ''}
          onChange={(event) =>
            onChange({
              ...view,
              year: event.target.value === '' ? null : Number(event.target.value),
              month: null,
            })
          }
        >
          <option value="">Any year</option>
          {view.year !== null && !outcome.years.some((year) => year.value === view.year) && (
            <option value={view.year}>{view.year} (0)</option>
          )}
          {outcome.years.map((year) => (
            <option key={year.value} value={year.value}>
              {year.value} ({year.count})
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by month"
          className="sidebar-select"
          disabled={view.year === null}
          value={view.month ?? ''}
          onChange={(event) =>
            onChange({
              ...view,
              month: event.target.value === '' ? null : Number(event.target.value),
            })
          }
        >
          <option value="">Any month</option>
          {outcome.months.map((month) => (
            <option key={month.value} value={month.value}>
              {monthName(month.value)} ({month.count})
            </option>
          ))}
        </select>
      </div>
      {outcome.tags.length > 0 && (
        <fieldset className="sidebar-tags">
          <legend className="sidebar-tags-legend">
            Tags
            <label className="sidebar-tag-mode">
              <input
                type="checkbox"
                checked={view.tagMode === 'any'}
                onChange={(event) =>
                  onChange({ ...view, tagMode: event.target.checked ? 'any' : 'all' })
                }
              />
              Match any
            </label>
          </legend>
          <div className="sidebar-tag-list">
            {tags.map((tag) => (
              <TagPill
                key={tag.value}
                tag={tag.value}
                on={selected.has(fold(tag.value))}
                count={tag.count}
                onToggle={toggleTag}
              />
            ))}
            {outcome.tags.length > fewTags && (
              <button
                type="button"
                className="sidebar-more"
                aria-expanded={allTags}
                onClick={() => setAllTags(!allTags)}
              >
                {allTags ? 'Fewer tags' : `All ${outcome.tags.length} tags`}
              </button>
            )}
          </div>
        </fieldset>
      )}
      {chips.length > 0 && (
        <div className="sidebar-chips">
          <ul aria-label="Active filters">
            {chips.map((chip) => (
              <li key={chip.label}>
                <button
                  type="button"
                  className="sidebar-chip"
                  aria-label={`Remove filter ${chip.label}`}
                  onClick={() => onChange(chip.clear)}
                >
                  {chip.label} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
          {isFiltered(view) && (
            <button
              type="button"
              className="sidebar-clear"
              onClick={() => onChange({ ...defaultSidebarView, sort: view.sort })}
            >
              Clear all
            </button>
          )}
        </div>
      )}
    </div>
  );
});
