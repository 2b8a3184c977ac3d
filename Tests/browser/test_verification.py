"""Verification in a real browser, after the requirements walk (SYS-REQ-001 … 003 in ATC): a plan, a case linked to a
requirement, a run with a failing result and an evidence file, a defect, the RVTM showing it failed; then CI posts
a passing JUnit report with curl and a personal access token, the RVTM shows it verified, and an edit of the
requirement turns it stale."""
import json
import re
import subprocess
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors
from test_identity import PASSWORD, click_and_wait
from test_projects import fill_form, sign_in, submit


def flash(browser):
    return browser.find_element(By.CSS_SELECTOR, ".flashes").text


def rvtm_status(browser, server, key):
    browser.get(server["url"] + "/projects/ATC/rvtm?module=SYS")
    for row in browser.find_elements(By.CSS_SELECTOR, "table.rvtm tbody tr"):
        cells = row.find_elements(By.TAG_NAME, "td")
        if cells[0].text == key:
            return cells[2].text
    raise AssertionError(f"{key} is not in the RVTM: " + browser.page_source[:3000])


def curl(*arguments):
    done = subprocess.run(["curl", "-sS", "--fail-with-body", *arguments], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def test_plan_case_run_defect_rvtm_ci_and_stale(server, browser, screenshot, tmp_path):
    sign_in(browser, server, "ada@example.com", PASSWORD)

    # A plan of the SYS module.
    plans = "/projects/ATC/verification/plans"
    browser.get(server["url"] + plans)
    fill_form(browser, plans, {"title": "System verification", "modules": "SYS"})
    submit(browser, plans)
    assert "VP-001 created." in flash(browser), browser.page_source[:3000]

    # A case with a step, verifying SYS-REQ-001.
    cases = "/projects/ATC/verification/cases"
    browser.get(server["url"] + cases)
    fill_form(browser, cases, {"title": "Detect at range", "verifies": "SYS-REQ-001"})
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{cases}"] select[name="status"]')).select_by_value("ready")
    form = browser.find_element(By.CSS_SELECTOR, f'form[action="{cases}"]')
    form.find_elements(By.NAME, "action[]")[0].send_keys("Place a target at 200 NM")
    form.find_elements(By.NAME, "expected[]")[0].send_keys("Detected within two scans")
    submit(browser, cases)
    assert "TC-001 created." in flash(browser), browser.page_source[:3000]
    assert "Detected within two scans" in browser.find_element(By.CSS_SELECTOR, "table.case-steps").text

    # A run of it with a failing result and an evidence file.
    runs = "/projects/ATC/verification/runs"
    browser.get(server["url"] + runs)
    fill_form(browser, runs, {"title": "Range campaign", "case": "TC-001", "build": "1.4.0"})
    submit(browser, runs)
    assert "RUN-1 started." in flash(browser), browser.page_source[:3000]
    evidence = tmp_path / "range-plot.csv"
    evidence.write_text("scan,range_nm\n1,187\n2,196\n")
    record = "/projects/ATC/verification/runs/1/results"
    Select(browser.find_element(By.CSS_SELECTOR, f'form[action="{record}"] select[name="outcome"]')).select_by_value("fail")
    fill_form(browser, record, {"notes": "Lost the target beyond 196 NM"})
    browser.find_element(By.CSS_SELECTOR, f'form[action="{record}"] input[name="file"]').send_keys(str(evidence))
    submit(browser, record)
    assert "TC-001 fail recorded in RUN-1." in flash(browser), browser.page_source[:3000]
    results = browser.find_element(By.CSS_SELECTOR, "table.run-results").text
    assert "range-plot.csv" in results and "Lost the target" in results
    print("screenshot:", screenshot("70-run-with-a-failure"))

    # A defect from the failed result.
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Report defect']"))
    assert "DEF-001 reported." in flash(browser), browser.page_source[:3000]
    assert "SYS-REQ-001" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text

    # The RVTM shows the requirement failed.
    assert rvtm_status(browser, server, "SYS-REQ-001") == "failed"
    print("screenshot:", screenshot("71-rvtm-failed"))

    # CI: a token for ATC, a JUnit report posted with curl, the job followed to its end.
    browser.get(server["url"] + "/account")
    fill_form(browser, "/account/tokens", {"name": "CI results upload"})
    Select(browser.find_element(By.CSS_SELECTOR, 'form[action="/account/tokens"] select[name="project"]')).select_by_value("ATC")
    Select(browser.find_element(By.CSS_SELECTOR, 'form[action="/account/tokens"] select[name="role"]')).select_by_value("editor")
    submit(browser, "/account/tokens")
    token = re.search(r"sesa_pat_[A-Za-z0-9_\-]+", browser.page_source).group(0)
    report = tmp_path / "TEST-radar.xml"
    report.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="radar" tests="2">\n'
                      '  <testcase classname="radar.Detection" name="detects_at_200nm" time="1.25">\n'
                      '    <properties><property name="sesa.case" value="TC-001"/></properties>\n  </testcase>\n'
                      '  <testcase classname="radar.Misc" name="logs_rotate" time="0.1"/>\n</testsuite>\n')
    accepted = curl("-X", "POST", "-H", f"Authorization: Bearer {token}", "-H", "Content-Type: application/xml",
                    "--data-binary", f"@{report}",
                    f"{server['url']}/api/v1/projects/ATC/results/junit?build=1.4.1&environment=ci&commit=9f2c1e&file=TEST-radar.xml")
    assert accepted["run"] == "RUN-2" and accepted["passed"] == 2, accepted
    assert [entry["test"] for entry in accepted["unmatched"]] == ["radar.Misc.logs_rotate"], accepted
    deadline = time.time() + 30
    while True:
        job = curl("-H", f"Authorization: Bearer {token}", server["url"] + accepted["url"])
        if job["status"] == "succeeded":
            break
        assert job["status"] in ("queued", "running") and time.time() < deadline, job
        time.sleep(0.3)
    assert rvtm_status(browser, server, "SYS-REQ-001") == "verified"
    browser.get(server["url"] + "/projects/ATC/verification/runs/2")
    assert "radar.Misc.logs_rotate" in browser.find_element(By.CSS_SELECTOR, "table.unmatched-tests").text
    print("screenshot:", screenshot("72-ci-run"))

    # The requirement changes: its evidence is stale.
    edit = "/projects/ATC/items/SYS-REQ-001/edit"
    browser.get(server["url"] + edit)
    fill_form(browser, edit, {"statement": "The system shall detect aircraft within 220 NM."})
    submit(browser, edit)
    assert "SYS-REQ-001 saved." in flash(browser)
    assert rvtm_status(browser, server, "SYS-REQ-001") == "stale"
    print("screenshot:", screenshot("73-rvtm-stale"))

    browser.get(server["url"] + "/projects/ATC/verification/coverage")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.count-chart")
    assert console_errors(browser) == []
