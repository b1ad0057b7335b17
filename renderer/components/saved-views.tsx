import { useState } from 'react';
import type { SavedView, SidebarView } from '../../shared/api';
import {
  builtInViews,
  defaultSidebarView,
  maxSavedViews,
  sameView,
  viewNameProblem,
} from '../../shared/preferences';
import { PromptDialog } from './prompt-dialog';

/** Props of {@link SavedViews}. */
export interface SavedViewsProps {
  /** The folder's own saved views, in order. */
  readonly views: readonly SavedView[];
  /** What the sidebar shows now. */
  readonly current: SidebarView;
  /** Shows a view's posts (its filters, search and sort). */
  readonly onApply: (view: SidebarView) => void;
  /** Stores the folder's changed list of views. */
  readonly onChange: (views: readonly SavedView[]) => void;
}

/** Which dialog is open: naming the current view, or renaming one. */
type Naming = { readonly kind: 'save' } | { readonly kind: 'rename'; readonly name: string };

/**
 * Saved views above the sidebar's filters: the built-ins and the folder's own, each a toggle
 * button that applies its filters, search and sort with one click (pressed while the sidebar
 * shows exactly it). "Save view…" names what the sidebar shows now; the folder's own views have
 * Rename and Delete buttons.
 */
export function SavedViews({ views, current, onApply, onChange }: SavedViewsProps) {
  const [naming, setNaming] = useState<Naming | null>(null);
  const all = [...builtInViews, ...views];
  const alreadySaved = all.find((each) => sameView(each.view, current));
  const canSave =
    alreadySaved === undefined &&
    !sameView(current, defaultSidebarView) &&
    views.length < maxSavedViews;
  const saveTitle =
    alreadySaved !== undefined
      ? `The sidebar shows the view “${alreadySaved.name}”`
      : views.length >= maxSavedViews
        ? `A folder keeps at most ${maxSavedViews} views`
        : sameView(current, defaultSidebarView)
          ? 'Choose filters, a search or a sort first'
          : 'Save these filters, search and sort as a view';

  const dialog = (open: Naming) => {
    const others = all.filter((each) => open.kind === 'save' || each.name !== open.name);
    return (
      <PromptDialog
        title={open.kind === 'save' ? 'Save view' : `Rename view “${open.name}”`}
        label="View name"
        initialValue={open.kind === 'save' ? '' : open.name}
        submitLabel={open.kind === 'save' ? 'Save' : 'Rename'}
        describe={(value) => {
          const problem = value.trim() === '' ? null : viewNameProblem(value, others);
          return problem === null ? null : { tone: 'error', text: problem };
        }}
        onSubmit={(value) => {
          const problem = viewNameProblem(value, others);
          if (problem !== null) return Promise.resolve(problem);
          const name = value.trim();
          onChange(
            open.kind === 'save'
              ? [...views, { name, view: current }]
              : views.map((each) => (each.name === open.name ? { ...each, name } : each)),
          );
          setNaming(null);
          return Promise.resolve(null);
        }}
        onClose={() => setNaming(null)}
      />
    );
  };

  return (
    <section className="saved-views" aria-label="Saved views">
      <ul className="saved-views-list">
        {all.map((each, i) => {
          const own = i >= builtInViews.length;
          return (
            <li key={`${own ? 'own' : 'built-in'}:${each.name}`} className="saved-view">
              <button
                type="button"
                className={`sidebar-pill${sameView(each.view, current) ? ' sidebar-pill-on' : ''}`}
                aria-pressed={sameView(each.view, current)}
                title={own ? undefined : 'Built in'}
                onClick={() => onApply(each.view)}
              >
                {each.name}
              </button>
              {own && (
                <>
                  <button
                    type="button"
                    className="saved-view-edit"
                    aria-label={`Rename view ${each.name}`}
                    title="Rename"
                    onClick={() => setNaming({ kind: 'rename', name: each.name })}
                  >
                    ✎
                  </button>
                  <button
                    type="button"
                    className="saved-view-edit"
                    aria-label={`Delete view ${each.name}`}
                    title="Delete"
                    onClick={() => onChange(views.filter((view) => view.name !== each.name))}
                  >
                    ×
                  </button>
                </>
              )}
            </li>
          );
        })}
        <li className="saved-view">
          <button
            type="button"
            className="saved-view-save"
            disabled={!canSave}
            title={saveTitle}
            onClick={() => setNaming({ kind: 'save' })}
          >
            Save view…
          </button>
        </li>
      </ul>
      {naming !== null && dialog(naming)}
    </section>
  );
}
