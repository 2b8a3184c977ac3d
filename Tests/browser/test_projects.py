"""A project, a member and roles in a real browser: runs after test_identity.py created the administrator."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait, fill

VIEWER_PASSWORD = "the viewer's own long passphrase"


def sign_in(browser, server, email, password):
    browser.get(server["url"] + "/login")
    if browser.find_elements(By.CSS_SELECTOR, ".account-menu button"):
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".account-menu button"))
        # Wait for the sign-out to land before navigating on: a navigation racing the POST can leave it to
        # end the *next* session.
        WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/login"))
        browser.get(server["url"] + "/login")
    fill(browser, {"email": email, "password": password})
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.primary"))
    assert browser.find_elements(By.CSS_SELECTOR, ".account-name"), browser.page_source[:2000]


def fill_form(browser, form_action, values):
    """Fills fields of one form: pages such as /admin/projects have several forms with the same field names."""
    form = browser.find_element(By.CSS_SELECTOR, f'form[action="{form_action}"]')
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)


def submit(browser, form_action):
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f'form[action="{form_action}"] button[type="submit"]'))


def test_project_member_and_a_refused_editor_action(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)

    # The administrator creates a project (and leads it) …
    browser.get(server["url"] + "/admin/projects")
    fill_form(browser, "/admin/projects/new",
              {"key": "ATC", "name": "Air traffic control", "description": "Approach and tower systems."})
    submit(browser, "/admin/projects/new")
    assert browser.current_url.endswith("/projects/ATC"), [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".form-errors, .field-error, .error")]
    assert "Project ATC has been created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    assert "ATC" in browser.find_element(By.CSS_SELECTOR, ".project-switcher summary").text
    print("screenshot:", screenshot("10-project-created"))

    # … adds a person …
    browser.get(server["url"] + "/admin/users")
    fill_form(browser, "/admin/users", {"email": "vic@example.com", "display_name": "Vic Viewer",
                                        "password": VIEWER_PASSWORD, "password_confirmation": VIEWER_PASSWORD})
    submit(browser, "/admin/users")
    assert "Vic Viewer can now sign in" in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    print("screenshot:", screenshot("11-admin-people"))

    # … and makes them a viewer of the project.
    browser.get(server["url"] + "/projects/ATC/members")
    fill_form(browser, "/projects/ATC/members", {"email": "vic@example.com"})
    submit(browser, "/projects/ATC/members")
    assert "Vic Viewer is now a viewer of ATC." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    assert "vic@example.com" in browser.find_element(By.CSS_SELECTOR, "table.members").text
    print("screenshot:", screenshot("12-project-members"))

    # The viewer sees the project, without the editor's button, and is refused the editor's page.
    sign_in(browser, server, "vic@example.com", VIEWER_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, ".project-switcher summary").click()
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, '.project-switcher a[href="/projects/ATC"]'))
    assert "Air traffic control" in browser.find_element(By.TAG_NAME, "h1").text
    assert "Viewer" in browser.find_element(By.CSS_SELECTOR, ".facts").text
    assert browser.find_elements(By.LINK_TEXT, "Edit the description") == []
    print("screenshot:", screenshot("13-viewer-overview"))
    browser.get(server["url"] + "/projects/ATC/edit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "403 · Forbidden"
    assert "Your role in ATC is viewer; this needs editor or higher." in browser.page_source
    print("screenshot:", screenshot("14-viewer-refused"))
    # A project they are not in does not exist for them.
    browser.get(server["url"] + "/admin/users")
    assert browser.find_element(By.TAG_NAME, "h1").text == "403 · Forbidden"

    browser.get(server["url"] + "/projects")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".account-menu button"))
    assert browser.current_url.endswith("/login")
    assert [m for m in console_errors(browser) if " 40" not in m] == []
    print("screenshot:", screenshot("15-viewer-signed-out"))
