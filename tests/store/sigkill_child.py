"""Child process for the SIGKILL test: logs questions from many tasks, forever.

Prints ``<id> <text>`` once ``log_question`` has returned (so the row is committed), then
flushes. The parent kills it with SIGKILL in the middle of the burst. Not a test module.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.store import Store


async def main(path: str, synchronous: str) -> None:
    store = await Store.open(path, synchronous=synchronous, maintenance_interval=None)
    print("ready", flush=True)

    async def asker(worker: int) -> None:
        n = 0
        while True:
            n += 1
            text = f"w{worker}-n{n}"
            qid = await store.log_question(
                text=text, source="text", answered=n % 3 != 0, user_id=worker
            )
            sys.stdout.write(f"{qid} {text}\n")
            sys.stdout.flush()

    await asyncio.gather(*(asker(worker) for worker in range(50)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
