"""Governance set-up in a real browser: runs after test_projects.py created project ATC (Ada leads it) and before
the system design walks — the walk begins with phases and delivery organisations."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import fill_form, sign_in, submit

GOVERNANCE = "/projects/ATC/governance"


def add_phase(browser, server, name, starts, ends, status, gate):
    browser.get(server["url"] + GOVERNANCE)
    action = "/projects/ATC/phases"
    form = browser.find_element(By.CSS_SELECTOR, f'form[action="{action}"]')
    fill_form(browser, action, {"name": name, "gate_criteria": gate})
    # Date inputs take typed text in the browser's locale; set the ISO value the form posts instead.
    for field, value in (("starts_on", starts), ("ends_on", ends)):
        browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, field), value)
    Select(form.find_element(By.NAME, "status")).select_by_value(status)
    submit(browser, action)


def add_organisation(browser, server, code, name, kind):
    browser.get(server["url"] + GOVERNANCE)
    action = "/projects/ATC/organisations"
    fill_form(browser, action, {"code": code, "name": name})
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{action}"] select[name="kind"]')).select_by_value(kind)
    submit(browser, action)
    assert "added." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]


def test_phases_and_delivery_organisations(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    browser.get(server["url"] + "/projects/ATC")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f'nav.tabs a[href="{GOVERNANCE}"]'))

    # A phase that ends before it starts is refused at its field; then two good phases.
    add_phase(browser, server, "Concept", "2027-03-01", "2027-01-01", "active", "MCR passed")
    assert "cannot end (2027-01-01) before it starts" in browser.find_element(By.CSS_SELECTOR, ".field-invalid").text
    # The refusal is a 422 page, which the console reports as a failed load; nothing else may be there.
    assert [e for e in console_errors(browser) if "status of 422" not in e] == []
    add_phase(browser, server, "Concept", "2027-01-01", "2027-03-31", "active", "MCR passed")
    add_phase(browser, server, "Design", "2027-04-01", "2027-12-31", "planned", "CDR passed")
    phases = browser.find_element(By.CSS_SELECTOR, "table.phases").text
    assert "Concept" in phases and "Design" in phases and "2027-12-31" in phases

    add_organisation(browser, server, "ATCI", "ATC Integration", "integrator")
    add_organisation(browser, server, "RADCO", "Radar Company", "supplier")
    organisations = browser.find_element(By.CSS_SELECTOR, "table.organisations").text
    assert "Radar Company" in organisations and "integrator" in organisations
    print("screenshot:", screenshot("45-governance"))
    assert console_errors(browser) == []
