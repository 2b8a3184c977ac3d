"""The web shell in a real browser: the strict CSP must not block our own stylesheet and script."""
from selenium.webdriver.common.by import By

from conftest import console_errors


def test_a_status_page_renders_styled_without_console_errors(server, browser, screenshot):
    browser.get(server["url"] + "/")
    assert browser.title == "Instance status · SESA"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Instance status"
    banner = browser.find_element(By.CSS_SELECTOR, ".status-banner")
    assert banner.text == "All checks pass. This instance is ready."
    # app.css applied (it would not be if the CSP or the static route blocked it): the header is dark.
    header = browser.find_element(By.CSS_SELECTOR, ".site-header")
    assert header.value_of_css_property("background-color") == "rgba(29, 36, 48, 1)"
    # app.js loaded and ran under the CSP.
    assert browser.execute_script(
        "return performance.getEntriesByType('resource').some(e => e.name.includes('/static/app.js'))")
    assert console_errors(browser) == []
    print("screenshot:", screenshot("01-status-page"))


def test_skip_link_and_navigation_are_keyboard_reachable(server, browser):
    browser.get(server["url"] + "/")
    skip = browser.find_element(By.CSS_SELECTOR, "a.skip-link")
    assert skip.get_attribute("href").endswith("#main")
    current = browser.find_element(By.CSS_SELECTOR, "nav[aria-label=Main] a[aria-current=page]")
    assert current.text == "Status"


def test_error_page_is_styled_and_quotes_the_request_id(server, browser, screenshot):
    browser.get(server["url"] + "/no/such/page")
    assert browser.find_element(By.TAG_NAME, "h1").text == "404 · Not Found"
    request_id = browser.find_element(By.CSS_SELECTOR, ".error-page code").text
    assert len(request_id) == 36
    assert browser.find_element(By.CSS_SELECTOR, ".error-page h1").value_of_css_property("color") == "rgba(179, 38, 30, 1)"
    # The 404 itself is logged by the browser; nothing else may be.
    assert [m for m in console_errors(browser) if "404" not in m] == []
    print("screenshot:", screenshot("02-not-found"))
