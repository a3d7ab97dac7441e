/**
 * The playground's keyboard shortcuts. Keys typed into the editor or a form
 * control belong to that control, never to the player.
 */

/** The player actions a key can trigger. */
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

function ownsKeys(target: EventTarget | null): boolean {
	if (!(target instanceof Element)) return false;
	return (
		target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null ||
		// A focused button keeps Space and Enter for itself.
		target.closest('button, [role="button"]') !== null
	);
}

/** Applies a shortcut; returns true when the key was one (the caller prevents its default). */
export function handlePlayerKey(event: KeyboardEvent, actions: KeyActions): boolean {
	if (event.altKey || event.ctrlKey || event.metaKey) return false;
	const inControl = ownsKeys(event.target);
	switch (event.key) {
		case ' ':
			if (inControl) return false;
			actions.toggle();
			return true;
		case 'ArrowRight':
			if (inControl && !isButton(event.target)) return false;
			if (event.shiftKey) actions.nextIteration();
			else actions.stepForward();
			return true;
		case 'ArrowLeft':
			if (inControl && !isButton(event.target)) return false;
			if (event.shiftKey) actions.prevIteration();
			else actions.stepBack();
			return true;
		case 'Home':
			if (inControl && !isButton(event.target)) return false;
			actions.toStart();
			return true;
		case 'End':
			if (inControl && !isButton(event.target)) return false;
			actions.toEnd();
			return true;
		case 'n':
		case 'N':
			if (inControl && !isButton(event.target)) return false;
			actions.nextOfTask();
			return true;
		case 'p':
		case 'P':
			if (inControl && !isButton(event.target)) return false;
			actions.prevOfTask();
			return true;
		default:
			return false;
	}
}

// Arrow keys mean nothing to a button, so stepping still works after clicking one.
function isButton(target: EventTarget | null): boolean {
	return target instanceof Element && target.closest('button') !== null;
}
