"""The overlay's logic, written once for asyncio (and trio); `_sync/` is generated from it."""
