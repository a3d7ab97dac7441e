/**
 * The keyboard's DOM side: where a key event's focus is, and the handlers that apply the
 * player's keymap (`player/keyboard.ts`, which decides what a key means) to a page's actions.
 */
import {
	playerKeyAction,
	predictKeyAction,
	presenterKeyAction,
	timelineKeyAction,
	type KeyActions,
	type KeyFocus,
	type PageKeyActions,
	type PredictKeyActions,
	type PresenterKeyActions,
	type TimelineKeyActions
} from '$lib/player/keyboard';

// Outside a browser (unit tests) there are no elements, so no control owns a key.
function isElement(target: EventTarget | null): target is Element {
	return typeof Element !== 'undefined' && target instanceof Element;
}

/** Where `target` (a key event's) sits, as the keymap tells foci apart. */
export function focusOf(target: EventTarget | null): KeyFocus {
	if (!isElement(target)) return 'page';
	if (target.closest('.cm-editor')) return 'editor';
	if (target.closest('textarea, [contenteditable="true"]')) return 'text';
	if (target.closest('select')) return 'select';
	const input = target.closest('input');
	if (input) return input.type === 'radio' ? 'radio' : input.type === 'range' ? 'range' : 'text';
	if (target.closest('button')) {
		return target.closest('[data-predict-switch]') ? 'predict-switch' : 'button';
	}
	if (target.closest('[role="button"]')) return 'role-button';
	return 'page';
}

/**
 * Applies a player shortcut; returns true when the key was one (the caller prevents its default).
 * A page key (`?`, P, B, M) the page does not offer is left alone.
 */
export function handlePlayerKey(
	event: KeyboardEvent,
	actions: KeyActions,
	page: PageKeyActions = {}
): boolean {
	const action = playerKeyAction(event, focusOf(event.target));
	if (!action) return false;
	if (
		action === 'showKeys' ||
		action === 'togglePredict' ||
		action === 'blank' ||
		action === 'toggleLoopView'
	) {
		const pageAction = page[action];
		if (!pageAction) return false;
		pageAction();
	} else actions[action]();
	return true;
}

/** Applies a predict-mode key; returns true when it was one (a reveal, when there was one). */
export function handlePredictKey(event: KeyboardEvent, actions: PredictKeyActions): boolean {
	const meant = predictKeyAction(event, focusOf(event.target));
	if (!meant) return false;
	if (meant.action === 'reveal') return actions.reveal();
	if (meant.action === 'choose') actions.choose(meant.choice);
	else actions.nextQuestion();
	return true;
}

/** Applies a presenter key from any focus but a text field; returns true when it was one. */
export function handlePresenterKey(event: KeyboardEvent, actions: PresenterKeyActions): boolean {
	const action = presenterKeyAction(event, focusOf(event.target));
	if (!action) return false;
	actions[action]();
	return true;
}

/** Applies a timeline shortcut; returns true when the key was one. */
export function handleTimelineKey(event: KeyboardEvent, actions: TimelineKeyActions): boolean {
	const action = timelineKeyAction(event, focusOf(event.target));
	if (!action) return false;
	actions[action]();
	return true;
}
