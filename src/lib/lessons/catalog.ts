/**
 * The lessons, in the tutorial's order. Each asks one question, shows one program with its
 * recorded run, and walks through that run in a few steps, each pinned to a moment (see
 * `moments.ts`) and told in one to three sentences. Prose is plain text: `backticks` mark code,
 * nothing else is markup.
 */
import type { Moment } from './moments';
import type { ProgramRef } from './programs';

/** One step of a lesson: a moment of the run, and what to notice there. */
export interface LessonStep {
	at: Moment;
	text: string;
}

/** One lesson. */
export interface Lesson {
	/** Its address: /lessons/<slug>/. */
	slug: string;
	title: string;
	/** The question the lesson answers. */
	question: string;
	/** One sentence for the list of lessons. */
	summary: string;
	program: ProgramRef;
	steps: LessonStep[];
	/** For the gotchas: the corrected program, and what changed. */
	fix?: { program: ProgramRef; text: string };
}

/** Every lesson, in order. */
export const LESSONS: readonly Lesson[] = [
	{
		slug: 'anatomy',
		title: 'Anatomy of an async program',
		question: 'What are the parts of an async program, and what does each one do?',
		summary: '`async def`, the coroutine object, `await` and `asyncio.run`, one at a time.',
		program: 'lessons/anatomy.py',
		steps: [
			{
				at: { kind: 'line', line: 'coro = greet("Ada")' },
				text: '`async def` made `greet` a coroutine function. Calling it runs none of its body: `greet("Ada")` only makes a coroutine object.'
			},
			{
				at: { kind: 'stdout', prints: 'coroutine object' },
				text: 'Here is the proof: `coro` is a `coroutine`, and nothing from inside `greet` has printed yet.'
			},
			{
				at: { kind: 'task_created' },
				text: '`asyncio.run(coro)` starts an event loop and wraps the coroutine in a task, `Task-1`. The loop runs tasks one step at a time.'
			},
			{
				at: { kind: 'step_start', first: true },
				text: "The loop starts the task. Only now does `greet`'s body run and print `Hello, Ada!`."
			},
			{
				at: { kind: 'suspend', awaits: 'sleep' },
				text: '`await asyncio.sleep(1)` pauses the coroutine and gives control back to the loop. The loop sets a timer for t = 1 s and, with nothing else to run, waits for it.'
			},
			{
				at: { kind: 'step_start', first: false },
				text: 'At t = 1 s the timer fires and the loop resumes `greet` exactly where it paused, just after the `await`.'
			},
			{
				at: { end: true },
				text: "`greet` returns, and `asyncio.run` closes the loop and hands back its return value, `'Ada'`. `async def` defines, the call makes a coroutine, `await` pauses, `asyncio.run` drives it all."
			}
		]
	},
	{
		slug: 'simple-async',
		title: 'Hello, async',
		question: 'What happens while `await asyncio.sleep(1)` waits?',
		summary: 'One coroutine prints, sleeps for a second, and prints again.',
		program: 'examples/simple_async.py',
		steps: [
			{
				at: { kind: 'step_start', first: true },
				text: 'The loop starts `say_hello()` as `Task-1`, and it prints `Hello...`.'
			},
			{
				at: { kind: 'suspend' },
				text: '`await asyncio.sleep(1)` suspends the task: it now waits on a timer instead of running. The loop is free; in a real program it would sit idle for that second, here virtual time jumps to the deadline.'
			},
			{
				at: { kind: 'step_start', first: false },
				text: 'At t = 1 s the task is ready again and resumes after the `await`, printing `...world!`.'
			},
			{
				at: { end: true },
				text: 'The task ends and `asyncio.run` returns. For a whole second the loop had nothing to do: it could have run other tasks.'
			}
		]
	},
	{
		slug: 'fetch-user',
		title: 'Awaiting a coroutine',
		question: 'Does `await fetch_user(1)` start something new, or run it right here?',
		summary: '`main` awaits `fetch_user` directly: no new task, one line of control.',
		program: 'examples/fetch_user.py',
		steps: [
			{
				at: { kind: 'coro_call' },
				text: '`main` awaits `fetch_user(1)` directly, so the coroutine runs inside `Task-1`, like a function call. No new task, no new lane.'
			},
			{
				at: { kind: 'suspend' },
				text: '`fetch_user` reaches `await asyncio.sleep(0.5)` and the whole task pauses: `main` with it, because `main` is waiting for what `fetch_user` returns.'
			},
			{
				at: { kind: 'step_start', first: false },
				text: 'At t = 0.5 s the task resumes inside `fetch_user`, which returns its dictionary to `main`.'
			},
			{
				at: { kind: 'stdout', prints: 'Got' },
				text: '`await` gave `main` the value the coroutine returned. One task, one line of control, 0.5 s.'
			}
		]
	},
	{
		slug: 'get-users-batch',
		title: 'gather: three fetches at once',
		question: 'Why do three 0.5 s fetches take 0.5 s, not 1.5 s?',
		summary: '`asyncio.gather` runs three `fetch_user` calls concurrently.',
		program: 'examples/get_users_batch.py',
		steps: [
			{
				at: { kind: 'task_created', task: 'fetch_user(1)' },
				text: '`asyncio.gather` wraps each `fetch_user` coroutine in a task of its own: `Task-2`, `Task-3` and `Task-4`, one lane each.'
			},
			{
				at: { kind: 'suspend', task: 'get_users_batch()', awaits: 'gather' },
				text: '`get_users_batch` now waits for the gather and gives the loop back. The three new tasks are in the ready queue.'
			},
			{
				at: { kind: 'suspend', task: 'fetch_user(1)' },
				text: '`fetch_user(1)` prints and starts its 0.5 s sleep. It is waiting, so the loop moves straight on to the next ready task.'
			},
			{
				at: { kind: 'suspend', task: 'fetch_user(3)' },
				text: 'Still at t = 0 s, all three are asleep, with three timers due at t = 0.5 s. The waits overlap: that is the whole trick.'
			},
			{
				at: { kind: 'task_done', task: 'fetch_user(3)' },
				text: 'At t = 0.5 s the three timers fire one after another, and each task returns its user.'
			},
			{
				at: { kind: 'stdout', prints: 'Got 3 users' },
				text: 'The gather is complete: `get_users_batch` resumes with the three results, in argument order. Total: 0.5 s, not 1.5 s.'
			}
		]
	},
	{
		slug: 'sequential-vs-gather',
		title: 'Sequential awaits vs gather',
		question: 'What changes when the same three fetches are awaited one after another?',
		summary: 'The same fetches, one after another (1.5 s) and then together (0.5 s).',
		program: 'examples/sequential_vs_gather.py',
		steps: [
			{
				at: { kind: 'suspend', awaits: 'sleep' },
				text: '`sequential()` awaits `fetch_user(1)` directly. Until it returns, the `for` loop cannot even reach `fetch_user(2)`.'
			},
			{
				at: { kind: 'suspend', awaits: 'sleep', from: 0.5 },
				text: 'Only at t = 0.5 s does the second fetch start its sleep, and the third at t = 1 s. Each `await` waits for the one before it.'
			},
			{
				at: { kind: 'stdout', prints: 'sequential' },
				text: 'Three waits in a row: 1.5 s.'
			},
			{
				at: { kind: 'suspend', awaits: 'gather' },
				text: '`concurrent()` hands all three coroutines to `asyncio.gather`, which makes them tasks and waits for them together.'
			},
			{
				at: { kind: 'stdout', prints: 'gather:' },
				text: 'The three sleeps overlap, so the gather takes 0.5 s. Same work, a third of the time.'
			}
		]
	},
	{
		slug: 'safe-fetch',
		title: 'Handling errors',
		question: 'When one fetch fails, do the others fail too?',
		summary: 'One fetch fails; `try`/`except` keeps the other two going.',
		program: 'examples/safe_fetch.py',
		steps: [
			{
				at: { kind: 'suspend', task: 'main()', awaits: 'gather' },
				text: '`main` gathers three `safe_fetch` tasks. Each one wraps its `fetch_user` call in `try`/`except`.'
			},
			{
				at: { kind: 'stdout', prints: 'Fetched user 1' },
				text: 'At t = 0.3 s `fetch_user(1)` returns normally.'
			},
			{
				at: { kind: 'stdout', prints: 'Failed' },
				text: "`fetch_user(2)` raises `ConnectionError`. The exception travels up to `safe_fetch(2)`'s `except`, which prints it and returns `None`."
			},
			{
				at: { kind: 'task_done', task: 'safe_fetch(2)' },
				text: 'So `Task-3` ends with a result, not an exception: as far as the gather knows, nothing went wrong.'
			},
			{
				at: { kind: 'stdout', prints: 'of 3 fetched' },
				text: 'The gather returns `[user, None, user]` and `main` counts two successes. Without the `try`, the gather would raise the error in `main`.'
			}
		]
	},
	{
		slug: 'async-is-contagious',
		title: 'Async is contagious',
		question: 'Why does one `await` make every caller async too?',
		summary: 'Whoever awaits must be `async def`, all the way up to `asyncio.run`.',
		program: 'lessons/contagious.py',
		steps: [
			{
				at: { kind: 'coro_call' },
				text: '`main` awaits `basket_total(...)`. It may, because `main` is itself an `async def`.'
			},
			{
				at: { kind: 'suspend' },
				text: '`basket_total` awaits `fetch_price("apple")`, which awaits `asyncio.sleep`. The whole chain, `main` → `basket_total` → `fetch_price`, pauses together in `Task-1`.'
			},
			{
				at: { kind: 'step_start', first: false },
				text: 'At t = 0.2 s the chain resumes from the bottom: `fetch_price` returns 3 to `basket_total`, which moves on to the pear.'
			},
			{
				at: { kind: 'stdout', prints: 'Total' },
				text: 'Every function that awaits must be `async def`, and so must its caller, all the way up. The chain ends at `asyncio.run(main())`, where plain code starts async code.'
			}
		]
	},
	{
		slug: 'await-outside-async',
		title: 'Gotcha: await in a plain def',
		question: 'Can a plain `def` function `await` a coroutine?',
		summary: 'The `SyntaxError` you get, why, and the fix.',
		program: 'lessons/await_in_def.py',
		steps: [
			{
				at: { end: true },
				text: 'No: Python refuses to run this program at all. Line 10 uses `await` inside `get_user`, a plain `def`, which is a `SyntaxError` found while compiling, before anything runs. That is why there is no timeline.'
			}
		],
		fix: {
			program: 'lessons/await_in_def_fixed.py',
			text: 'Make `get_user` an `async def`, so it may `await`. Plain code cannot call it like a function any more: the last line runs it with `asyncio.run(get_user(1))`.'
		}
	},
	{
		slug: 'async-without-await',
		title: 'Gotcha: async without await',
		question: 'Does `async def` alone make code run concurrently?',
		summary: 'Two tasks with no `await` inside run one after the other.',
		program: 'lessons/async_without_await.py',
		steps: [
			{
				at: { kind: 'suspend', awaits: 'gather' },
				text: '`main` gathers two `count` tasks, A and B, and waits for both.'
			},
			{
				at: { kind: 'step_start', task: "count('A')" },
				text: 'The loop starts A. Its `for` loop has no `await`, so nothing in it gives control back to the event loop.'
			},
			{
				at: { kind: 'task_done', task: "count('A')" },
				text: 'A runs all three steps and finishes in one single step of the event loop. B has not even started.'
			},
			{
				at: { kind: 'task_done', task: "count('B')" },
				text: 'Only then does B run, all at once. An `async def` without `await` runs to its end like a plain function: the output never interleaves.'
			}
		],
		fix: {
			program: 'lessons/async_without_await_fixed.py',
			text: 'Add `await asyncio.sleep(0)` inside the loop. Each pass now gives control back, and the loop alternates between A and B.'
		}
	},
	{
		slug: 'return-values-not-coroutines',
		title: 'Gotcha: return values, not coroutines',
		question: 'What does an async function give back when it returns a call without `await`?',
		summary: '`return fetch_user(id)` hands back a coroutine; `return await` hands back the user.',
		program: 'lessons/return_coroutine.py',
		steps: [
			{
				at: { kind: 'coro_return', line: 'return fetch_user(user_id)' },
				text: '`get_user_wrong` returns `fetch_user(user_id)` without awaiting it. It hands back a coroutine object, and nothing of `fetch_user` has run.'
			},
			{
				at: { kind: 'stdout', prints: 'get_user_wrong gave' },
				text: 'So `main` gets a coroutine where it expected a user: its `await` unwrapped only the outer layer.'
			},
			{
				at: { kind: 'suspend' },
				text: '`get_user` says `return await fetch_user(user_id)`: the fetch really runs, and the task waits 0.5 s for it.'
			},
			{
				at: { kind: 'stdout', prints: 'get_user gave' },
				text: 'This time `main` receives the dictionary itself.'
			},
			{
				at: { kind: 'warning' },
				text: "When `main` ends, the forgotten coroutine is thrown away unrun, and Python warns: coroutine 'fetch_user' was never awaited."
			}
		]
	},
	{
		slug: 'forgetting-await',
		title: 'Forgetting await',
		question: 'What happens to a coroutine that nobody awaits?',
		summary: 'A missing `await` runs nothing, and only a warning says so.',
		program: 'lessons/forgot_await.py',
		steps: [
			{
				at: { kind: 'warning' },
				text: '`save("order 1")` makes a coroutine and drops it: it never runs. As soon as it is thrown away, Python warns that it was never awaited.'
			},
			{
				at: { kind: 'suspend' },
				text: '`await save("order 2")` does run `save`: the task waits 0.1 s inside it.'
			},
			{
				at: { kind: 'stdout', prints: 'done' },
				text: 'Only order 2 was saved. Apart from that warning a missing `await` is silent, so read the warnings.'
			}
		],
		fix: {
			program: 'lessons/forgot_await_fixed.py',
			text: 'Write `await save("order 1")`. To run it alongside other work rather than wait for it, make it a task with `asyncio.create_task`.'
		}
	},
	{
		slug: 'blocking-sleep',
		title: 'A blocking time.sleep',
		question: 'What does `time.sleep` do to every other task?',
		summary: 'One blocking call stops the whole loop: the heartbeat comes late.',
		program: 'lessons/blocking_sleep.py',
		steps: [
			{
				at: { kind: 'suspend', task: 'heartbeat()' },
				text: '`heartbeat` prints `beat 0` and awaits `asyncio.sleep(0.3)`: its next beat is due at t = 0.3 s.'
			},
			{
				at: { kind: 'blocking' },
				text: 'At t = 0.2 s `slow_report` calls `time.sleep(0.5)`. That is not an `await`: the task keeps the loop for the whole half second, and nothing else can run.'
			},
			{
				at: { kind: 'stdout', prints: 'report done' },
				text: 'The loop is free again only at t = 0.7 s. The beat that was due at t = 0.3 s is 0.4 s late.'
			},
			{
				at: { kind: 'stdout', prints: 'beat 1' },
				text: '`beat 1 at 0.7 s`: every task pays for one blocking call.'
			}
		],
		fix: {
			program: 'lessons/blocking_sleep_fixed.py',
			text: 'Use `await asyncio.sleep(0.5)`: `slow_report` waits without holding the loop, and the heartbeat keeps time at 0.3, 0.6 and 0.9 s.'
		}
	},
	{
		slug: 'create-task',
		title: 'create_task',
		question: 'When does a task made by `asyncio.create_task` start running?',
		summary: 'Tasks start when the running code gives the loop back, not when created.',
		program: 'lessons/create_task.py',
		steps: [
			{
				at: { kind: 'task_created', task: "brew('tea', 0.3)" },
				text: "`create_task` wraps `brew('tea', 0.3)` in `Task-2` and puts it in the ready queue. It does not run it."
			},
			{
				at: { kind: 'stdout', prints: 'both ordered' },
				text: '`main` carries on: both tasks exist, and neither has started. A task starts only when the running one gives the loop back.'
			},
			{
				at: { kind: 'suspend', task: 'main()' },
				text: '`await tea` suspends `main`, and the loop runs the ready tasks in order: tea, then coffee.'
			},
			{
				at: { kind: 'task_done', task: "brew('coffee', 0.2)" },
				text: 'The coffee is ready first, at t = 0.2 s, while `main` is still waiting for the tea.'
			},
			{
				at: { kind: 'stdout', prints: 'served' },
				text: 'At t = 0.3 s the tea is done and `main` resumes. `await coffee` returns at once, as that task already finished: 0.3 s in all, not 0.5 s.'
			}
		]
	},
	{
		slug: 'task-group',
		title: 'TaskGroup',
		question: 'What does a `TaskGroup` do when one of its tasks fails?',
		summary: 'One task fails, the group cancels the rest and raises an `ExceptionGroup`.',
		program: 'lessons/task_group.py',
		steps: [
			{
				at: { kind: 'suspend', task: 'main()' },
				text: 'At the end of the `async with` block, `main` waits for all three tasks of the group.'
			},
			{
				at: { kind: 'task_done', task: 'fetch_user(1, 0.2)' },
				text: 'User 1 is fetched at t = 0.2 s.'
			},
			{
				at: { kind: 'task_done', task: 'fetch_user(2, 0.3)', outcome: 'exception' },
				text: 'At t = 0.3 s user 2 raises `ConnectionError`. The group reacts at once: it cancels every task still running.'
			},
			{
				at: { kind: 'task_done', task: 'fetch_user(3, 0.5)', outcome: 'cancelled' },
				text: '`fetch_user(3, 0.5)` is cancelled in the middle of its sleep, which would have lasted until t = 0.5 s.'
			},
			{
				at: { kind: 'stdout', prints: 'failed' },
				text: 'The group raises an `ExceptionGroup` holding the error, and `except*` catches it. No task is left running behind: that is what a `TaskGroup` promises.'
			}
		]
	},
	{
		slug: 'timeouts',
		title: 'Timeouts',
		question: 'How do you stop waiting for something that takes too long?',
		summary: '`asyncio.timeout` gives up after 0.5 s; `wait_for` allows 3 s and gets its answer.',
		program: 'lessons/timeouts.py',
		steps: [
			{
				at: { kind: 'suspend' },
				text: 'Inside `asyncio.timeout(0.5)`, `slow_query` starts a 2 s sleep. The timeout has its own deadline, at t = 0.5 s.'
			},
			{
				at: { kind: 'step_start', first: false },
				text: 'At t = 0.5 s the deadline comes first: the task resumes with a `CancelledError` thrown in at its `await`, and the `async with` turns it into a `TimeoutError`.'
			},
			{
				at: { kind: 'stdout', prints: 'gave up' },
				text: '`except TimeoutError` catches it. The slow query never finished.'
			},
			{
				at: { kind: 'suspend' },
				text: '`asyncio.wait_for(..., timeout=3)` allows 3 s, and the query needs 2 s.'
			},
			{
				at: { kind: 'stdout', prints: 'wait_for gave' },
				text: 'It finishes in time, at t = 2.5 s, and `wait_for` returns its result.'
			}
		]
	},
	{
		slug: 'cancellation',
		title: 'Cancellation',
		question: 'How does one task stop another, and how can the stopped task clean up?',
		summary: '`task.cancel()` throws `CancelledError` into the task at its `await`.',
		program: 'lessons/cancellation.py',
		steps: [
			{
				at: { kind: 'suspend', task: "download('big.iso')" },
				text: 'The download starts a 10 s sleep, while `main` sleeps for 0.5 s.'
			},
			{
				at: { kind: 'suspend', task: 'main()', awaits: 'task' },
				text: 'At t = 0.5 s `main` calls `task.cancel()` and awaits the task. Cancelling only asks: the download is woken with a `CancelledError`.'
			},
			{
				at: { kind: 'stdout', prints: 'cleaning up' },
				text: "The `CancelledError` is raised at the download's `await asyncio.sleep(10)`. Its `except` block runs, cleans up, and raises it again."
			},
			{
				at: { kind: 'task_done', outcome: 'cancelled' },
				text: 'Raising it again lets the task end as cancelled. Swallowing it would make the task end normally, as if nobody had cancelled it.'
			},
			{
				at: { kind: 'stdout', prints: 'cancelled() is' },
				text: '`await task` raises `CancelledError` in `main` too, which catches it: `task.cancelled()` is `True`.'
			}
		]
	},
	{
		slug: 'queue',
		title: 'Queue',
		question: 'How do a fast producer and a slow consumer share the work?',
		summary: 'An `asyncio.Queue` with room for one order paces the producer to the consumer.',
		program: 'lessons/queue.py',
		steps: [
			{
				at: { kind: 'suspend', task: 'consumer(Queue)', awaits: 'queue_get' },
				text: 'The consumer asks for an order, but the queue is empty: `await queue.get()` waits.'
			},
			{
				at: { kind: 'stdout', prints: 'put order 0' },
				text: 'At t = 0.2 s the producer puts order 0 in the queue, which wakes the consumer.'
			},
			{
				at: { kind: 'stdout', prints: 'cooking order 0' },
				text: 'The consumer takes it and cooks for 0.5 s.'
			},
			{
				at: { kind: 'suspend', awaits: 'queue_put' },
				text: 'The queue holds one order at most (`maxsize=1`). At t = 0.6 s it still holds order 1, so the producer waits at `await queue.put(order)` for room.'
			},
			{
				at: { kind: 'stdout', prints: 'put order 2' },
				text: "At t = 0.7 s the consumer takes order 1, which makes room, and the producer's put goes through. The queue paces the fast producer to the slow consumer."
			},
			{
				at: { kind: 'task_done', task: 'consumer(Queue)' },
				text: '`None` tells the consumer there is no more work, and both tasks end.'
			}
		]
	}
];
