"""System elements in a real browser: runs after test_projects.py created project ATC (Ada leads it).

Builds a small tree through the forms, picks a parent with the typeahead, checks the generated architecture view
(readable labels, no overlapping boxes, no CSP errors), a refused move and a relation."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import fill_form, sign_in, submit

TREE = "/projects/ATC/elements"


def add_element(browser, server, title, level, parent=""):
    browser.get(server["url"] + TREE)
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{TREE}"] select[name="level"]')).select_by_value(level)
    fill_form(browser, TREE, {"title": title, "parent": parent})
    submit(browser, TREE)
    assert "created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]


def boxes_overlap(a, b):
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_element_tree_picker_architecture_view_and_relations(server, browser, screenshot):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    browser.get(server["url"] + "/projects/ATC")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f'nav.tabs a[href="{TREE}"]'))
    assert "No system elements yet" in browser.page_source

    add_element(browser, server, "Air traffic control system", "system")
    add_element(browser, server, "Radar subsystem", "subsystem", "EL-001")

    # The parent picker: typing title words offers the matching elements.
    browser.get(server["url"] + TREE)
    picker = browser.find_element(By.ID, "field-parent")
    picker.send_keys("radar")
    WebDriverWait(browser, 5).until(
        lambda b: any(o.get_attribute("value") == "EL-002"
                      for o in b.find_elements(By.CSS_SELECTOR, "#field-parent-options option")))
    labels = [o.text or o.get_attribute("textContent") for o in browser.find_elements(By.CSS_SELECTOR, "#field-parent-options option")]
    assert any("Radar subsystem" in label for label in labels), labels

    add_element(browser, server, "Primary surveillance radar antenna", "assembly", "EL-002")
    add_element(browser, server, "Secondary radar interrogator", "assembly", "EL-002")
    add_element(browser, server, "Display subsystem", "subsystem", "EL-001")
    add_element(browser, server, "Controller working position", "assembly", "EL-005")
    add_element(browser, server, "Aircraft transponder", "external")

    browser.get(server["url"] + TREE)
    table = browser.find_element(By.CSS_SELECTOR, "table.element-tree").text
    for key in ("EL-001", "EL-004", "EL-007"):
        assert key in table
    # The generated view: one linked box per element, labels inside their boxes, no two boxes overlapping.
    rects = browser.find_elements(By.CSS_SELECTOR, "figure.diagram svg a rect")
    assert len(rects) == 7
    boxes = [r.rect for r in rects]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not boxes_overlap(a, b), (a, b)
    for group in browser.find_elements(By.CSS_SELECTOR, "figure.diagram svg a g"):
        box = group.find_element(By.TAG_NAME, "rect").rect
        for text in group.find_elements(By.TAG_NAME, "text"):
            t = text.rect
            assert box["x"] <= t["x"] and t["x"] + t["width"] <= box["x"] + box["width"] + 1, (group.text, box, t)
    print("screenshot:", screenshot("40-element-tree"))
    assert console_errors(browser) == []  # the inline SVG and the picker script pass the CSP

    # Moving the system below its own radar is refused, naming the chain.
    browser.get(server["url"] + TREE + "/EL-001")
    fill_form(browser, TREE + "/EL-001/move", {"parent": "EL-003"})
    submit(browser, TREE + "/EL-001/move")
    assert "EL-003 lies below EL-001 (EL-001 → EL-002 → EL-003)" in browser.page_source
    # The refusal is a 422 page, which the console reports; nothing else may be there.
    assert all("status of 422" in message for message in console_errors(browser))

    # A relation shows on the element and as a dashed line in the view.
    browser.get(server["url"] + TREE + "/EL-005")
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{TREE}/EL-005/relations"] select[name="kind"]')).select_by_value("depends-on")
    fill_form(browser, TREE + "/EL-005/relations", {"target": "EL-002"})
    submit(browser, TREE + "/EL-005/relations")
    assert "Relation added." in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    assert "EL-002 Radar subsystem" in browser.find_element(By.ID, "relations").find_element(By.XPATH, "following-sibling::table").text
    browser.get(server["url"] + TREE)
    assert browser.find_elements(By.CSS_SELECTOR, "figure.diagram svg path.connection")
    browser.execute_script("document.querySelector('figure.diagram').scrollIntoView()")
    print("screenshot:", screenshot("41-element-relation"))
    assert console_errors(browser) == []
