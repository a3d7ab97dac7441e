// reveal.js ships no types; the part the example deck calls.
declare module 'reveal.js' {
	interface RevealOptions {
		embedded?: boolean;
		hash?: boolean;
		controls?: boolean;
		progress?: boolean;
		keyboardCondition?: 'focused' | null;
	}
	interface FragmentEvent {
		fragment: HTMLElement;
	}
	export default class Reveal {
		constructor(element: HTMLElement, options?: RevealOptions);
		initialize(): Promise<void>;
		on(event: 'fragmentshown' | 'fragmenthidden', handler: (event: FragmentEvent) => void): void;
		on(event: 'slidechanged', handler: () => void): void;
		next(): void;
		prev(): void;
		destroy(): void;
	}
}
