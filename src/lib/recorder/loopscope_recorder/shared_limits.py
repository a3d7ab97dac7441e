"""The limits the recorder shares with the app (generated; do not edit).

Written from src/lib/trace/limits.json by `npm run limits` (scripts/shared-limits.js);
src/lib/recorder/shared-limits.test.ts fails when this file and the JSON drift.
"""

EVENTS = 200_000
OUTPUT_CHARS = 1_000_000
NAME_CHARS = 1_000
MESSAGE_CHARS = 10_000
LIST_CAP = 50
PRIMITIVES_MAX = 20
QUEUE_ITEMS_MAX = 8
WAITERS_MAX = 20
COACH_FACTS_MAX = 50
