import pytest


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Test transactions roll back without signals: never let a cached calendar cross tests."""
    from gongkai.workdays.services import invalidate_calendar

    invalidate_calendar()
    yield
    invalidate_calendar()
