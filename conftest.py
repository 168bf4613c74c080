"""Shared fixtures: the demo organization tree and persona clients (see CONTRIBUTING.md)."""

import os
import shutil

import pytest
from django.test import Client

# Playwright runs an event loop in the test thread; the ORM calls in e2e tests are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # The portal token lives in the database, which rolls back between tests while the page cache does not:
    # without this a page cached by one test could be replayed to the next under the same token.
    from gongkai.portal.cache import cache as page_cache

    page_cache.clear()


@pytest.fixture
def world(db):
    """The demo organizations and users: ``world["orgs"]["yuandian"]``, ``world["users"]["yd_clerk"]``."""
    from gongkai.organizations import demo

    ctx: dict = {}
    demo.load(ctx)
    return ctx


@pytest.fixture
def orgs(world):
    return world["orgs"]


@pytest.fixture
def users(world):
    return world["users"]


@pytest.fixture
def client_for(world):
    """``client_for("yd_clerk")`` → a Client logged in as that demo user."""

    def make(username):
        c = Client()
        c.force_login(world["users"][username])
        return c

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser(browser_type_launch_args):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(**browser_type_launch_args)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def login(page):
    """``login("yd_clerk")`` logs the browser in through the real login form."""
    from gongkai.organizations.demo import DEMO_PASSWORD

    def do(username, password=DEMO_PASSWORD):
        page.goto("/staff/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()

    return do
