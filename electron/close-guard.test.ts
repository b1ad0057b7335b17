import { describe, expect, test } from 'vitest';
import { createUnsavedTracker, mayClose } from './close-guard';
import type { CloseAnswer, CloseQuestion, CloseShell } from './close-guard';

/** A shell whose renderer saves (or not) and whose user answers from a script. */
function fakeShell(options: {
  autosave: boolean;
  saves: boolean;
  answers?: CloseAnswer[];
  onSave?: () => void;
}) {
  const asked: CloseQuestion[] = [];
  let saveRequests = 0;
  const answers = [...(options.answers ?? [])];
  const shell: CloseShell = {
    autosave: () => Promise.resolve(options.autosave),
    requestSave: () => {
      saveRequests++;
      if (options.saves) setTimeout(() => options.onSave?.(), 5);
    },
    ask: (question) => {
      asked.push(question);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`Unexpected question: ${question}`);
      return Promise.resolve(answer);
    },
  };
  return { shell, asked, saveRequests: () => saveRequests };
}

describe('mayClose', () => {
  test('closes at once when nothing is unsaved, asking nothing', async () => {
    const tracker = createUnsavedTracker();
    const { shell, asked, saveRequests } = fakeShell({ autosave: true, saves: true });
    expect(await mayClose(tracker, shell)).toBe(true);
    expect(asked).toEqual([]);
    expect(saveRequests()).toBe(0);
  });

  test('with autosave, saves and closes without a question', async () => {
    const tracker = createUnsavedTracker();
    tracker.set(true);
    const fake = fakeShell({ autosave: true, saves: true, onSave: () => tracker.set(false) });
    expect(await mayClose(tracker, fake.shell, 1000)).toBe(true);
    expect(fake.asked).toEqual([]);
    expect(fake.saveRequests()).toBe(1);
  });

  test('with autosave, a save that fails asks, and keeping the text keeps the window', async () => {
    const tracker = createUnsavedTracker();
    tracker.set(true);
    const fake = fakeShell({ autosave: true, saves: false, answers: ['keepEditing'] });
    expect(await mayClose(tracker, fake.shell, 20)).toBe(false);
    expect(fake.asked).toEqual(['saveFailed']);
  });

  test('after a failed save, trying again can work, or the user can discard', async () => {
    const tracker = createUnsavedTracker();
    tracker.set(true);
    let attempts = 0;
    const fake = fakeShell({
      autosave: true,
      saves: true,
      answers: ['save'],
      // The first save fails (a conflict, say); the second works.
      onSave: () => {
        if (++attempts === 2) tracker.set(false);
      },
    });
    expect(await mayClose(tracker, fake.shell, 30)).toBe(true);
    expect(fake.asked).toEqual(['saveFailed']);

    tracker.set(true);
    const discard = fakeShell({ autosave: true, saves: false, answers: ['save', 'discard'] });
    expect(await mayClose(tracker, discard.shell, 20)).toBe(true);
    expect(discard.asked).toEqual(['saveFailed', 'saveFailed']);
  });

  test('without autosave, asks first and saves only when told to', async () => {
    const tracker = createUnsavedTracker();
    tracker.set(true);
    const keep = fakeShell({ autosave: false, saves: true, answers: ['keepEditing'] });
    expect(await mayClose(tracker, keep.shell)).toBe(false);
    expect(keep.saveRequests()).toBe(0);

    const save = fakeShell({
      autosave: false,
      saves: true,
      answers: ['save'],
      onSave: () => tracker.set(false),
    });
    expect(await mayClose(tracker, save.shell, 1000)).toBe(true);
    expect(save.asked).toEqual(['unsaved']);
  });
});

describe('createUnsavedTracker', () => {
  test('wakes every waiter when the flag clears, and times out when it does not', async () => {
    const tracker = createUnsavedTracker();
    tracker.set(true);
    const first = tracker.whenSaved(1000);
    const second = tracker.whenSaved(1000);
    tracker.set(false);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    tracker.set(true);
    expect(await tracker.whenSaved(10)).toBe(false);
  });
});
