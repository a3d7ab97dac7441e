/**
 * The playground's code across reloads: the draft being edited is saved to local storage a
 * moment after the last keystroke (and at once when the page is hidden), and restored on the
 * next visit. When a shared link replaces a draft, the draft is set aside rather than lost, and
 * the page offers it back.
 */

/** The part of the Web Storage API used here (tests pass a Map-backed one). */
export interface DraftStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

/** Where the draft being edited is kept. */
export const DRAFT_KEY = 'loopscope:draft';
/** Where a draft replaced by a shared link is kept until restored or discarded. */
export const SET_ASIDE_KEY = 'loopscope:draft:set-aside';
/** Where the code last put in the editor from outside (a link, a file) is kept. */
export const LOADED_KEY = 'loopscope:draft:loaded';
/** How long typing must pause before the draft is written. */
export const SAVE_DELAY_MS = 400;

/** Options for {@link Drafts}. */
export interface DraftsOptions {
	/** True for code not worth keeping aside: a shipped example nobody has edited. */
	pristine: (code: string) => boolean;
	delayMs?: number;
}

/**
 * The saved drafts. Storage may be missing or refuse to work (private browsing, a full quota,
 * storage blocked for the site): then nothing is saved, and the editor still works.
 */
export class Drafts {
	readonly #storage: DraftStorage | null;
	readonly #pristine: (code: string) => boolean;
	readonly #delayMs: number;
	#pending: string | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#loaded: string | null;
	/** The draft the last visit left, read once: saves made since do not change it. */
	readonly initial: string | null;
	/**
	 * The draft to open with when no link is opened: the last visit's, when it is the user's work
	 * (not an untouched example, link or file: those open as they always do).
	 */
	readonly restorable: string | null;

	constructor(storage: DraftStorage | null, options: DraftsOptions) {
		this.#storage = storage;
		this.#pristine = options.pristine;
		this.#delayMs = options.delayMs ?? SAVE_DELAY_MS;
		this.initial = this.#read(DRAFT_KEY);
		this.#loaded = this.#read(LOADED_KEY);
		const initial = this.initial;
		this.restorable =
			initial !== null && initial !== this.#loaded && !this.#pristine(initial) ? initial : null;
	}

	#read(key: string): string | null {
		try {
			return this.#storage?.getItem(key) ?? null;
		} catch {
			return null;
		}
	}

	/** Returns whether storage took the write. */
	#write(key: string, value: string | null): boolean {
		if (!this.#storage) return false;
		try {
			if (value === null) this.#storage.removeItem(key);
			else this.#storage.setItem(key, value);
			return true;
		} catch {
			// Storage refused (quota, privacy settings): the draft lives only in the editor.
			return false;
		}
	}

	/** Saves `code` once typing pauses. */
	save(code: string): void {
		this.#pending = code;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.flush(), this.#delayMs);
	}

	/** Writes a pending save now (the page is being hidden or closed). */
	flush(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#pending === null) return;
		this.#write(DRAFT_KEY, this.#pending);
		this.#pending = null;
	}

	/**
	 * Keeps `code` aside, as `incoming` is about to replace it in the editor, when it is someone's
	 * work: not an untouched example, not code loaded from outside and left as it was, not
	 * `incoming` itself. Returns whether it was kept (storage may refuse).
	 */
	keepAside(code: string, incoming: string): boolean {
		return (
			code !== incoming &&
			code !== this.#loaded &&
			code.trim() !== '' &&
			!this.#pristine(code) &&
			this.#write(SET_ASIDE_KEY, code)
		);
	}

	/**
	 * The editor now holds `incoming` from outside (a link, a file, an example) in place of
	 * `code`: {@link keepAside} `code`, and remember `incoming` as not the user's work.
	 */
	replace(code: string, incoming: string): boolean {
		const kept = this.keepAside(code, incoming);
		this.#loaded = incoming;
		this.#write(LOADED_KEY, incoming);
		return kept;
	}

	/** The draft kept aside, or null. */
	setAsideDraft(): string | null {
		return this.#read(SET_ASIDE_KEY);
	}

	/** Forgets the draft kept aside (restored, or discarded by the user). */
	dropSetAside(): void {
		this.#write(SET_ASIDE_KEY, null);
	}
}

/** The browser's local storage, or null where the page may not use it. */
export function browserStorage(): DraftStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		// Reading `localStorage` itself throws when storage is blocked for the site.
		return null;
	}
}
