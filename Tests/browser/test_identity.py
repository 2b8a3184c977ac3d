"""First administrator, sign-in, account page and sign-out in a real browser."""
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import console_errors

PASSWORD = "a long and unusual passphrase"


def click_and_wait(browser, element):
    """Clicks something that loads the next page and waits for it: reading the page before it arrives is flaky."""
    element.click()
    WebDriverWait(browser, 10).until(lambda _: is_gone(element))


def is_gone(element):
    """True once the page that held `element` was replaced. Chromium sometimes reports a node of the old
    document as "does not belong to the document" rather than as stale; both mean the new page arrived."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def fill(browser, values):
    for name, value in values.items():
        field = browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)


def test_set_up_first_admin_sign_in_and_out(server, browser, screenshot):
    assert server["setup_link"], "sesa serve printed no set-up link on a fresh install"
    assert server["setup_link"].startswith(server["url"] + "/setup/")

    # The set-up page refuses a common password and keeps what was typed.
    browser.get(server["setup_link"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Set up SESA"
    fill(browser, {"email": "ada@example.com", "display_name": "Ada Lovelace",
                   "password": "password123456", "password_confirmation": "password123456"})
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.primary"))
    assert "one of the most common passwords" in browser.find_element(By.CSS_SELECTOR, ".field-invalid").text
    assert browser.find_element(By.NAME, "email").get_attribute("value") == "ada@example.com"
    print("screenshot:", screenshot("03-setup-refused"))

    fill(browser, {"password": PASSWORD, "password_confirmation": PASSWORD})
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.primary"))
    assert "Welcome, Ada Lovelace." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    assert browser.find_element(By.CSS_SELECTOR, ".account-name").text == "Ada Lovelace"
    print("screenshot:", screenshot("04-signed-in"))

    # The flash can be dismissed (app.js under the CSP).
    browser.find_element(By.CSS_SELECTOR, ".flash-dismiss").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".flash") == []

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".account-name"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your account"
    assert "ada@example.com" in browser.find_element(By.CSS_SELECTOR, ".facts").text
    assert "this browser" in browser.find_element(By.CSS_SELECTOR, ".sessions").text
    print("screenshot:", screenshot("05-account"))

    # The session cookie is invisible to scripts (HttpOnly).
    assert "__Host-sesa" not in browser.execute_script("return document.cookie")

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".account-menu button"))
    assert browser.current_url.endswith("/login")
    assert "You have signed out." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    browser.get(server["url"] + "/account")
    assert "/login?next=" in browser.current_url
    print("screenshot:", screenshot("06-signed-out"))

    # Wrong password, then the right one takes the user back where they were going.
    fill(browser, {"email": "ada@example.com", "password": "not the password at all"})
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.primary"))
    assert "not correct" in browser.find_element(By.CSS_SELECTOR, ".form-errors").text
    fill(browser, {"email": "ada@example.com", "password": PASSWORD})
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.primary"))
    assert browser.current_url.endswith("/account")
    # The refused set-up (422) and wrong password (401) above are deliberate; nothing else may fail.
    assert [m for m in console_errors(browser) if "status of 401" not in m and "status of 422" not in m] == []

    # The set-up link is spent.
    browser.get(server["setup_link"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "404 · Not Found"
