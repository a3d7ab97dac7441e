/**
 * The keymap: one table of every keyboard shortcut, read by the key handlers and by the help
 * overlay, so what a key does and what the help says cannot drift apart. Keys typed into the
 * editor or a form control belong to that control, never to the player. Pure: which action a
 * key press means where the focus is; `components/keys.ts` reads the DOM event and applies it.
 */

/** What the player's keys do (the Player's methods, and the help overlay). */
export interface KeyActions {
	toggle(): void;
	stepForward(): void;
	stepBack(): void;
	nextIteration(): void;
	prevIteration(): void;
	toStart(): void;
	toEnd(): void;
	nextOfTask(): void;
	prevOfTask(): void;
}

/** What the timeline's keys do, when the focus is inside a timeline. */
export interface TimelineKeyActions {
	zoomIn(): void;
	zoomOut(): void;
	panEarlier(): void;
	panLater(): void;
	fit(): void;
}

/** One shortcut: the `KeyboardEvent.key` values that trigger it, and what it does. */
export interface KeyBinding<Action extends string> {
	/** `KeyboardEvent.key` values, any of which triggers the action. */
	readonly keys: readonly string[];
	/** true: only with Shift; false: only without; absent: either. */
	readonly shift?: boolean;
	readonly action: Action;
	/** The keys as the help overlay and tooltips write them. */
	readonly label: string;
	/** What it does, in a few words. */
	readonly does: string;
	/** A focused button keeps this key for itself (Space presses a button). */
	readonly buttonsKeep?: boolean;
}

/**
 * What the page around a player adds to its keys: the keyboard help, predict mode and a blank
 * screen. A page without one leaves its key alone.
 */
export interface PageKeyActions {
	showKeys?(): void;
	togglePredict?(): void;
	blank?(): void;
	/** Draws the event loop as lists, or as a machine. */
	toggleLoopView?(): void;
}

/** What a player key does: a player action, or one of the page's. */
export type PlayerKeyAction = keyof KeyActions | keyof PageKeyActions;

/** P, B, M and ?: the same bindings in every page's table, presenter mode's too. */
const PAGE_KEYS: readonly KeyBinding<keyof PageKeyActions>[] = [
	{ keys: ['p', 'P'], action: 'togglePredict', label: 'P', does: 'Predict mode on or off' },
	{
		keys: ['b', 'B', '.'],
		action: 'blank',
		label: 'B',
		does: 'Blank the screen, or show it again'
	},
	{
		keys: ['m', 'M'],
		action: 'toggleLoopView',
		label: 'M',
		does: 'Event loop as lists, or as a machine'
	},
	{ keys: ['?'], action: 'showKeys', label: '?', does: 'Show these keys' }
];

/**
 * The player's shortcuts, anywhere on the page outside a text field. The clicker's contract is
 * the same on every page (the playground, a lesson, presenter mode, Compare, the embed):
 * PageDown, → or Space step forward; PageUp or ← step back; Home and End; B blanks the screen;
 * P turns predict mode on and off; ? shows the keys. Play and pause is K, as in video players.
 */
export const PLAYER_KEYS: readonly KeyBinding<PlayerKeyAction>[] = [
	{
		keys: ['PageDown', 'ArrowRight'],
		shift: false,
		action: 'stepForward',
		label: '→ or PageDown',
		does: 'Step forward'
	},
	// A focused button keeps Space: it presses the button.
	{ keys: [' '], action: 'stepForward', label: 'Space', does: 'Step forward', buttonsKeep: true },
	{
		keys: ['PageUp', 'ArrowLeft'],
		shift: false,
		action: 'stepBack',
		label: '← or PageUp',
		does: 'Step back'
	},
	{
		keys: ['ArrowRight'],
		shift: true,
		action: 'nextIteration',
		label: 'Shift+→',
		does: 'Next loop iteration'
	},
	{
		keys: ['ArrowLeft'],
		shift: true,
		action: 'prevIteration',
		label: 'Shift+←',
		does: 'Previous loop iteration'
	},
	{ keys: ['Home'], action: 'toStart', label: 'Home', does: 'Go to start' },
	{ keys: ['End'], action: 'toEnd', label: 'End', does: 'Go to end' },
	{ keys: ['k', 'K'], action: 'toggle', label: 'K', does: 'Play or pause' },
	{
		keys: ['n'],
		shift: false,
		action: 'nextOfTask',
		label: 'N',
		does: 'Next event of the selected task'
	},
	{
		keys: ['N'],
		shift: true,
		action: 'prevOfTask',
		label: 'Shift+N',
		does: 'Previous event of the selected task'
	},
	...PAGE_KEYS
];

/**
 * The editor's own keys, for the help overlay only: CodeMirror handles them. Tab indents, so
 * Escape comes first to leave the editor with Tab.
 */
export const EDITOR_KEYS: readonly KeyBinding<'run' | 'indent' | 'leave'>[] = [
	{ keys: ['Enter'], action: 'run', label: 'Ctrl+Enter (⌘+Enter)', does: 'Run the program' },
	{ keys: ['Tab'], action: 'indent', label: 'Tab', does: 'Indent (four spaces)' },
	{ keys: ['Escape'], action: 'leave', label: 'Escape, then Tab', does: 'Leave the editor' }
];

/** The timeline's shortcuts, when the focus is inside it. */
export const TIMELINE_KEYS: readonly KeyBinding<keyof TimelineKeyActions>[] = [
	{ keys: ['+', '='], action: 'zoomIn', label: '+', does: 'Zoom in' },
	{ keys: ['-', '_'], action: 'zoomOut', label: '−', does: 'Zoom out' },
	{ keys: ['['], action: 'panEarlier', label: '[', does: 'Pan to earlier' },
	{ keys: [']'], action: 'panLater', label: ']', does: 'Pan to later' },
	{ keys: ['0'], action: 'fit', label: '0', does: 'Show the whole run' }
];

/** What predict mode's keys do, while it is on. */
export interface PredictKeyActions {
	/** Reveals the open question's answer; false when there was none to reveal. */
	reveal(): boolean;
	/** Picks choice `choice` (from 0) of the open question. */
	choose(choice: number): void;
	/** Goes to the next question. */
	nextQuestion(): void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Predict mode's keys (while it is on, from any focus but a text field). Stepping forward
 * (→, and a clicker's PageDown or Space in presenter mode) reveals an open question's answer
 * first, then goes on.
 */
export const PREDICT_KEYS: readonly KeyBinding<'reveal' | 'choose' | 'nextQuestion'>[] = [
	{
		keys: ['Enter', 'r', 'R'],
		action: 'reveal',
		label: 'Enter or R',
		does: 'Reveal the answer (stepping forward does too)'
	},
	{ keys: DIGITS, action: 'choose', label: '1–9', does: 'Pick a choice' },
	{ keys: ['q', 'Q'], action: 'nextQuestion', label: 'Q', does: 'Go to the next question' }
];

/** What a clicker does in presenter mode. */
export interface PresenterKeyActions {
	stepForward(): void;
	stepBack(): void;
	toStart(): void;
	toEnd(): void;
	/** Blanks the screen, or shows it again. */
	blank(): void;
	fullScreen(): void;
	togglePredict(): void;
	/** Shows the program beside the run, or gives its column back. */
	toggleCode(): void;
	/** Draws the event loop as lists, or as a machine. */
	toggleLoopView(): void;
	showKeys(): void;
}

/**
 * Presenter mode's keys: the clicker's contract of {@link PLAYER_KEYS} (PageDown / PageUp,
 * arrows, Space; `b` or `.` to blank; P, ?), also ↓ / ↑, and F for full screen, C for the
 * program. They work from any focus but a text field: a focused button does not keep Space.
 */
export const PRESENTER_KEYS: readonly KeyBinding<keyof PresenterKeyActions>[] = [
	{
		keys: ['PageDown', 'ArrowRight', 'ArrowDown', ' '],
		action: 'stepForward',
		label: 'PageDown',
		does: 'Step forward'
	},
	{
		keys: ['PageUp', 'ArrowLeft', 'ArrowUp'],
		action: 'stepBack',
		label: 'PageUp',
		does: 'Step back'
	},
	{ keys: ['Home'], action: 'toStart', label: 'Home', does: 'Go to start' },
	{ keys: ['End'], action: 'toEnd', label: 'End', does: 'Go to end' },
	{ keys: ['f', 'F'], action: 'fullScreen', label: 'F', does: 'Full screen' },
	{ keys: ['c', 'C'], action: 'toggleCode', label: 'C', does: 'Show or hide the program' },
	...PAGE_KEYS
];

/** A key press: the key and its modifiers (a `KeyboardEvent` is one). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

/**
 * Where the focus is when a key is pressed: on the page, a button (`predict-switch`: predict
 * mode's own), an element with `role="button"`, the code editor, a text field (an input,
 * textarea or contenteditable), a select, a radio button or a range slider.
 */
export type KeyFocus =
	| 'page'
	| 'button'
	| 'predict-switch'
	| 'role-button'
	| 'editor'
	| 'text'
	| 'select'
	| 'radio'
	| 'range';

/** The binding `event` triggers in `table`, or null (never with Ctrl, ⌘ or Alt). */
export function bindingFor<Action extends string>(
	table: readonly KeyBinding<Action>[],
	event: KeyPress
): KeyBinding<Action> | null {
	if (event.altKey || event.ctrlKey || event.metaKey) return null;
	return (
		table.find(
			(binding) =>
				binding.keys.includes(event.key) &&
				(binding.shift === undefined || binding.shift === event.shiftKey)
		) ?? null
	);
}

// Every form control, and the editor, keeps its keys.
const CONTROLS: readonly KeyFocus[] = ['editor', 'text', 'select', 'radio', 'range'];
const isButton = (focus: KeyFocus): boolean => focus === 'button' || focus === 'predict-switch';

/**
 * The player action (or the page's) a key press means, or null: a control keeps its keys, an
 * element with a button role every key, and a focused button Space (it presses the button);
 * arrow keys mean nothing to a button, so stepping still works after clicking one.
 */
export function playerKeyAction(press: KeyPress, focus: KeyFocus): PlayerKeyAction | null {
	const binding = bindingFor(PLAYER_KEYS, press);
	if (!binding || CONTROLS.includes(focus) || focus === 'role-button') return null;
	if (isButton(focus) && binding.buttonsKeep) return null;
	return binding.action;
}

/** What a predict-mode key means: an action, with the choice (from 0) for a digit. */
export type PredictKeyAction =
	{ action: 'reveal' | 'nextQuestion' } | { action: 'choose'; choice: number };

/**
 * The predict-mode action a key press means, or null. Controls keep every key; a focused button
 * keeps Enter, but for the Predict switch itself (`predict-switch`): having just turned predict
 * mode on, Enter must reveal rather than turn it off again.
 */
export function predictKeyAction(press: KeyPress, focus: KeyFocus): PredictKeyAction | null {
	const binding = bindingFor(PREDICT_KEYS, press);
	if (!binding || CONTROLS.includes(focus)) return null;
	if (press.key === 'Enter' && focus === 'button') return null;
	if (binding.action === 'choose') return { action: 'choose', choice: DIGITS.indexOf(press.key) };
	return { action: binding.action };
}

// The action `press` means in `table`, unless the focus is one that keeps its keys.
function actionUnless<Action extends string>(
	table: readonly KeyBinding<Action>[],
	press: KeyPress,
	focus: KeyFocus,
	keptBy: readonly KeyFocus[]
): Action | null {
	const binding = bindingFor(table, press);
	return binding && !keptBy.includes(focus) ? binding.action : null;
}

/** The presenter action a key press means, or null: from any focus but a text field. */
export function presenterKeyAction(
	press: KeyPress,
	focus: KeyFocus
): keyof PresenterKeyActions | null {
	return actionUnless(PRESENTER_KEYS, press, focus, ['editor', 'text', 'select']);
}

/** The timeline action a key press means, or null: a text field or a slider keeps its keys. */
export function timelineKeyAction(
	press: KeyPress,
	focus: KeyFocus
): keyof TimelineKeyActions | null {
	return actionUnless(TIMELINE_KEYS, press, focus, ['editor', 'text', 'range']);
}
