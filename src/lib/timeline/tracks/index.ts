/** The timeline's tracks: one module per kind of row or overlay, and the layout that stacks them. */
export * from './track';
export { TaskLaneTrack } from './task-lane';
export { ThreadLaneTrack } from './thread-lane';
export { blockedBands } from './blocked-band';
export { ALL_ARROWS_UP_TO, arrowShapes, type ArrowShape, type ArrowInput } from './arrows';
export { layoutTracks, trackAtY, trackWindow, type TrackLayout, type TrackWindow } from './layout';
export {
	scopeAt,
	scopeInks,
	scopeShapes,
	scopeTag,
	type DeadlineMark,
	type ScopeInks,
	type ScopeInput,
	type ScopeShape
} from './scope-brackets';
export {
	cancelAt,
	cancelShapes,
	fateLabel,
	type CancelInput,
	type CancelShape
} from './cancel-paths';
export { cancelTip, scopeTip } from './scope-tips';
export {
	labelsClearOfFates,
	placeTags,
	plotTextBoxes,
	smallTextBox,
	tagBox,
	type PlotText,
	type TextBox
} from './scope-tags';
