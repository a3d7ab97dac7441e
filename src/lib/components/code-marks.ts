/**
 * CodeMirror extension that marks lines of the program: the line being run, the
 * lines where waiting coroutines are paused (with the tasks' names as a widget),
 * and a line with an error. The marks are replaced whole with {@link setCodeMarks}; which lines
 * to mark is `model/code-marks.ts`'s.
 */
import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import type { CodeMarks } from '$lib/model/code-marks';

/** The effect that replaces every mark. */
export const setCodeMarks = StateEffect.define<CodeMarks>();

class PausedBadge extends WidgetType {
	constructor(readonly text: string) {
		super();
	}
	eq(other: PausedBadge): boolean {
		return other.text === this.text;
	}
	toDOM(): HTMLElement {
		const badge = document.createElement('span');
		badge.className = 'cm-paused-badge';
		// textContent, never innerHTML: task names come from user code.
		badge.textContent = this.text;
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
		list.push({
			from: line.to,
			deco: Decoration.widget({ widget: new PausedBadge(`paused: ${names.join(', ')}`), side: 1 })
		});
	}
	const current = lineAt(marks.current);
	if (current)
		list.push({ from: current.from, deco: Decoration.line({ class: 'cm-current-line' }) });
	const error = lineAt(marks.error);
	if (error) list.push({ from: error.from, deco: Decoration.line({ class: 'cm-error-line' }) });
	// RangeSetBuilder wants ranges sorted by position, line decorations before widgets.
	list.sort((a, b) => a.from - b.from || a.deco.startSide - b.deco.startSide);
	const builder = new RangeSetBuilder<Decoration>();
	for (const mark of list) builder.add(mark.from, mark.from, mark.deco);
	return builder.finish();
}

const marksField = StateField.define<DecorationSet>({
	create: () => Decoration.none,
	update(decorations, transaction) {
		for (const effect of transaction.effects)
			if (effect.is(setCodeMarks)) return build(transaction.state, effect.value);
		return transaction.docChanged ? Decoration.none : decorations;
	},
	provide: (field) => EditorView.decorations.from(field)
});

/** The extension to add to an editor that shows code marks. */
export function codeMarks(): Extension {
	return marksField;
}
