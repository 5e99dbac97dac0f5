import pytest


@pytest.fixture
def demo(db, settings):
    """The fictional demo world, loaded exactly as ``manage.py load_demo`` does."""
    from content import demo as demo_data

    settings.DEBUG = True
    return demo_data.load()
