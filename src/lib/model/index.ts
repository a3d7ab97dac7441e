/**
 * The model: everything derived from a trace at a cursor. Pure TypeScript, no Svelte, no
 * DOM. Build an index once per trace, then seek, draw lanes and narrate from it.
 */
export {
	buildIndex,
	buildIndexInSlices,
	defaultCheckpointEvery,
	runInSlices,
	type IndexOptions,
	type SliceOptions,
	type TraceIndex,
	type Yield
} from './build-index';
export { seek, outputAt } from './seek';
export { clampCursor } from './cursor';
export { xOf, seqAt, axisEnd } from './geometry';
export { lanes, arrows, blockedIntervals, laneState, viewSteps } from './lanes';
export { narrate, resultSentence } from './narrate';
export { taskName, type TaskNameStyle } from './task-name';
export { formatDuration, formatSeconds, formatSecondsTick } from './time-format';
export {
	compareFacts,
	compareRuns,
	runFacts,
	type DifferenceCause,
	type FactStep,
	type Comparison,
	type RunFacts,
	type Side
} from './compare';
export { describeComparison, describeRun, type ComparisonText } from './compare-text';
export { criticalPath, type PathStep, type Via } from './critical-path';
export {
	clampPosition,
	cursorAt,
	eventTimes,
	linkTimelines,
	linkedAt,
	momentOf,
	positionAtTime,
	positionOfCursor,
	type LinkedPosition,
	type LinkedTimeline,
	type Moment
} from './linked-cursors';
export { nextIteration, prevIteration, nextEventOfTask, prevEventOfTask } from './navigate';
export {
	MAX_CHOICES,
	nextQuestionAfter,
	predictionPoints,
	questionsAt,
	type Answer,
	type Choice,
	type Question,
	type QuestionKind
} from './predict';
export { arrowsUntil, blockedUntil, lanesUntil } from './reveal';
export type {
	ActiveThread,
	Arrow,
	Axis,
	BlockedInterval,
	Blocking,
	Lane,
	OutputLine,
	Segment,
	SegmentState,
	Snapshot,
	TaskState,
	TaskStatus
} from './types';
export type { Awaitable, Frame, ReadyItem, Timer, TraceEvent } from '../trace/schema';
