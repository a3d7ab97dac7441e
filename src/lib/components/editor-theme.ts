/**
 * Syntax colours for the editor, read from CSS custom properties so that one
 * highlight style serves the light and the dark theme (and a projector theme later).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const highlight = HighlightStyle.define([
	{
		tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword],
		color: 'var(--syntax-keyword)',
		fontWeight: '600'
	},
	{ tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
	{ tag: [tags.number, tags.bool, tags.null], color: 'var(--syntax-number)' },
	{ tag: [tags.comment, tags.lineComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
	{
		tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))],
		color: 'var(--syntax-function)'
	},
	{ tag: [tags.definition(tags.variableName), tags.className], color: 'var(--syntax-definition)' },
	{ tag: [tags.operator, tags.punctuation], color: 'var(--fg-muted)' },
	{ tag: tags.propertyName, color: 'var(--syntax-property)' }
]);

const chrome = EditorView.theme({
	'&': { color: 'var(--fg)', backgroundColor: 'var(--bg-raised)' },
	'.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
	'&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
		backgroundColor: 'var(--selection) !important'
	},
	'.cm-activeLine': { backgroundColor: 'transparent' },
	'.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--fg)' },
	'.cm-matchingBracket': { outline: '1px solid var(--fg-muted)', backgroundColor: 'transparent' }
});

/** The editor's colours. */
export function editorTheme(): Extension {
	return [chrome, syntaxHighlighting(highlight)];
}
