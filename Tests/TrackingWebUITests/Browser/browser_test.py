"""Drives the web UI of a running `runs server` in headless Chromium (Debian's chromium and
chromium-driver) through selenium, and prints what it saw as one JSON object.

    python browser_test.py --url http://127.0.0.1:PORT --token TOKEN

The registry behind the server holds experiment `demo` with runs `lstm-a` (learning_rate 0.01)
and `lstm-b` (0.1), a run named `<script>alert('x')</script>`, and model `cpu` with versions 1
and 2, `production` on v1 (WebUIBrowserTests writes it). The Swift test asserts the values;
this script only fails (exit 1) when a page does not load or an element is missing.
"""
import argparse
import json
import sys

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def alert_text(driver):
    """The text of an open JavaScript alert, or None (an escaped <script> never opens one)."""
    try:
        return driver.switch_to.alert.text
    except NoAlertPresentException:
        return None


def navigate_by(driver, element, ready):
    """Clicks `element` (a link or submit button) and waits until the next page has replaced
    this one and shows `ready` (a CSS selector): a click returns before the new page loads."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(driver, 30)
    wait.until(replaced(page))
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ready)))


def replaced(old):
    """A wait condition: `old` (an element of the previous page) is gone. Chromium's driver
    reports a node of a page being torn down either as a stale element or as the error
    "Node with given id does not belong to the document"; both mean the page was replaced."""
    def check(driver):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return check


def run_names(driver):
    return [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#runs tbody td.run-name a")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    args = parser.parse_args()
    seen = {}
    driver = browser()
    try:
        # 1. The runs table, with the hostile name shown as text and no script run.
        driver.get(args.url + "/runs?experiment=demo")
        seen["runs_title"] = driver.title
        seen["runs_names"] = sorted(run_names(driver))
        seen["runs_total"] = driver.find_element(By.CSS_SELECTOR, ".pager .total").text
        seen["alert_on_runs"] = alert_text(driver)
        seen["script_elements"] = driver.execute_script("return document.getElementsByTagName('script').length")

        # 2. Filter through the filter box.
        box = driver.find_element(By.NAME, "filter")
        box.clear()
        box.send_keys("params.learning_rate = '0.01'")
        navigate_by(driver, driver.find_element(By.CSS_SELECTOR, "#search button[type=submit]"), "#runs")
        seen["filtered_names"] = run_names(driver)
        seen["filtered_url"] = driver.current_url

        # 3. Open the run from the table.
        navigate_by(driver, driver.find_element(By.LINK_TEXT, "lstm-a"), "#run-title")
        seen["run_title"] = driver.find_element(By.ID, "run-title").text
        seen["run_params"] = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.TAG_NAME, "td").text
                              for row in driver.find_elements(By.CSS_SELECTOR, "#params tr")}
        seen["run_charts"] = len(driver.find_elements(By.CSS_SELECTOR, "#charts svg[role=img]"))
        seen["run_nan_markers"] = len(driver.find_elements(By.CSS_SELECTOR, "#charts .nan-marker"))
        seen["run_artifacts"] = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#artifacts td.hash")]

        # The hostile run's own page: its name is the heading's text.
        driver.get(args.url + "/runs?experiment=demo")
        navigate_by(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "<script>"), "#run-title")
        seen["hostile_title"] = driver.find_element(By.ID, "run-title").text
        seen["alert_on_run"] = alert_text(driver)

        # 4. Compare two runs: tick them in the table, press Compare.
        driver.get(args.url + "/runs?experiment=demo")
        for row in driver.find_elements(By.CSS_SELECTOR, "#runs tbody tr"):
            if row.find_element(By.CSS_SELECTOR, "td.run-name a").text in ("lstm-a", "lstm-b"):
                row.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
        navigate_by(driver, driver.find_element(By.CSS_SELECTOR, "#compare button[type=submit]"), "#compare-metrics")
        seen["compare_heading"] = driver.find_element(By.TAG_NAME, "h1").text
        seen["compare_differences"] = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#differences tbody tr")]
        seen["compare_curves"] = len(driver.find_elements(By.CSS_SELECTOR, "#curves svg[role=img]"))
        seen["compare_horizon_charts"] = len(driver.find_elements(By.CSS_SELECTOR, "#horizons svg[role=img]"))

        # 5. Promote v2 to production: first without the token (refused), then with it.
        def promote(token, ready):
            driver.get(args.url + "/models")
            form = driver.find_element(By.CSS_SELECTOR, "tr#cpu-v2 form.promote")
            if token is not None:
                form.find_element(By.NAME, "token").send_keys(token)
            form.find_element(By.NAME, "reason").send_keys("browser test")
            navigate_by(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), ready)

        driver.get(args.url + "/models")
        seen["alias_before"] = driver.find_element(By.CSS_SELECTOR, "td.alias-version[data-alias=production]").text
        promote(None, ".error")
        seen["refused_error"] = driver.find_element(By.CSS_SELECTOR, ".error").text
        seen["alias_after_refusal"] = driver.find_element(By.CSS_SELECTOR, "td.alias-version[data-alias=production]").text
        promote(args.token, "#message")
        seen["promoted_url"] = driver.current_url
        seen["promoted_message"] = driver.find_element(By.ID, "message").text
        seen["alias_after"] = driver.find_element(By.CSS_SELECTOR, "td.alias-version[data-alias=production]").text
        seen["history_first_row"] = driver.find_element(By.CSS_SELECTOR, "table.history tbody tr").text
    finally:
        driver.quit()
    print(json.dumps(seen, sort_keys=True))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a missing element or page: say which, fail the test
        print(f"browser_test: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
