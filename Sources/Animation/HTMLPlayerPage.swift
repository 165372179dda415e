import Foundation

/// The text of the HTML player around the frames: `head` before them, `tail` after.
///
/// The page has no external resource (the icons are inline SVG, so no font is needed). The player: first, previous, play backwards, pause, play,
/// next, last (real `<button>`s with labels), a slider, a speed menu, the loop modes once, loop and
/// reflect, and the keys space (play/pause), ← and → (a frame), Home and End. The iteration and
/// the loss of the frame shown are written beside it. The image is sized to the figure in CSS
/// pixels (pixels ÷ `pixelRatio`), so frames drawn with `--scale 2` are sharp on HiDPI screens.
enum HTMLPlayerPage {
    static func head(options: HTMLPlayerOptions, width: Int, height: Int) -> String {
        let cssWidth = Self.css(Double(width) / options.pixelRatio)
        let cssHeight = Self.css(Double(height) / options.pixelRatio)
        let title = escape(options.title)
        let modes = HTMLPlayerOptions.LoopMode.allCases.map { mode in
            let checked = mode == options.loopMode ? " checked" : ""
            return "<label><input type=\"radio\" name=\"mode\" value=\"\(mode.rawValue)\"\(checked)> \(mode.rawValue)</label>"
        }.joined(separator: "\n      ")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="nmfviz">
        <title>\(title)</title>
        <style>
        body { margin: 16px; font: 15px/1.4 system-ui, sans-serif; color: #222; background: #fff; }
        .player { display: inline-block; }
        .player img { display: block; width: \(cssWidth)px; height: \(cssHeight)px; max-width: none; }
        .controls { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; }
        .controls button { min-width: 2.6em; min-height: 2.2em; font: inherit; border: 1px solid #888;
          border-radius: 4px; background: #f4f4f4; color: #111; cursor: pointer; }
        .controls button svg { width: 16px; height: 16px; fill: currentColor; vertical-align: middle; }
        .controls button[aria-pressed="true"] { background: #d6e4ff; border-color: #2456c9; }
        .controls input[type=range] { width: min(\(cssWidth)px, 100%); }
        fieldset { display: inline-flex; gap: 8px; border: 1px solid #bbb; border-radius: 4px; padding: 2px 8px; margin: 0; }
        legend { padding: 0 4px; }
        :focus-visible { outline: 3px solid #1a5fd6; outline-offset: 2px; }
        #status { font-variant-numeric: tabular-nums; margin-left: 4px; }
        </style>
        </head>
        <body>
        <main class="player" aria-label="\(title)">
        <img id="frame" width="\(cssWidth)" height="\(cssHeight)" alt="\(title): frame 1">
        <div class="controls" role="group" aria-label="Playback">
          <button type="button" id="first" aria-label="First frame" title="First frame (Home)"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M1 3h2v10H1zM8.5 3v10L3.5 8zM15 3v10l-5-5z"/></svg></button>
          <button type="button" id="prev" aria-label="Previous frame" title="Previous frame (←)"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 3h2v10H3zM13 3v10L6 8z"/></svg></button>
          <button type="button" id="reverse" aria-label="Play backwards" title="Play backwards" aria-pressed="false"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M12 2v12L3 8z"/></svg></button>
          <button type="button" id="pause" aria-label="Pause" title="Pause (space)"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 3h3v10H4zM9 3h3v10H9z"/></svg></button>
          <button type="button" id="play" aria-label="Play" title="Play (space)" aria-pressed="false"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2v12l9-6z"/></svg></button>
          <button type="button" id="next" aria-label="Next frame" title="Next frame (→)"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 3v10l7-5zM11 3h2v10h-2z"/></svg></button>
          <button type="button" id="last" aria-label="Last frame" title="Last frame (End)"><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M1 3v10l5-5zM6.5 3v10l5-5zM13 3h2v10h-2z"/></svg></button>
          <output id="status" aria-live="polite"></output>
        </div>
        <div class="controls">
          <input type="range" id="slider" min="0" max="0" value="0" step="1" aria-label="Frame">
        </div>
        <div class="controls">
          <label>Speed <select id="speed" aria-label="Speed">
            <option value="0.25">0.25×</option><option value="0.5">0.5×</option>
            <option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option>
          </select></label>
          <fieldset><legend>Loop</legend>
              \(modes)
          </fieldset>
        </div>
        </main>
        <script>
        const FRAMES = [

        """
    }

    static func tail(options: HTMLPlayerOptions, iterations: [Int]) -> String {
        var info = "{\"iterations\":[" + iterations.map(String.init).joined(separator: ",") + "]"
        info += ",\"delays\":[" + options.durations.milliseconds.prefix(iterations.count)
            .map { number($0) }.joined(separator: ",") + "]"
        info += ",\"losses\":[" + options.losses.map { series in
            let values = iterations.map { $0 < series.losses.count ? number(series.losses[$0]) : "null" }
            return "{\"label\":\"\(jsonEscape(series.label))\",\"values\":[" + values.joined(separator: ",") + "]}"
        }.joined(separator: ",") + "]}"
        var text = "];\n</script>\n"
        text += "<script type=\"application/json\" id=\"nmfviz-frames\">\(scriptSafe(info))</script>\n"
        if let json = options.snapshotsJSON {
            text += "<script type=\"application/json\" id=\"nmfviz-snapshots\">\(scriptSafe(json))</script>\n"
        }
        text += "<script>\n" + script + "</script>\n</body>\n</html>\n"
        return text
    }

    /// The player itself.
    static let script = """
    "use strict";
    (() => {
      const info = JSON.parse(document.getElementById("nmfviz-frames").textContent);
      const n = FRAMES.length;
      const $ = (id) => document.getElementById(id);
      const img = $("frame"), slider = $("slider"), status = $("status"), speed = $("speed");
      const title = img.alt.replace(/: frame \\d+$/, "");
      let index = 0, direction = 1, timer = null;
      slider.max = String(Math.max(0, n - 1));

      function mode() { return document.querySelector('input[name="mode"]:checked').value; }

      function describe(i) {
        let text = "iteration " + info.iterations[i];
        for (const series of info.losses) {
          const v = series.values[i];
          if (v === null || v === undefined) continue;
          text += " · " + (series.label ? series.label + " " : "") + "loss " + Number(v).toPrecision(5);
        }
        return text;
      }

      function show(i) {
        index = Math.max(0, Math.min(n - 1, i));
        img.src = FRAMES[index];
        img.alt = title + ": frame " + (index + 1) + " of " + n + ", " + describe(index);
        slider.value = String(index);
        slider.setAttribute("aria-valuetext", describe(index));
        status.textContent = describe(index) + " (frame " + (index + 1) + "/" + n + ")";
        const ahead = FRAMES[index + direction];
        if (ahead) { const pre = new Image(); pre.src = ahead; }
      }

      function pressed() {
        $("play").setAttribute("aria-pressed", String(timer !== null && direction > 0));
        $("reverse").setAttribute("aria-pressed", String(timer !== null && direction < 0));
        status.setAttribute("aria-live", timer === null ? "polite" : "off");
      }

      function step() {
        let next = index + direction;
        if (next < 0 || next >= n) {
          const m = mode();
          if (m === "once") { pause(); return; }
          if (m === "loop") next = direction > 0 ? 0 : n - 1;
          else { direction = -direction; next = index + direction; if (next < 0 || next >= n) next = index; pressed(); }
        }
        show(next);
        schedule();
      }

      function schedule() {
        clearTimeout(timer);
        const delay = (info.delays[index] || 100) / Number(speed.value);
        timer = setTimeout(step, delay);
      }

      function play(dir) {
        direction = dir;
        // Playing from the end in "once" mode starts again from the other end.
        if (mode() === "once" && (index + dir < 0 || index + dir >= n)) show(dir > 0 ? 0 : n - 1);
        schedule();
        pressed();
      }

      function pause() { clearTimeout(timer); timer = null; pressed(); }
      function toggle() { if (timer === null) play(direction); else pause(); }

      $("first").addEventListener("click", () => { pause(); show(0); });
      $("prev").addEventListener("click", () => { pause(); show(index - 1); });
      $("reverse").addEventListener("click", () => play(-1));
      $("pause").addEventListener("click", pause);
      $("play").addEventListener("click", () => play(1));
      $("next").addEventListener("click", () => { pause(); show(index + 1); });
      $("last").addEventListener("click", () => { pause(); show(n - 1); });
      slider.addEventListener("input", () => { pause(); show(Number(slider.value)); });
      speed.addEventListener("change", () => { if (timer !== null) schedule(); });

      document.addEventListener("keydown", (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const tag = event.target.tagName;
        // Space on a focused button or menu, and arrows on the slider, already act natively.
        if (event.key === " " && (tag === "BUTTON" || tag === "SELECT")) return;
        if (tag === "INPUT" && event.target.type === "range" && event.key !== " ") return;
        if (tag === "INPUT" && event.target.type === "radio" && event.key.startsWith("Arrow")) return;
        switch (event.key) {
          case " ": toggle(); break;
          case "ArrowLeft": pause(); show(index - 1); break;
          case "ArrowRight": pause(); show(index + 1); break;
          case "Home": pause(); show(0); break;
          case "End": pause(); show(n - 1); break;
          default: return;
        }
        event.preventDefault();
      });

      if (n > 0) show(0);
      window.nmfvizPlayer = { get index() { return index; }, get playing() { return timer !== null; }, show, play, pause, describe };
    })();

    """

    static func css(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func jsonEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON made safe inside a `<script>` element: `<` written as `\u003c`, so no `</script>` can occur.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
