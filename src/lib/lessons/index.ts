/**
 * The lessons: their catalogue, their order, and each one's program and recorded run.
 */
import { LESSONS, type Lesson } from './catalog';
import { loadProgram, type LessonProgram } from './programs';

export { LESSONS, type Lesson, type LessonStep } from './catalog';
export { resolveMoments, type Moment } from './moments';
export type { LessonProgram, ProgramRef } from './programs';

/** A lesson with what it shows, ready for the page. */
export interface LoadedLesson {
	lesson: Lesson;
	/** 1-based place in the course. */
	number: number;
	previous: Lesson | null;
	next: Lesson | null;
	program: LessonProgram;
	fix: LessonProgram | null;
}

/** The lesson at `/lessons/<slug>/`, or null. */
export function lessonBySlug(slug: string): Lesson | null {
	return LESSONS.find((lesson) => lesson.slug === slug) ?? null;
}

/** Loads a lesson with its neighbours, its program and its fix, each with its recorded run. */
export async function loadLesson(slug: string): Promise<LoadedLesson | null> {
	const at = LESSONS.findIndex((lesson) => lesson.slug === slug);
	if (at < 0) return null;
	const lesson = LESSONS[at];
	const [program, fix] = await Promise.all([
		loadProgram(lesson.program),
		lesson.fix ? loadProgram(lesson.fix.program) : null
	]);
	return {
		lesson,
		number: at + 1,
		previous: LESSONS[at - 1] ?? null,
		next: LESSONS[at + 1] ?? null,
		program,
		fix
	};
}
