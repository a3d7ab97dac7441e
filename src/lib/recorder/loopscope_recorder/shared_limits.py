"""The limits the recorder shares with the app (generated; do not edit).

Written from src/lib/trace/limits.json by `npm run limits` (scripts/shared-limits.js);
src/lib/recorder/shared-limits.test.ts fails when this file and the JSON drift.
"""

EVENTS = 200_000
OUTPUT_CHARS = 1_000_000
NAME_CHARS = 1_000
MESSAGE_CHARS = 10_000
