/**
 * CodeMirror extension that marks lines of the program: the line being run, the
 * lines where waiting coroutines are paused (with the tasks' names as a widget),
 * and a line with an error. The marks are replaced whole with {@link setCodeMarks}; which lines
 * to mark is `model/code-marks.ts`'s.
 */
import {
	RangeSetBuilder,
	StateEffect,
	StateField,
	type EditorState,
	type Extension,
	type TransactionSpec
} from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { NO_MARKS, sameMarks, type CodeMarks } from '$lib/model/code-marks';

/** The effect that replaces every mark. */
export const setCodeMarks = StateEffect.define<CodeMarks>();

/** How many task names a badge spells out; the rest are counted (a run can pause 1,000 on a line). */
export const BADGE_NAMES = 8;

/** The text of the badge for the tasks paused on one line: the first names, then a count. */
export function badgeText(names: readonly string[]): string {
	const shown = names.slice(0, BADGE_NAMES).join(', ');
	const rest = names.length - BADGE_NAMES;
	return rest > 0 ? `paused: ${shown} and ${rest} more` : `paused: ${shown}`;
}

class PausedBadge extends WidgetType {
	constructor(
		readonly text: string,
		readonly title: string
	) {
		super();
	}
	eq(other: PausedBadge): boolean {
		return other.text === this.text && other.title === this.title;
	}
	toDOM(): HTMLElement {
		const badge = document.createElement('span');
		badge.className = 'cm-paused-badge';
		// textContent, never innerHTML: task names come from user code.
		badge.textContent = this.text;
		// Every name stays one hover away when the badge counts some of them.
		if (this.title) badge.title = this.title;
		return badge;
	}
}

function build(view: EditorView['state'], marks: CodeMarks): DecorationSet {
	const doc = view.doc;
	type Mark = { from: number; deco: Decoration };
	const list: Mark[] = [];
	const lineAt = (line: number | null) =>
		line !== null && line >= 1 && line <= doc.lines ? doc.line(line) : null;
	const paused = new Map<number, string[]>();
	for (const { line, names } of marks.paused)
		paused.set(line, [...(paused.get(line) ?? []), ...names]);
	for (const [number, names] of paused) {
		const line = lineAt(number);
		if (!line) continue;
		list.push({ from: line.from, deco: Decoration.line({ class: 'cm-paused-line' }) });
		const title = names.length > BADGE_NAMES ? names.join(', ') : '';
		list.push({
			from: line.to,
			deco: Decoration.widget({ widget: new PausedBadge(badgeText(names), title), side: 1 })
		});
	}
	const current = lineAt(marks.current);
	if (current)
		list.push({ from: current.from, deco: Decoration.line({ class: 'cm-current-line' }) });
	const error = lineAt(marks.error);
	if (error) list.push({ from: error.from, deco: Decoration.line({ class: 'cm-error-line' }) });
	const coach = lineAt(marks.coach ?? null);
	if (coach) list.push({ from: coach.from, deco: Decoration.line({ class: 'cm-coach-line' }) });
	// RangeSetBuilder wants ranges sorted by position, line decorations before widgets.
	list.sort((a, b) => a.from - b.from || a.deco.startSide - b.deco.startSide);
	const builder = new RangeSetBuilder<Decoration>();
	for (const mark of list) builder.add(mark.from, mark.from, mark.deco);
	return builder.finish();
}

interface Shown {
	marks: CodeMarks;
	decorations: DecorationSet;
}

const NOTHING: Shown = { marks: NO_MARKS, decorations: Decoration.none };

const marksField = StateField.define<Shown>({
	create: () => NOTHING,
	update(shown, transaction) {
		for (const effect of transaction.effects)
			if (effect.is(setCodeMarks))
				return { marks: effect.value, decorations: build(transaction.state, effect.value) };
		return transaction.docChanged ? NOTHING : shown;
	},
	provide: (field) => EditorView.decorations.from(field, (shown) => shown.decorations)
});

// The coaching note's line: a dashed outline, drawn over (not instead of) the running or error
// line's background and left bar, so both read when they share a line.
const coachTheme = EditorView.baseTheme({
	'.cm-coach-line': { outline: '2px dashed var(--warning)', outlineOffset: '-2px' }
});

/** The extension to add to an editor that shows code marks. */
export function codeMarks(): Extension {
	return [marksField, coachTheme];
}

/**
 * The transaction that shows `marks`, or null when the editor already shows these very marks
 * (by value): every editor update reads the DOM selection, which forces a layout of the whole
 * page, so a drag across a run must not update the editor for each event that marks the same.
 */
export function marksUpdate(state: EditorState, marks: CodeMarks): TransactionSpec | null {
	const shown = state.field(marksField, false);
	if (shown && sameMarks(shown.marks, marks)) return null;
	return { effects: setCodeMarks.of(marks) };
}
