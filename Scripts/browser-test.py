"""The HTML player (`nmfviz -o x.html`) in a real browser: headless Chromium driven by Selenium.

Run by Scripts/test when chromium and chromedriver are installed (Scripts/browser-test NMFVIZ does
the same by hand). It makes a player and the PNG frames of the same animation, loads the page, checks
that the console has no error, goes through every control (buttons, slider, speed, loop modes, keys)
and compares the screenshot of the frame shown with the PNG frame of that iteration (SSIM of the
luminance, as scikit-image computes it, >= 0.99), at 1x and with --scale 2 on a 2x screen.
Needs selenium, pillow and numpy: the script makes .venv-browser/ with them on first use (from PyPI).

`browser-test.py --pdf NMFVIZ` opens a PDF still in Chromium's own PDF viewer (PDFium) and compares its
screenshot with the PNG of the same frame (SSIM >= 0.98). The viewer does not run headless (the page
stays empty), so Scripts/test runs this mode in a virtual X server (`xvfb-run`, Debian's xvfb). Both
are made at --scale 0.96, 96 dpi, so that the viewer's 100 % (1 pt = 4/3 CSS px) is one pixel for one.
"""
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-browser")
VENV_PY = os.path.join(VENV, "bin", "python")


def ensure_venv():
    probe = "import selenium, PIL, numpy"
    if os.path.exists(VENV_PY) and subprocess.run([VENV_PY, "-c", probe], capture_output=True).returncode == 0:
        return
    print("browser-test: making .venv-browser with selenium, pillow and numpy (first use only)…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "selenium", "pillow", "numpy"], check=True)


if os.path.realpath(sys.prefix) != os.path.realpath(VENV) and not os.environ.get("NMFVIZ_BROWSER_TEST_VENV"):
    ensure_venv()
    os.environ["NMFVIZ_BROWSER_TEST_VENV"] = "1"
    os.execv(VENV_PY, [VENV_PY, os.path.abspath(__file__)] + sys.argv[1:])

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


def ssim(a, b):
    """Mean SSIM of the luminance (7x7 windows, sample covariance, K1 0.01, K2 0.03), as Tests/…/SSIM.swift."""
    def lum(img):
        x = np.asarray(img.convert("RGB"), dtype=np.float64) / 255
        return 0.2125 * x[..., 0] + 0.7154 * x[..., 1] + 0.0721 * x[..., 2]
    x, y = lum(a), lum(b)
    if x.shape != y.shape:
        return None

    def box(z):
        s = np.pad(z, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
        return s[7:, 7:] - s[:-7, 7:] - s[7:, :-7] + s[:-7, :-7]
    n = 49.0
    ux, uy = box(x) / n, box(y) / n
    c = n / (n - 1)
    vx = c * (box(x * x) / n - ux * ux)
    vy = c * (box(y * y) / n - uy * uy)
    vxy = c * (box(x * y) / n - ux * uy)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    m = (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
    return float(m.mean())


def browser(scale):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--force-device-scale-factor={scale}", "--window-size=1300,1000", "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def shown(driver):
    return driver.execute_script("return window.nmfvizPlayer.index")


def compare(driver, frames, what, threshold=0.99):
    index = shown(driver)
    iteration = driver.execute_script("return JSON.parse(document.getElementById('nmfviz-frames').textContent).iterations[arguments[0]]", index)
    # The image is decoded before the screenshot.
    driver.execute_script("return document.getElementById('frame').decode()")
    shot = Image.open(io.BytesIO(driver.find_element(By.ID, "frame").screenshot_as_png))
    reference = Image.open(os.path.join(frames, f"frame_{iteration:03d}.png"))
    value = ssim(shot, reference)
    check(value is not None and value >= threshold,
          f"{what}: frame {index} (iteration {iteration}) matches its PNG, SSIM {value if value is None else round(value, 5)} "
          f"(screenshot {shot.size}, PNG {reference.size})")
    return index


def run(nmfviz, work):
    def make(*args):
        subprocess.run([nmfviz, *args, "--quiet"], cwd=work, check=True)

    make("-o", "player.html", "--frames", "12", "--every", "2", "--embed-snapshots")
    make("-o", "frames/", "--frames", "12", "--every", "2", "--name-by", "iteration")
    driver = browser(1)
    try:
        driver.get("file://" + os.path.join(work, "player.html"))
        driver.execute_script("return document.getElementById('frame').decode()")
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        check(not errors, f"no console error ({errors})")
        check(shown(driver) == 0, "the first frame is shown on load")
        compare(driver, os.path.join(work, "frames"), "on load")
        buttons = driver.find_elements(By.CSS_SELECTOR, ".controls button")
        labels = [b.get_attribute("aria-label") for b in buttons]
        check(labels == ["First frame", "Previous frame", "Play backwards", "Pause", "Play", "Next frame", "Last frame"],
              f"seven real buttons with labels: {labels}")
        status = driver.find_element(By.ID, "status")
        click = lambda name: driver.find_element(By.ID, name).click()  # noqa: E731
        frames = os.path.join(work, "frames")

        for _ in range(3):
            click("next")
        check(shown(driver) == 3, "Next three times shows frame 3")
        check("iteration 6" in status.text and "loss" in status.text, f"status names iteration and loss: {status.text!r}")
        compare(driver, frames, "after Next")
        click("last")
        check(shown(driver) == 11, "Last shows frame 11")
        compare(driver, frames, "after Last")
        click("prev")
        check(shown(driver) == 10, "Previous shows frame 10")
        click("first")
        check(shown(driver) == 0, "First shows frame 0")

        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.END)
        check(shown(driver) == 11, "End key shows the last frame")
        body.send_keys(Keys.HOME)
        check(shown(driver) == 0, "Home key shows the first frame")
        body.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
        check(shown(driver) == 2, "→ twice shows frame 2")
        body.send_keys(Keys.ARROW_LEFT)
        check(shown(driver) == 1, "← shows frame 1")
        compare(driver, frames, "after the arrow keys")

        slider = driver.find_element(By.ID, "slider")
        driver.execute_script("arguments[0].value = 7; arguments[0].dispatchEvent(new Event('input'))", slider)
        check(shown(driver) == 7, "the slider shows frame 7")
        slider.send_keys(Keys.ARROW_RIGHT)
        check(shown(driver) == 8, "→ on the focused slider shows frame 8")
        compare(driver, frames, "after the slider")

        Select(driver.find_element(By.ID, "speed")).select_by_value("4")
        driver.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="once"]').click()
        click("first")
        click("play")
        check(driver.execute_script("return window.nmfvizPlayer.playing"), "Play starts playback")
        check(driver.find_element(By.ID, "play").get_attribute("aria-pressed") == "true", "Play is shown pressed")
        time.sleep(12 * 0.2 / 4 + 1.0)
        check(shown(driver) == 11 and not driver.execute_script("return window.nmfvizPlayer.playing"),
              f"'once' at 4x stops on the last frame (frame {shown(driver)})")
        compare(driver, frames, "after playing once")

        driver.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="reflect"]').click()
        click("play")
        time.sleep(0.5)
        click("pause")
        at = shown(driver)
        check(0 <= at < 11, f"'reflect' turns round at the end and plays backwards (frame {at})")
        compare(driver, frames, "after reflecting")

        driver.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="loop"]').click()
        click("last")
        click("play")
        time.sleep(0.3)
        body.send_keys(" ")
        at = shown(driver)
        check(not driver.execute_script("return window.nmfvizPlayer.playing") and at < 11,
              f"'loop' starts again from the first frame, and space pauses (frame {at})")
        body.send_keys(" ")
        check(driver.execute_script("return window.nmfvizPlayer.playing"), "space plays again")
        body.send_keys(" ")
        click("last")
        click("reverse")
        time.sleep(0.3)
        click("pause")
        check(shown(driver) < 11, f"Play backwards goes back (frame {shown(driver)})")

        driver.find_element(By.ID, "first").send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
        check(outline not in ("", "none"), f"focus is visible on the focused control (outline {outline})")

        snapshots = json.loads(driver.execute_script("return document.getElementById('nmfviz-snapshots').textContent"))
        check(len(snapshots.get("snapshots", [])) == 23 and "W" in snapshots["snapshots"][0],
              "the snapshots ride along as JSON (iterations 0…22)")
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        check(not errors, f"still no console error ({errors})")
    finally:
        driver.quit()

    # HiDPI: frames drawn at --scale 2, shown at 1000×450 CSS px on a 2x screen, are the PNG's pixels.
    make("-o", "hidpi.html", "--frames", "3", "--scale", "2")
    make("-o", "hidpi/", "--frames", "3", "--scale", "2")
    driver = browser(2)
    try:
        driver.get("file://" + os.path.join(work, "hidpi.html"))
        size = driver.execute_script("const r = document.getElementById('frame').getBoundingClientRect(); return [r.width, r.height]")
        check(size == [1000, 450], f"--scale 2 frames are shown at 1000×450 CSS px ({size})")
        driver.find_element(By.ID, "last").click()
        compare(driver, os.path.join(work, "hidpi"), "HiDPI")
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        check(not errors, f"no console error at 2x ({errors})")
    finally:
        driver.quit()


def page_box(shot):
    """The bounding box of the white page in a screenshot of the PDF viewer (its background is grey)."""
    a = np.asarray(shot.convert("RGB"))
    ys, xs = np.nonzero((a == 255).all(axis=2))
    if len(xs) == 0:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def run_pdf(nmfviz, work):
    for ext in ("png", "pdf"):
        subprocess.run([nmfviz, "--iteration", "10", "--scale", "0.96", "-o", f"still.{ext}", "--quiet"], cwd=work, check=True)
    reference = Image.open(os.path.join(work, "still.png"))
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    for arg in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--force-device-scale-factor=1",
                "--window-size=1200,700", "--hide-scrollbars", f"--user-data-dir={os.path.join(work, 'profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    try:
        driver.get("file://" + os.path.join(work, "still.pdf") + "#toolbar=0&navpanes=0&zoom=100")
        box, shot = None, None
        deadline = time.time() + 30
        while time.time() < deadline:
            time.sleep(1)
            shot = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
            box = page_box(shot)
            # The page is drawn when its box has the PNG's size and its contents are not blank.
            if box and (box[2] - box[0], box[3] - box[1]) == reference.size:
                page = shot.crop(box)
                if np.asarray(page.convert("L")).min() < 128:
                    break
        check(box is not None and (box[2] - box[0], box[3] - box[1]) == reference.size,
              f"Chromium's PDF viewer shows the page at {reference.size} px ({box})")
        if box is not None and (box[2] - box[0], box[3] - box[1]) == reference.size:
            value = ssim(shot.crop(box), reference)
            check(value is not None and value >= 0.98,
                  f"Chromium's PDF viewer shows still.pdf as the PNG: SSIM {value if value is None else round(value, 5)}")
    finally:
        driver.quit()


def main():
    arguments = sys.argv[1:]
    pdf = arguments[:1] == ["--pdf"]
    if pdf:
        arguments = arguments[1:]
    if len(arguments) != 1:
        raise SystemExit("usage: browser-test.py [--pdf] PATH/TO/nmfviz")
    nmfviz = os.path.abspath(arguments[0])
    work = tempfile.mkdtemp(prefix="nmfviz-browser-")
    try:
        (run_pdf if pdf else run)(nmfviz, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        raise SystemExit(f"browser-test: {len(FAILURES)} check(s) failed")
    print("browser-test: all checks passed")


if __name__ == "__main__":
    main()
