"""Every database method of the store goes through the one guard (closed store, driver errors)."""

from __future__ import annotations

import inspect

import pytest

from bot.store import Store, StoreError

UNGUARDED = {
    "open",  # builds the store
    "from_settings",  # calls open
    "close",  # idempotent: closing a closed store is fine
    "export_csv",  # reads through `questions` (guarded); errors writing its file are the caller's
}


def database_methods() -> list[str]:
    return sorted(
        name
        for name, member in inspect.getmembers(Store, inspect.iscoroutinefunction)
        if not name.startswith("_") and name not in UNGUARDED
    )


def test_the_store_has_its_methods() -> None:
    assert {"log_question", "claim_reminder", "erase_user", "put_meta"} <= set(database_methods())


@pytest.mark.parametrize("name", database_methods())
def test_every_database_method_is_guarded(name: str) -> None:
    assert hasattr(getattr(Store, name), "__wrapped__"), f"Store.{name} is not @guarded"


async def test_a_guarded_method_on_a_closed_store_says_so(store: Store) -> None:
    await store.close()
    with pytest.raises(StoreError) as caught:
        await store.announced_schedule()
    assert caught.value.kind == "closed"
