import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_KEY, Drafts, SAVE_DELAY_MS, SET_ASIDE_KEY, type DraftStorage } from './drafts';

class MemoryStorage implements DraftStorage {
	readonly items = new Map<string, string>();
	writes = 0;
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.writes++;
		this.items.set(key, value);
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}

/** Storage that refuses everything, as a blocked or full one does. */
const refusing: DraftStorage = {
	getItem: () => {
		throw new DOMException('blocked', 'SecurityError');
	},
	setItem: () => {
		throw new DOMException('full', 'QuotaExceededError');
	},
	removeItem: () => {
		throw new DOMException('blocked', 'SecurityError');
	}
};

const EXAMPLE = 'import asyncio\n';
const pristine = (code: string) => code === EXAMPLE;

describe('Drafts', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('writes the draft once typing pauses, the last keystroke only', () => {
		const storage = new MemoryStorage();
		const drafts = new Drafts(storage, { pristine });
		drafts.save('a');
		vi.advanceTimersByTime(SAVE_DELAY_MS - 1);
		drafts.save('ab');
		vi.advanceTimersByTime(SAVE_DELAY_MS - 1);
		expect(storage.items.has(DRAFT_KEY)).toBe(false);
		vi.advanceTimersByTime(1);
		expect(storage.items.get(DRAFT_KEY)).toBe('ab');
		expect(storage.writes).toBe(1);
	});

	it('flush writes a pending draft at once, and only once', () => {
		const storage = new MemoryStorage();
		const drafts = new Drafts(storage, { pristine });
		drafts.save('print(1)');
		drafts.flush();
		expect(storage.items.get(DRAFT_KEY)).toBe('print(1)');
		vi.runAllTimers();
		drafts.flush();
		expect(storage.writes).toBe(1);
	});

	it('gives the next visit what the last one left, whatever is saved since', () => {
		const storage = new MemoryStorage();
		const first = new Drafts(storage, { pristine });
		expect(first.initial).toBeNull();
		first.save('x = 1');
		first.flush();
		const second = new Drafts(storage, { pristine });
		second.save('x = 2');
		second.flush();
		expect(second.initial).toBe('x = 1');
	});

	it('restores only the user’s work, not an untouched example or link', () => {
		const storage = new MemoryStorage();
		const save = (code: string) => {
			const drafts = new Drafts(storage, { pristine });
			drafts.save(code);
			drafts.flush();
			return drafts;
		};
		save('mine()');
		expect(new Drafts(storage, { pristine }).restorable).toBe('mine()');
		save(EXAMPLE);
		expect(new Drafts(storage, { pristine }).restorable).toBeNull();
		save('linked()').replace('linked()', 'linked()');
		expect(new Drafts(storage, { pristine }).restorable).toBeNull();
		save('linked() # edited');
		expect(new Drafts(storage, { pristine }).restorable).toBe('linked() # edited');
	});

	it('sets aside a draft a link replaces, unless it is an untouched example or the same code', () => {
		const storage = new MemoryStorage();
		const drafts = new Drafts(storage, { pristine });
		expect(drafts.replace(EXAMPLE, 'linked()')).toBe(false);
		expect(drafts.replace('linked()', 'linked()')).toBe(false);
		expect(drafts.replace('  \n', 'linked()')).toBe(false);
		expect(drafts.setAsideDraft()).toBeNull();

		expect(drafts.replace('mine()', 'linked()')).toBe(true);
		expect(new Drafts(storage, { pristine }).setAsideDraft()).toBe('mine()');
		drafts.dropSetAside();
		expect(storage.items.has(SET_ASIDE_KEY)).toBe(false);
	});

	it('a second link does not push out the draft kept aside by the first, even after a reload', () => {
		const storage = new MemoryStorage();
		new Drafts(storage, { pristine }).replace('mine()', 'first()');
		// The reader reloads, then opens another link over the first link's untouched code.
		const later = new Drafts(storage, { pristine });
		expect(later.replace('first()', 'second()')).toBe(false);
		expect(later.setAsideDraft()).toBe('mine()');
		// Edited since it was loaded, the first link's code is the reader's work again.
		expect(later.replace('second() # edited', 'third()')).toBe(true);
		expect(later.setAsideDraft()).toBe('second() # edited');
	});

	it('keeps working, saving nothing, when storage refuses or is missing', () => {
		for (const storage of [refusing, null]) {
			const drafts = new Drafts(storage, { pristine });
			expect(drafts.initial).toBeNull();
			drafts.save('code');
			expect(() => drafts.flush()).not.toThrow();
			// Nothing was kept, so nothing may be offered back.
			expect(drafts.replace('mine()', 'linked()')).toBe(false);
			expect(drafts.setAsideDraft()).toBeNull();
			expect(() => drafts.dropSetAside()).not.toThrow();
		}
	});
});
