"""Interfaces and the N² matrix in a real browser: runs after test_system.py built ATC's element tree (EL-001 …
EL-007) and test_requirements.py wrote SYS-REQ-001 … — the walk elements → interfaces → N² → interface ↔
requirement link."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import fill_form, sign_in, submit

LIST = "/projects/ATC/interfaces"


def add_interface(browser, server, title, side_a, side_b, kind, direction):
    browser.get(server["url"] + LIST)
    # The list's filter form (GET) has the same action: pick the POST one.
    form = browser.find_element(By.CSS_SELECTOR, f'form[method="post"][action="{LIST}"]')
    Select(form.find_element(By.NAME, "type")).select_by_value(kind)
    Select(form.find_element(By.NAME, "direction")).select_by_value(direction)
    for name, value in {"title": title, "side_a": side_a, "side_b": side_b}.items():
        form.find_element(By.NAME, name).send_keys(value)
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
    assert "created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]


def test_interfaces_n2_matrix_and_an_interface_requirement(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    browser.get(server["url"] + "/projects/ATC")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f'nav.tabs a[href="{LIST}"]'))

    # Radar antenna → interrogator (both under the radar subsystem), radar → display, transponder ↔ interrogator.
    add_interface(browser, server, "Video", "EL-003", "EL-006", "data", "a-to-b")
    add_interface(browser, server, "Sync pulse", "EL-003", "EL-004", "signal", "bidirectional")
    add_interface(browser, server, "Mode S replies", "EL-007", "EL-004", "data", "a-to-b")
    browser.get(server["url"] + LIST)
    assert "IF-003" in browser.find_element(By.CSS_SELECTOR, "table.interfaces").text
    print("screenshot:", screenshot("50-interfaces"))

    # The N² matrix at subsystem level: radar → display holds the video; the transponder is outside the level.
    browser.get(server["url"] + "/projects/ATC/n2?level=subsystem")
    matrix = browser.find_element(By.CSS_SELECTOR, "table.n2")
    assert "EL-002" in matrix.text and "EL-005" in matrix.text
    assert "IF-003" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    print("screenshot:", screenshot("51-n2-matrix"))
    cell = matrix.find_element(By.CSS_SELECTOR, 'a[href*="from=EL-002"][href*="to=EL-005"]')
    click_and_wait(browser, cell)
    listed = browser.find_element(By.CSS_SELECTOR, "table.interfaces").text
    assert "IF-001" in listed and "IF-002" not in listed

    # An interface requirement: SYS-REQ-001 specifies IF-001, shown on the interface.
    browser.get(f"{server['url']}/projects/ATC/items/SYS-REQ-001")
    action = "/projects/ATC/items/SYS-REQ-001/links"
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{action}"] select[name="kind"]')).select_by_value("specifies")
    fill_form(browser, action, {"target": "IF-001"})
    submit(browser, action)
    assert "Link added." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]
    browser.get(server["url"] + LIST + "/IF-001")
    assert "specified by SYS-REQ-001" in browser.page_source
    print("screenshot:", screenshot("52-interface-requirement"))
    assert console_errors(browser) == []
