"""Owners, scope and design packages in a real browser: runs after the governance set-up (ATCI, RADCO; phases
Concept and Design), the element tree (EL-001 … EL-007) and the interfaces (IF-001 … IF-003) — the walk ends with
the design package report."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import fill_form, sign_in, submit


def set_owner(browser, server, key, owner):
    browser.get(f"{server['url']}/projects/ATC/elements/{key}")
    action = f"/projects/ATC/elements/{key}/edit"
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{action}"] select[name="owner"]')).select_by_value(owner)
    submit(browser, action)
    assert "saved." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]


def test_owners_scope_and_a_design_package_report(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    # The radar (EL-002) is RADCO's, the display (EL-005) the integrator's; their parts (the antenna EL-003, the
    # working position EL-006) belong to them without an owner of their own.
    set_owner(browser, server, "EL-002", "RADCO")
    set_owner(browser, server, "EL-005", "ATCI")
    browser.get(f"{server['url']}/projects/ATC/elements/EL-003")
    assert "RADCO (through its parent)" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text

    # Scope: the radar to RADCO in Concept, then changed inline to Design — the select saves the row itself.
    scope = "/projects/ATC/scope"
    browser.get(server["url"] + scope)
    fill_form(browser, scope, {"element": "EL-002"})
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{scope}"] select[name="organisation"]')).select_by_value("RADCO")
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{scope}"] select[name="phase"]')).select_by_value("Concept")
    submit(browser, scope)
    assert "allocated to RADCO" in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]
    row = browser.find_element(By.CSS_SELECTOR, "table.scope tbody tr")
    old = browser.find_element(By.CSS_SELECTOR, ".flashes")
    Select(row.find_element(By.NAME, "phase")).select_by_value("Design")
    WebDriverWait(browser, 10).until(lambda b: "Scope of EL-002 saved." in b.find_element(By.CSS_SELECTOR, ".flashes").text)
    row = browser.find_element(By.CSS_SELECTOR, "table.scope tbody tr")
    assert Select(row.find_element(By.NAME, "phase")).first_selected_option.text == "Design"
    print("screenshot:", screenshot("53-scope"))

    # The N² matrix filtered to RADCO keeps the radar's interfaces only.
    browser.get(server["url"] + "/projects/ATC/n2?level=subsystem&organisation=RADCO")
    assert Select(browser.find_element(By.NAME, "organisation")).first_selected_option.get_attribute("value") == "RADCO"
    assert "IF-001" in browser.find_element(By.CSS_SELECTOR, "table.n2").get_attribute("innerHTML") or \
        browser.find_elements(By.CSS_SELECTOR, 'table.n2 a[href*="from=EL-002"]')

    # A design package owned by RADCO in Design, holding the radar and its video interface.
    packages = "/projects/ATC/packages"
    browser.get(server["url"] + packages)
    fill_form(browser, packages, {"title": "Radar head", "description": "Antenna, interrogator and the video link"})
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{packages}"] select[name="owner"]')).select_by_value("RADCO")
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{packages}"] select[name="phase"]')).select_by_value("Design")
    submit(browser, packages)
    assert "DP-001 created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]
    contents = "/projects/ATC/packages/DP-001/contents"
    for key in ("EL-002", "EL-003", "IF-001"):
        fill_form(browser, contents, {"key": key})
        submit(browser, contents)
        assert f"{key} is now in DP-001." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]
    elements = browser.find_element(By.CSS_SELECTOR, "table.package-system-element").text
    assert "EL-002" in elements and "EL-003" in elements and "RADCO" in elements
    interfaces = browser.find_element(By.CSS_SELECTOR, "table.package-interface").text
    assert "IF-001" in interfaces and "EL-003" in interfaces
    assert browser.find_element(By.CSS_SELECTOR, 'a[href="/projects/ATC/packages/DP-001/report.csv"]')
    print("screenshot:", screenshot("54-design-package-report"))

    # The reports page: the video link crosses from RADCO to ATCI.
    browser.get(server["url"] + "/projects/ATC/interface-reports")
    crossing = browser.find_element(By.CSS_SELECTOR, "#cross-organisation + p + table").text
    assert "IF-001" in crossing and "RADCO" in crossing and "ATCI" in crossing
    print("screenshot:", screenshot("55-interface-reports"))
    assert console_errors(browser) == []


def test_an_architecture_generated_from_the_model_and_approved(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    listing = "/projects/ATC/architectures"
    browser.get(server["url"] + listing)
    fill_form(browser, listing, {"title": "Surveillance chain", "nodes": "EL-001 EL-002 EL-003 EL-004 EL-005 EL-006 EL-007"})
    submit(browser, listing)
    assert "AR-001 created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]
    # The view: one box per element, labels inside their boxes, no two boxes overlapping.
    boxes = [rect.rect for rect in browser.find_elements(By.CSS_SELECTOR, "figure.diagram rect")]
    assert len(boxes) == 7
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and
                        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]), (a, b)
    labels = browser.find_elements(By.CSS_SELECTOR, "figure.diagram text")
    assert any("EL-007" in label.text for label in labels)
    # Ada leads ATC: she submits it for review, then approves it.
    for button in ("Submit for review", "Approve"):
        click_and_wait(browser, browser.find_element(By.XPATH, f'//button[normalize-space()="{button}"]'))
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "approved" in facts and "version 3 by" in facts, facts
    print("screenshot:", screenshot("56-architecture"))
    assert console_errors(browser) == []


def test_an_icd_with_a_file_and_the_design_dashboard(server, browser, screenshot, tmp_path):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    documents = "/projects/ATC/interface-documents"
    browser.get(server["url"] + documents)
    fill_form(browser, documents, {"number": "ICD-RAD-001", "revision": "A", "title": "Radar to display", "interfaces": "IF-001"})
    submit(browser, documents)
    assert "ICD ICD-RAD-001 revision A created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]
    pdf = tmp_path / "ICD-RAD-001 A.pdf"
    pdf.write_bytes(b"%PDF-1.7\n% SESA browser test\n")
    upload = browser.find_element(By.CSS_SELECTOR, 'form[enctype="multipart/form-data"]')
    upload.find_element(By.NAME, "file").send_keys(str(pdf))
    click_and_wait(browser, upload.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
    files = browser.find_element(By.CSS_SELECTOR, "table.document-files").text
    assert "ICD-RAD-001 A.pdf" in files, browser.page_source[:3000]
    print("screenshot:", screenshot("57-interface-document"))
    browser.get(server["url"] + "/projects/ATC/interfaces/IF-001")
    assert "ICD ICD-RAD-001 rev A" in browser.find_element(By.CSS_SELECTOR, "ul.documents").text

    browser.get(server["url"] + "/projects/ATC/design-dashboard")
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.count-chart")
    assert len(charts) == 10
    assert any("Interfaces by status" in chart.get_attribute("aria-label") for chart in charts)
    print("screenshot:", screenshot("58-design-dashboard"))
    assert console_errors(browser) == []
