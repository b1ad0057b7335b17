import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSlices, sortInSlices } from './slices';

afterEach(() => vi.restoreAllMocks());

/** A clock that moves a millisecond at every read: each slice then ends after 64 steps. */
function everyReadASlice(): void {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 1));
}

interface Item {
  readonly key: number;
  /** Where the item was: equal keys must stay in this order. */
  readonly at: number;
}

const byKey = (a: Item, b: Item): number => a.key - b.key;

/** Lists with few distinct keys (many ties): as drawn, in order, reversed, or in order but one. */
const lists = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 400 }),
    fc.constantFrom('as drawn', 'sorted', 'reversed', 'sorted, one moved'),
  )
  .map(([keys, shape]) => {
    const drawn = [...keys];
    if (shape !== 'as drawn') drawn.sort((a, b) => a - b);
    if (shape === 'reversed') drawn.reverse();
    if (shape === 'sorted, one moved' && drawn.length > 1) drawn.push(drawn.shift() as number);
    return drawn.map((key, at): Item => ({ key, at }));
  });

describe('sortInSlices', () => {
  it('sorts exactly as Array.prototype.sort does, equal items in their order, across slices', async () => {
    everyReadASlice();
    await fc.assert(
      fc.asyncProperty(lists, async (items) => {
        const copy = [...items];
        const sorted = await sortInSlices(items, byKey);
        expect(sorted).toEqual([...items].sort(byKey));
        // The input is left as it was.
        expect(items).toEqual(copy);
      }),
      { numRuns: 300 },
    );
  });

  it('checks a list already in order with one comparison per neighbouring pair', async () => {
    const items = Array.from({ length: 5000 }, (_, at): Item => ({ key: at >> 3, at }));
    const compare = vi.fn(byKey);
    expect(await sortInSlices(items, compare)).toEqual(items);
    expect(compare).toHaveBeenCalledTimes(items.length - 1);
  });

  it('lets other tasks run while it sorts 20,000 titles with a collator', async () => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const titles = Array.from({ length: 20_000 }, (_, i) => `Post ${(i * 7919) % 20_000}`);
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    const sorted = await sortInSlices(titles, collator.compare);
    clearInterval(ticking);
    expect(ticks).toBeGreaterThan(1);
    expect(sorted).toEqual([...titles].sort(collator.compare));
  });
});

describe('inSlices', () => {
  it('runs every step once, in order, across slices, and nothing for no steps', async () => {
    everyReadASlice();
    const seen: number[] = [];
    await inSlices(1000, (index) => seen.push(index));
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    await inSlices(0, (index) => seen.push(index));
    expect(seen).toHaveLength(1000);
  });
});
