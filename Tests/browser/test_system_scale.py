"""Fifty elements in a real browser: runs last of the system walks. A 50-element tree arrives as a sheet through
the import page (check, then apply); an architecture of all fifty is generated, and in the browser no two of its
boxes overlap and every label sits inside its box."""
from selenium.webdriver.common.by import By

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import sign_in


def overlaps(a, b):
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_fifty_elements_by_sheet_and_their_architecture(server, browser, screenshot, tmp_path):
    sign_in(browser, server, "ada@example.com", PASSWORD)
    rows = ["key,title,level,parent", "SC-00,Scale test vehicle,system,"]
    keys = ["SC-00"]
    for s in range(1, 8):
        rows.append(f"SC-{s}0,Subsystem {s} of the vehicle,subsystem,SC-00")
        keys.append(f"SC-{s}0")
        for a in range(1, 7):
            rows.append(f"SC-{s}{a},Assembly {a} of subsystem {s},assembly,SC-{s}0")
            keys.append(f"SC-{s}{a}")
    assert len(keys) == 50
    sheet = tmp_path / "fifty.csv"
    sheet.write_text("\n".join(rows) + "\n")

    browser.get(server["url"] + "/projects/ATC/elements")
    upload = browser.find_element(By.CSS_SELECTOR, 'form[enctype="multipart/form-data"]')
    upload.find_element(By.NAME, "file").send_keys(str(sheet))
    click_and_wait(browser, upload.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
    click_and_wait(browser, browser.find_element(By.XPATH, '//button[starts-with(normalize-space(), "Apply")]'))
    assert "50 new" in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]

    listing = "/projects/ATC/architectures"
    browser.get(server["url"] + listing)
    form = browser.find_element(By.CSS_SELECTOR, f'form[action="{listing}"]')
    form.find_element(By.NAME, "title").send_keys("Fifty-element vehicle")
    form.find_element(By.NAME, "nodes").send_keys(" ".join(keys))
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'))
    assert "created." in browser.find_element(By.CSS_SELECTOR, ".flashes").text, browser.page_source[:3000]

    boxes = [rect.rect for rect in browser.find_elements(By.CSS_SELECTOR, "figure.diagram rect")]
    assert len(boxes) == 50
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not overlaps(a, b), (a, b)
    # Every label line sits inside its own box.
    for group in browser.find_elements(By.CSS_SELECTOR, "figure.diagram g"):
        box = group.find_element(By.CSS_SELECTOR, "rect").rect
        for text in group.find_elements(By.CSS_SELECTOR, "text"):
            t = text.rect
            assert box["x"] <= t["x"] and t["x"] + t["width"] <= box["x"] + box["width"] + 1, (box, t, text.text)
    browser.execute_script("document.querySelector('figure.diagram').scrollIntoView()")
    print("screenshot:", screenshot("59-architecture-fifty"))
    assert console_errors(browser) == []
