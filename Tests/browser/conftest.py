"""Fixtures for SESA's browser suite: a release `sesa` server on a fresh SQLite file and headless Chromium.

Run through Tests/browser/run.sh (it installs what is missing). Loopback only.
"""
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHOTS = pathlib.Path(os.environ.get("SESA_SCREENSHOTS", ROOT / "ci-artifacts" / "screenshots"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("SESA_BINARY", str(ROOT / ".build" / "release" / "sesa"))
    workdir = tempfile.mkdtemp(prefix="sesa-browser-")
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": workdir,
        "SESA_DATA_DIR": os.path.join(workdir, "data"),
        "SESA_PUBLIC_DIR": str(ROOT / "Public"),
    }
    log = open(os.path.join(workdir, "server.log"), "w")
    process = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=workdir, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/health/ready", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.time() > deadline:
            log.close()
            raise RuntimeError("sesa did not become ready:\n" + open(log.name).read())
        time.sleep(0.2)
    # A fresh install prints its one-time set-up link once the server runs.
    setup_link = None
    deadline = time.time() + 10
    while setup_link is None and time.time() < deadline:
        for line in open(log.name):
            if "/setup/" in line:
                setup_link = line.strip()
        time.sleep(0.1)
    yield {"url": url, "setup_link": setup_link}
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=15)
    log.close()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def screenshot(browser):
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> pathlib.Path:
        path = SHOTS / f"{name}.png"
        browser.save_screenshot(str(path))
        return path

    return take


def console_errors(driver) -> list:
    """Console messages at SEVERE level: CSP violations, script errors, failed loads."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
