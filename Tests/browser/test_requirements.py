"""Requirements in a real browser: runs after test_projects.py created project ATC (Ada leads it)."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import fill_form, sign_in, submit

MODULE = "/projects/ATC/requirements/SYS"


def add_requirement(browser, server, title, statement):
    browser.get(server["url"] + MODULE)
    form = browser.find_element(By.ID, "new-requirement")
    for name, value in {"title": title, "statement": statement}.items():
        form.find_element(By.NAME, name).send_keys(value)
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "added." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]


def add_link(browser, server, source, target):
    browser.get(f"{server['url']}/projects/ATC/items/{source}")
    form_action = f"/projects/ATC/items/{source}/links"
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{form_action}"] select[name="kind"]')).select_by_value("derives-from")
    fill_form(browser, form_action, {"target": target})
    submit(browser, form_action)
    assert "Link added." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]


def test_module_requirements_links_and_a_suspect_link_cleared(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    browser.get(server["url"] + "/projects/ATC")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, 'nav.tabs a[href="/projects/ATC/requirements"]'))

    # A module …
    fill_form(browser, "/projects/ATC/requirements", {"name": "System requirements", "prefix": "SYS",
                                                     "description": "Top-level requirements of the ATC system."})
    submit(browser, "/projects/ATC/requirements")
    assert browser.current_url.endswith(MODULE), browser.page_source[:3000]
    print("screenshot:", screenshot("20-module-created"))

    # … three requirements …
    add_requirement(browser, server, "Detect aircraft", "The system shall detect aircraft within 250 NM.")
    add_requirement(browser, server, "Track aircraft", "The system shall track each detected aircraft.")
    add_requirement(browser, server, "Show tracks", "The display should show tracks quickly.")
    browser.get(server["url"] + MODULE)
    document = browser.find_element(By.CSS_SELECTOR, ".document").text
    for key in ("SYS-REQ-001", "SYS-REQ-002", "SYS-REQ-003"):
        assert key in document
    assert "No “shall”" in document  # the quality badge of the third
    print("screenshot:", screenshot("21-document"))

    # … linked to the first …
    add_link(browser, server, "SYS-REQ-002", "SYS-REQ-001")
    add_link(browser, server, "SYS-REQ-003", "SYS-REQ-001")

    # … edit the parent's statement: the children's links turn suspect.
    browser.get(server["url"] + "/projects/ATC/items/SYS-REQ-001/edit")
    fill_form(browser, "/projects/ATC/items/SYS-REQ-001/edit",
              {"statement": "The system shall detect aircraft within 200 NM."})
    submit(browser, "/projects/ATC/items/SYS-REQ-001/edit")
    assert "SYS-REQ-001 saved." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    browser.get(server["url"] + "/projects/ATC/items/SYS-REQ-002")
    suspect = browser.find_element(By.CSS_SELECTOR, ".suspect")
    assert "SYS-REQ-001" in suspect.text
    print("screenshot:", screenshot("22-suspect-link"))

    # Clear it with a reason.
    form = browser.find_element(By.CSS_SELECTOR, "form.clear-suspect")
    form.find_element(By.NAME, "reason").send_keys("Range change does not affect tracking")
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Suspect flag cleared." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    assert browser.find_elements(By.CSS_SELECTOR, ".suspect") == []
    assert "cleared: Range change does not affect tracking" in browser.find_element(By.CSS_SELECTOR, ".links").text
    print("screenshot:", screenshot("23-suspect-cleared"))

    # The other child is still suspect on the project list.
    browser.get(server["url"] + "/projects/ATC/suspect-links")
    assert "SYS-REQ-003" in browser.find_element(By.CSS_SELECTOR, "table.suspect-links").text

    # The audit trail shows the rows.
    browser.get(server["url"] + "/projects/ATC/audit")
    audit = browser.find_element(By.TAG_NAME, "main").text
    for action in ("link.suspect-cleared", "artifact.updated", "link.created", "requirement-module.created"):
        assert action in audit, action
    print("screenshot:", screenshot("24-audit"))

    # Impact of the parent: both children, drawn as SVG.
    browser.get(server["url"] + "/projects/ATC/items/SYS-REQ-001/impact")
    assert "2 artifacts reached" in browser.find_element(By.TAG_NAME, "main").text
    image = browser.find_element(By.CSS_SELECTOR, "img.impact-graph")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)
    print("screenshot:", screenshot("25-impact"))
    assert console_errors(browser) == []


def test_inline_status_in_the_document(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    browser.get(server["url"] + MODULE)
    badge = browser.find_element(By.CSS_SELECTOR, '#item-SYS-REQ-002 a.inline-status')
    assert badge.text == "Draft"
    badge.click()
    menu = browser.find_element(By.CSS_SELECTOR, ".status-menu")
    choices = [button.text for button in menu.find_elements(By.TAG_NAME, "button")]
    assert choices == ["Submit for review", "Make obsolete"], choices  # Ada leads ATC: obsolete is hers to choose
    print("screenshot:", screenshot("26-inline-status-menu"))
    click_and_wait(browser, menu.find_element(By.XPATH, './/button[text()="Submit for review"]'))
    assert browser.current_url.endswith(MODULE + "#item-SYS-REQ-002"), browser.current_url
    assert "SYS-REQ-002 is now in review." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    badge = browser.find_element(By.CSS_SELECTOR, '#item-SYS-REQ-002 a.inline-status')
    assert badge.text == "In review"
    # Escape closes the menu again without changing anything.
    badge.click()
    assert browser.find_elements(By.CSS_SELECTOR, ".status-menu")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert browser.find_elements(By.CSS_SELECTOR, ".status-menu") == []
    assert console_errors(browser) == []
