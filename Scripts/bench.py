"""nmfviz against the article's Python (matplotlib, Pillow, scikit-learn, numpy), measured side by side.

Run through Scripts/bench, which builds nmfviz in release mode first:
    Scripts/bench                 # comparison table + scaling table
    Scripts/bench --quick         # fewer repetitions, no 2000-frame runs (a smoke test of the benchmark)
    Scripts/bench --gif           # only the GIF quality table (nmfviz beside ffmpeg + gifsicle)
    Scripts/bench --vector        # only the SVG/PDF table (issue 16)
    Scripts/bench --csv           # only the CSV reading table: nmfviz beside pandas and numpy (issue 19)
    Scripts/bench --markers       # only 100,000 points × 10 frames: nmfviz beside the article's script (issue 19)
    Scripts/bench --once [--old BIN]  # only the one-solver-pass rows (issue 19): 100,000 × 10 CSV GIF, digits GIF,
                                  # digits JSON export, a 400,000 × 10 CSV's filmstrip, HTML player and npz
                                  # export; with --old, that build alternates with this one
    Scripts/bench --big           # only the big-data rows of the scaling table: up to 1,000,000 rows (issue 19)
    Scripts/bench --issue19       # only issue 19's table: each of its rows beside its reference, its target, peaks

The Python side runs in a virtual environment (.venv-bench/, made on first use from PyPI with matplotlib,
pillow and scikit-learn). Without it, or without network, only nmfviz's own figures are printed.
Every figure is a median over repeated runs of the whole process (wall clock); peak memory is the
maximum resident set size of the process, from getrusage. This script itself needs only the standard library.
"""
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-bench")
VENV_PY = os.path.join(VENV, "bin", "python")
ARTICLE = os.path.join(ROOT, "Scripts", "reference", "article.py")
ENGINE = os.path.join(ROOT, "Scripts", "bench-engine.py")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_venv():
    """The reference environment, made on first use; None when it cannot be made."""
    probe = "import matplotlib, PIL, sklearn, numpy, pandas"
    if os.path.exists(VENV_PY) and subprocess.run([VENV_PY, "-c", probe], capture_output=True).returncode == 0:
        return VENV_PY
    log("bench: making .venv-bench with matplotlib, pillow and scikit-learn from PyPI (first use only)…")
    try:
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True, capture_output=True)
        subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "matplotlib", "pillow", "scikit-learn", "pandas"],
                       check=True, capture_output=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as e:
        log(f"bench: no Python reference ({e.__class__.__name__}); reporting nmfviz alone")
        return None
    return VENV_PY


def ensure_peers():
    """ffmpeg and gifsicle (Debian's packages), installed with apt-get on first use; False without them."""
    if shutil.which("ffmpeg") and shutil.which("gifsicle"):
        return True
    if shutil.which("apt-get"):
        log("bench: installing ffmpeg and gifsicle with apt-get (first use only)…")
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        try:
            subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "ffmpeg", "gifsicle"],
                           check=True, capture_output=True, timeout=900)
        except (subprocess.SubprocessError, OSError) as e:
            log(f"bench: no ffmpeg/gifsicle ({e.__class__.__name__}); the GIF table shows nmfviz alone")
    return bool(shutil.which("ffmpeg") and shutil.which("gifsicle"))


def cpu_of(cmds):
    """Runs the commands one after another; returns their summed CPU seconds (user + system)."""
    total = 0.0
    for cmd in cmds:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed: {err.strip()[-400:]}")
        total += usage.ru_utime + usage.ru_stime
    return total


def check_gif(nmfviz, gif, frames):
    out = subprocess.run([nmfviz, "check-gif", gif, frames], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def gif_quality_table(nmfviz, work, quick):
    """Issue 15: every default animation's GIF against its own PNG frames, and the peers' on the same frames."""
    peers = ensure_peers()
    cases = [("article, 50 frames", [], 50), ("--data digits", ["--data", "digits"], 51),
             ("--compare mu,hals", ["--compare", "mu,hals"], 50),
             ("--panels data,reconstruction,loss", ["--panels", "data,reconstruction,loss"], 50),
             ("--theme dark", ["--theme", "dark"], 50), ("--transparent", ["--transparent"], 50),
             ("500 frames", ["--frames", "500"], 500)]
    if not quick:
        cases.append(("2000 frames", ["--frames", "2000"], 2000))
    rows = []
    for label, args, count in cases:
        frames = os.path.join(work, "quality_png")
        shutil.rmtree(frames, ignore_errors=True)
        # A case that sets --frames itself must not give it twice (nmfviz refuses repeated options).
        count_args = [] if "--frames" in args else ["--frames", str(count)]
        subprocess.run([nmfviz, *args, *count_args, "--output", frames + "/", "--quiet"], check=True)
        ours = os.path.join(work, "quality.gif")
        subprocess.run([nmfviz, *args, *count_args, "--output", ours, "--quiet"], check=True)
        q = check_gif(nmfviz, ours, frames)
        if count <= 51:
            out = subprocess.run([nmfviz, "bench-encoder", "--repeats", "3" if quick else "5", "--frames", str(count),
                                  "--", *args], capture_output=True, text=True, check=True)
            cpu = f"{json.loads(out.stdout.strip().splitlines()[-1])['gif_cpu_ms']:.0f} ms"
        else:
            out = subprocess.run([nmfviz, *args, *count_args, "--output", ours, "--quiet", "--timings",
                                  "--jobs", "1"], capture_output=True, text=True, check=True)
            stages = dict((p.split()[0], float(p.split()[1])) for p in out.stderr.split(": ", 1)[1].split(";")[0].split(", "))
            cpu = f"{stages.get('quantize', 0) + stages.get('encode', 0):.0f} ms (wall of both stages)"
        rows.append([label, "nmfviz", f"{q['bytes']:,} B", f"{q['min_psnr']:.2f} dB", q["p999"], q["ghosts"], cpu])
        if peers and "--transparent" not in args:
            raw, peer = os.path.join(work, "ffmpeg.gif"), os.path.join(work, "peer.gif")
            # Numbered in frame order for ffmpeg (frame_999.png sorts after frame_1000.png by name).
            ordered = os.path.join(work, "ordered_png")
            shutil.rmtree(ordered, ignore_errors=True)
            os.makedirs(ordered)
            pngs = sorted((f for f in os.listdir(frames) if f.endswith(".png")), key=lambda f: int("".join(c for c in f if c.isdigit())))
            for n, f in enumerate(pngs):
                os.symlink(os.path.join(frames, f), os.path.join(ordered, f"{n:05d}.png"))
            ffmpeg = ["ffmpeg", "-v", "error", "-y", "-framerate", "5", "-i", os.path.join(ordered, "%05d.png"),
                      "-vf", "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none",
                      "-loop", "0", raw]
            seconds = cpu_of([ffmpeg, ["gifsicle", "-O3", raw, "-o", peer]])
            p = check_gif(nmfviz, peer, frames)
            rows.append([label, "ffmpeg palettegen + paletteuse, gifsicle -O3", f"{p['bytes']:,} B",
                         f"{p['min_psnr']:.2f} dB", p["p999"], p["ghosts"], f"{seconds * 1000:.0f} ms"])
        elif "--transparent" in args:
            rows.append([label, "ffmpeg + gifsicle", "– (recipe without transparency)", "–", "–", "–", "–"])
    shutil.rmtree(os.path.join(work, "quality_png"), ignore_errors=True)
    table("GIF quality against the PNG frames of the same run (worst frame; p99.9 = 99.9th percentile of the "
          "per-pixel largest channel error; ghosts = background pixels more than 3 levels off)",
          ["animation", "encoder", "bytes", "min PSNR", "p99.9", "ghosts", "encode CPU"], rows)


def timed(cmd, cwd=None, env=None):
    """Wall seconds and peak RSS (MB) of one run of cmd."""
    start = time.perf_counter()
    # wait4 gives this one child's own peak RSS, as /usr/bin/time -v reports it.
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({code}): {err.strip()}")
    return elapsed, usage.ru_maxrss / 1024.0


def median_run(cmd, runs, cwd=None, env=None, prepare=None):
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        t, m = timed(cmd, cwd=cwd, env=env)
        times.append(t)
        peaks.append(m)
    return statistics.median(times), max(peaks)


def fresh_dir(path):
    def go():
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
    return go


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def table(title, header, rows):
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")


def main():
    quick = "--quick" in sys.argv
    nmfviz = sys.argv[1]
    runs = 3 if quick else 7
    if "--gif" in sys.argv:
        work = tempfile.mkdtemp(prefix="nmfviz-bench-")
        gif_quality_table(nmfviz, work, quick)
        shutil.rmtree(work, ignore_errors=True)
        return
    if "--once" in sys.argv:
        # nmfviz alone (old build beside new): no Python reference needed.
        work = tempfile.mkdtemp(prefix="nmfviz-bench-")
        old = sys.argv[sys.argv.index("--old") + 1] if "--old" in sys.argv else None
        once_table(nmfviz, old, work, runs)
        shutil.rmtree(work, ignore_errors=True)
        return
    if "--big" in sys.argv:  # nmfviz alone: no reference environment needed
        work = tempfile.mkdtemp(prefix="nmfviz-bench-")
        table("Scaling with rows (GIF output, whole process; peak = maximum resident set size)",
              ["frames", "size", "points", "time", "peak memory", "file"], big_rows(nmfviz, work, quick))
        shutil.rmtree(work, ignore_errors=True)
        return
    py = ensure_venv()
    work = tempfile.mkdtemp(prefix="nmfviz-bench-")
    env1 = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    rows = []
    if "--vector" in sys.argv:
        vector_table(nmfviz, py, work, runs)
        shutil.rmtree(work, ignore_errors=True)
        return
    if "--csv" in sys.argv:
        csv_table(nmfviz, py, work, runs)
        shutil.rmtree(work, ignore_errors=True)
        return
    if "--markers" in sys.argv:
        markers_table(nmfviz, py, work, 3 if quick else 5)
        shutil.rmtree(work, ignore_errors=True)
        return
    if "--issue19" in sys.argv:
        issue19_table(nmfviz, py, work, quick)
        shutil.rmtree(work, ignore_errors=True)
        return

    # (1) The article's GIF, whole process.
    ours_gif = os.path.join(work, "ours.gif")
    t_ours, m_ours = median_run([nmfviz, "--output", ours_gif, "--quiet"], runs)
    if py:
        ref_gif = os.path.join(work, "pillow.gif")
        t_ref, m_ref = median_run([py, ARTICLE, "gif", ref_gif], max(3, runs // 2))
        rows.append(["article GIF, 50 frames, end to end", fmt_s(t_ours), fmt_s(t_ref) + " (PillowWriter)",
                     f"{t_ref / t_ours:.0f}×"])
    else:
        rows.append(["article GIF, 50 frames, end to end", fmt_s(t_ours), "–", "–"])

    # (2) 50 PNG frames.
    ours_dir = os.path.join(work, "ours_png")
    t_png, _ = median_run([nmfviz, "--output", ours_dir + "/", "--quiet"], runs, prepare=fresh_dir(ours_dir))
    if py:
        ref_dir = os.path.join(work, "ref_png")
        t_refpng, _ = median_run([py, ARTICLE, "png", ref_dir], max(3, runs // 2), prepare=fresh_dir(ref_dir))
        rows.append(["50 PNG frames", fmt_s(t_png), fmt_s(t_refpng) + " (savefig, 100 dpi)",
                     f"{t_refpng / t_png:.0f}×"])
    else:
        rows.append(["50 PNG frames", fmt_s(t_png), "–", "–"])

    # (3) GIF size.
    size_ours = os.path.getsize(ours_gif)
    if py:
        size_ref = os.path.getsize(ref_gif)
        rows.append(["article GIF size", f"{size_ours:,} B", f"{size_ref:,} B (PillowWriter)",
                     f"{size_ref / size_ours:.1f}× smaller"])
        magick = shutil.which("magick") or shutil.which("convert")
        if magick and subprocess.run([magick, "-version"], capture_output=True).returncode == 0:
            mg = os.path.join(work, "magick.gif")
            subprocess.run([py, ARTICLE, "magick", mg], check=True, capture_output=True)
            rows.append(["article GIF size", f"{size_ours:,} B", f"{os.path.getsize(mg):,} B (ImageMagick)",
                         f"{os.path.getsize(mg) / size_ours:.1f}× smaller"])
        else:
            rows.append(["article GIF size", f"{size_ours:,} B", "ImageMagick not installed", "–"])
    else:
        rows.append(["article GIF size", f"{size_ours:,} B", "–", "–"])

    # (4), (5) One solver iteration on the digits data (1797×64, k=16) and a random 2000×1000 matrix (k=20).
    engine_ref = {}
    digits_csv = os.path.join(work, "digits.csv")
    digits1_csv = os.path.join(work, "digits1.csv")  # digits + 1: β = 0 needs data without zeros
    if py and os.path.exists(ENGINE):
        out = subprocess.run([py, ENGINE] + (["--repeats", "5", "--iterations", "20"] if quick else []),
                             capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            engine_ref = json.loads(out.stdout.strip().splitlines()[-1])
        subprocess.run([py, ENGINE, "--write-digits", digits_csv, "--write-digits-plus-one", digits1_csv], capture_output=True)
    cases = [("digits_1797x64_k16", "digits 1797×64, k=16",
              ["--data", digits_csv] if os.path.exists(digits_csv) else ["--rows", "1797", "--columns", "64"], "16"),
             ("random_2000x1000_k20", "random 2000×1000, k=20", ["--rows", "2000", "--columns", "1000"], "20")]
    # MU and HALS (Frobenius), then MU for β = 1 and β = 0 (issue 20); β = 0 runs on the digits + 1,
    # since scikit-learn refuses β ≤ 0 on data with zeros.
    rules = [("mu", "frobenius", "MU", "sklearn_mu", "scikit-learn mu"), ("hals", "frobenius", "HALS", "sklearn_cd", "scikit-learn cd"),
             ("mu", "kl", "MU β=1 (KL)", "sklearn_mu_kl", "scikit-learn mu, beta_loss"),
             ("mu", "itakura-saito", "MU β=0 (IS)", "sklearn_mu_is", "scikit-learn mu, beta_loss")]
    for solver, loss, label, ref_key, ref_name in rules:
        frobenius = loss == "frobenius"
        for key, what, data_args, k in cases:
            if loss == "itakura-saito" and key.startswith("digits") and os.path.exists(digits1_csv):
                what, data_args = "digits + 1, k=16", ["--data", digits1_csv]
            iterations = ("20" if quick else "50") if frobenius else ("10" if quick else "20")
            repeats = ("3" if quick else "7") if frobenius else ("3" if quick else "5")
            out = subprocess.run([nmfviz, "bench-solver", *data_args, "--rank", k, "--solver", solver, "--loss", loss,
                                  "--iterations", iterations, "--repeats", repeats],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                rows.append([f"{label} iteration, {what}", "bench-solver failed: " + out.stderr.strip(), "–", "–"])
                continue
            ours = json.loads(out.stdout.strip().splitlines()[-1])
            ref = engine_ref.get(key, {})
            extra = f"; numpy `U*(X@V)/(U@(V.T@V))` {ref['numpy_mu']:.2f} ms" if ref_key == "sklearn_mu" and "numpy_mu" in ref else ""
            blas = " (OpenBLAS)" if ours.get("blas") else " (Swift kernels)"
            if ref_key in ref:
                rows.append([f"{label} iteration, {what}", f"{ours['median_ms']:.2f} ms{blas}",
                             f"{ref[ref_key]:.2f} ms ({ref_name}{extra})", f"{ref[ref_key] / ours['median_ms']:.2f}×"])
            else:
                rows.append([f"{label} iteration, {what}", f"{ours['median_ms']:.2f} ms{blas}", "–", "–"])

    # One MiniBatchNMF pass in batches of 256 rows (Frobenius; nmfviz also computes the loss of all the
    # data at each step, for its loss curve, which scikit-learn does not).
    for key, what, data_args, k in cases:
        out = subprocess.run([nmfviz, "bench-solver", *data_args, "--rank", k, "--solver", "minibatch",
                              "--batch-size", "256", "--iterations", "16" if key.startswith("digits") else "24",
                              "--repeats", "3" if quick else "5"], capture_output=True, text=True)
        label = f"MiniBatch pass (batch 256), {what}"
        if out.returncode != 0:
            rows.append([label, "bench-solver failed: " + out.stderr.strip(), "–", "–"])
            continue
        ours = json.loads(out.stdout.strip().splitlines()[-1])
        ref = engine_ref.get(key, {}).get("sklearn_minibatch_256")
        blas = " (OpenBLAS)" if ours.get("blas") else " (Swift kernels)"
        mine = f"{ours['epoch_ms']:.2f} ms{blas}, {ours['steps_per_pass']} steps"
        rows.append([label, mine, f"{ref:.2f} ms (scikit-learn MiniBatchNMF)" if ref else "–",
                     f"{ref / ours['epoch_ms']:.2f}×" if ref else "–"])

    table("nmfviz against the article's Python (medians; ratio = reference time / nmfviz time)",
          ["what", "nmfviz", "reference", "ratio"], rows)

    # The encoders alone, on the article's frames rendered once (issue 5's targets).
    enc_rows = []
    out = subprocess.run([nmfviz, "bench-encoder", "--repeats", "3" if quick else "9"], capture_output=True, text=True)
    if out.returncode == 0:
        e = json.loads(out.stdout.strip().splitlines()[-1])
        enc_rows.append(["GIF, 50 frames: CPU of both threads (quantize + giflib LZW)",
                         f"{e['gif_cpu_ms']:.1f} ms ({e['gif_quantize_ms']:.1f} + {e['gif_lzw_ms']:.1f})", "< 100 ms"])
        enc_rows.append(["GIF size, quality (PSNR of each decoded frame)",
                         f"{e['gif_bytes']:,} B, min {e['gif_min_psnr']:.2f} dB, median {e['gif_median_psnr']:.2f} dB",
                         "≤ 240 KB, ≥ 46.5 dB"])
        enc_rows.append(["PNG, one 1000×450 frame: encode time", f"{e['png_ms_per_frame']:.2f} ms", "< 5 ms"])
        savefig = ""
        ref_dir = os.path.join(work, "ref_png")
        if py and os.path.isdir(ref_dir):
            sizes = sorted(os.path.getsize(os.path.join(ref_dir, f)) for f in os.listdir(ref_dir) if f.endswith(".png"))
            if sizes:
                savefig = f"; savefig's: median {sizes[len(sizes) // 2]:,} B"
        enc_rows.append(["PNG size, 50 frames", f"median {e['png_median_bytes']:,.0f} B, largest {e['png_max_bytes']:,} B{savefig}",
                         "≤ savefig's"])
    else:
        enc_rows.append(["bench-encoder failed", out.stderr.strip(), "–"])
    table("Encoders alone, on the article's 50 frames rendered once (medians)", ["what", "nmfviz", "target"], enc_rows)

    # Issue 17's outputs beside matplotlib's writers, the article's 50 frames, whole process.
    table("Every output of the article's animation beside matplotlib's writers (medians, whole process)",
          ["output", "nmfviz", "size", "matplotlib", "size", "time ratio"], format_rows(nmfviz, py, work, runs))

    gif_quality_table(nmfviz, work, quick)
    vector_table(nmfviz, py, work, runs)
    issue19_table(nmfviz, py, work, quick)

    # Scaling: frames × size, and points.
    scale_rows = []
    frame_counts = (50, 500) if quick else (50, 500, 2000)
    for count in frame_counts:
        for size, label in (("10x4.5", "1000×450"), ("19.2x10.8", "1920×1080")):
            out = os.path.join(work, "scale.gif")
            t, m = median_run([nmfviz, "--frames", str(count), "--size", size, "--output", out, "--quiet"],
                              1 if count >= 500 else runs)
            scale_rows.append([f"{count} frames", label, "80", fmt_s(t), f"{m:.0f} MB",
                               f"{os.path.getsize(out):,} B"])
    scale_rows += big_rows(nmfviz, work, quick)
    table("Scaling (GIF output, whole process; peak = maximum resident set size)",
          ["frames", "size", "points", "time", "peak memory", "file"], scale_rows)
    shutil.rmtree(work, ignore_errors=True)


def format_rows(nmfviz, py, work, runs):
    """nmfviz's GIF, MP4, WebM, WebP and HTML against PillowWriter, FFMpegWriter, to_jshtml and HTMLWriter."""
    have_ffmpeg = shutil.which("ffmpeg") is not None
    cases = [("GIF", "a.gif", [], "gif", "PillowWriter"),
             ("MP4 (H.264)", "a.mp4", [], "mp4", "FFMpegWriter") if have_ffmpeg else None,
             ("WebM (VP9)", "a.webm", [], "webm", "FFMpegWriter, libvpx-vp9") if have_ffmpeg else None,
             ("WebP, lossless", "a.webp", [], "webp", "PillowWriter (lossy q80)"),
             ("WebP, --webp-quality 80", "q.webp", ["--webp-quality", "80"], None, None),
             ("HTML player", "a.html", [], "jshtml", "to_jshtml"),
             ("HTML player", "b.html", [], "htmlwriter", "HTMLWriter(embed_frames)")]
    rows = []
    ours_done = {}
    for case in cases:
        if case is None:
            continue
        label, name, extra, mode, writer = case
        out = os.path.join(work, name)
        if name not in ours_done:
            t, _ = median_run([nmfviz, "--output", out, "--quiet", *extra], runs)
            ours_done[name] = (t, os.path.getsize(out))
        t, size = ours_done[name]
        if py and mode:
            ref = os.path.join(work, "ref-" + name)
            try:
                t_ref, _ = median_run([py, ARTICLE, mode, ref], max(3, runs // 2))
                rows.append([label, fmt_s(t), f"{size:,} B", f"{fmt_s(t_ref)} ({writer})", f"{os.path.getsize(ref):,} B",
                             f"{t_ref / t:.0f}×"])
                continue
            except SystemExit as e:
                log(str(e))
        rows.append([label, fmt_s(t), f"{size:,} B", "–", "–", "–"])
    if not have_ffmpeg:
        rows.append(["MP4, WebM", "ffmpeg not installed", "–", "–", "–", "–"])
    return rows
def vector_table(nmfviz, py, work, runs):
    # Vector stills (issue 16): the article's still at iteration 10 as SVG and PDF, whole process, against
    # matplotlib's savefig of the same figure (after 10 updates).
    vec_rows = []
    for ext in ("svg", "pdf"):
        ours = os.path.join(work, f"still.{ext}")
        t_ours, _ = median_run([nmfviz, "--output", ours, "--iteration", "10", "--quiet"], runs)
        if py:
            ref = os.path.join(work, f"ref.{ext}")
            t_ref, _ = median_run([py, ARTICLE, ext, ref], max(3, runs // 2))
            vec_rows.append([f"article still, iteration 10, {ext.upper()}", fmt_s(t_ours), fmt_s(t_ref) + " (savefig)",
                             f"{t_ref / t_ours:.0f}×", f"{os.path.getsize(ours):,} B", f"{os.path.getsize(ref):,} B"])
        else:
            vec_rows.append([f"article still, iteration 10, {ext.upper()}", fmt_s(t_ours), "–", "–",
                             f"{os.path.getsize(ours):,} B", "–"])
    pages = os.path.join(work, "learning.pdf")
    t_pages, _ = median_run([nmfviz, "--output", pages, "--quiet"], runs)
    vec_rows.append(["article, 50 frames as a 50-page PDF", fmt_s(t_pages), "–", "–", f"{os.path.getsize(pages):,} B", "–"])
    table("Vector output, whole process (medians)", ["what", "nmfviz", "matplotlib", "ratio", "nmfviz file", "matplotlib file"],
          vec_rows)


# One reader of the CSV file in a process of its own: the median of `repeats` reads (seconds) and the
# process's peak memory, as JSON. numpy/pandas are imported before the clock starts.
CSV_READER = r"""
import json, resource, statistics, sys, time
import numpy as np, pandas as pd
which, path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(repeats):
    t = time.perf_counter()
    if which == "pandas":
        a = pd.read_csv(path, header=None, dtype=np.float64).to_numpy()
    else:
        a = np.loadtxt(path, delimiter=",")
    times.append(time.perf_counter() - t)
if len(sys.argv) > 4:
    ours = np.fromfile(sys.argv[4], dtype="<f8")
    same = ours.size == a.size and bool((ours.view(np.uint64) == a.reshape(-1).view(np.uint64)).all())
else:
    same = None
print(json.dumps({"median_s": statistics.median(times), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bit_equal": same}))
"""


def write_big_csv(path, rows=None):
    """The 36 MB CSV of issue 19's first row (400,000 × 10 by default) or Scripts/make-big-csv.py's 1,000,000 × 10."""
    args = [sys.executable, os.path.join(ROOT, "Scripts", "make-big-csv.py"), path] + ([str(rows)] if rows else [])
    subprocess.run(args, check=True)


def issue19_table(nmfviz, py, work, quick):
    """Issue 19's table again: each row measured now, side by side with its reference where it has one, the
    target, and the peak memory (maximum resident set size of each process). Whole processes, medians."""
    runs = 3 if quick else 5
    rows = []

    def verdict(ok):
        return "met" if ok else "**NOT met**"

    # (1) A 36 MB CSV (400,000 × 10): nmfviz's reader alone beside pandas' and numpy's, then nmfviz's whole still.
    csv = os.path.join(work, "i19-400k.csv")
    write_big_csv(csv + ".header", 400_000)
    with open(csv + ".header", "rb") as src, open(csv, "wb") as dst:  # the readers compared all read bare numbers
        src.readline()
        shutil.copyfileobj(src, dst, 1 << 20)
    os.remove(csv + ".header")
    size = os.path.getsize(csv) / 1e6
    # Three rounds, nmfviz and pandas alternating (then numpy once), so a shared machine's load falls on both.
    def ours_once():
        with open(os.path.join(work, "i19-read.json"), "w+") as out:
            proc = subprocess.Popen([nmfviz, "bench-csv", csv, "--repeats", str(runs)], stdout=out)
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit("bench: nmfviz bench-csv failed")
            out.seek(0)
            return json.loads(out.read())["median_s"], usage.ru_maxrss / 1024

    def reference(which):
        res = subprocess.run([py, "-c", CSV_READER, which, csv, str(runs)], capture_output=True, text=True, check=True)
        return json.loads(res.stdout)

    ours_rounds, pandas_rounds, ours_peak, refs = [], [], 0.0, {}
    for _ in range(3):
        t, m = ours_once()
        ours_rounds.append(t)
        ours_peak = max(ours_peak, m)
        if py:
            refs["pandas"] = reference("pandas")
            pandas_rounds.append(refs["pandas"]["median_s"])
    if py:
        refs["numpy"] = reference("numpy")
    ours_read = statistics.median(ours_rounds)
    pandas_s = statistics.median(pandas_rounds) if pandas_rounds else None
    ref_text = "; ".join(f"{w} {fmt_s(r['median_s'])}, {r['peak_mb']:.0f} MB" for w, r in
                         (("pandas.read_csv", refs.get("pandas")), ("numpy.loadtxt", refs.get("numpy"))) if r) or "–"
    if pandas_s:
        ref_text = ref_text.replace(f"pandas.read_csv {fmt_s(refs['pandas']['median_s'])}", f"pandas.read_csv {fmt_s(pandas_s)}")
        ref_text += " (rounds: nmfviz " + ", ".join(fmt_s(t) for t in ours_rounds) + "; pandas " + \
            ", ".join(fmt_s(t) for t in pandas_rounds) + ")"
    rows.append([f"read a {size:.0f} MB CSV (400,000 × 10), read only", fmt_s(ours_read),
                 f"{ours_peak:.0f} MB", ref_text, "≤ pandas' time",
                 verdict(ours_read <= pandas_s) + f" ({pandas_s / ours_read:.2f}×)" if pandas_s else "–"])
    still = os.path.join(work, "i19-still.png")
    t, m = median_run([nmfviz, "--data", csv, "--output", still, "--quiet"], runs)
    rows.append([f"… the same CSV, then one still (`--data FILE -o still.png`)", fmt_s(t), f"{m:.0f} MB",
                 "was 15.3 s (issue 19)", "–", "–"])
    os.remove(csv)

    # (2), (3) 100,000 points on cos²(x) + 1: 10 frames beside the article's script, and 50 frames.
    points = os.path.join(work, "i19-points.csv")
    write_points(points, 100_000)
    gif = os.path.join(work, "i19-points.gif")
    t10, m10 = median_run([nmfviz, "--data", points, "--frames", "10", "--output", gif, "--quiet"], runs)
    ref_text, ratio = "–", "–"
    if py:
        ref = os.path.join(work, "i19-ref.gif")
        t_ref, m_ref = median_run([py, ARTICLE, "gif", ref, points, "10"], 1)
        ref_text = f"{fmt_s(t_ref)}, {m_ref:.0f} MB (the article's script, PillowWriter, 1 run)"
        ratio = verdict(t_ref / t10 >= 50) + f" ({t_ref / t10:.0f}×)"
    rows.append(["100,000 points × 10 frames, GIF", fmt_s(t10), f"{m10:.0f} MB", ref_text, "≥ 50× faster", ratio])
    t50, m50 = median_run([nmfviz, "--data", points, "--output", gif, "--quiet"], runs)
    rows.append(["100,000 points × 50 frames, GIF", fmt_s(t50), f"{m50:.0f} MB", "was 8.3–20.4 s (issue 19)", "–", "–"])
    os.remove(points)

    # (4) The 1,000,000 × 10 CSV of Scripts/make-big-csv.py, default render (densities past 200,000 rows).
    big = os.path.join(work, "i19-1m.csv")
    write_big_csv(big)
    t, m = median_run([nmfviz, "--data", big, "--output", os.path.join(work, "i19-big.gif"), "--quiet"], 3)
    rows.append([f"1,000,000 × 10 CSV ({os.path.getsize(big) / 1e6:.0f} MB), default render, GIF", fmt_s(t), f"{m:.0f} MB",
                 "was over 300 s (issue 19)", "≤ 10 s", verdict(t <= 10)])
    os.remove(big)

    # (5) The digits export for 200 iterations: bytes written per second of wall clock.
    js = os.path.join(work, "i19-digits.json")
    t, m = median_run([nmfviz, "factorize", "--data", "digits", "--iterations", "200", "-o", js], runs)
    speed = os.path.getsize(js) / 1e6 / t
    rows.append([f"digits JSON export, 200 iterations ({os.path.getsize(js) / 1e6:.0f} MB)", fmt_s(t), f"{m:.0f} MB",
                 "–", "≥ 200 MB/s", verdict(speed >= 200) + f" ({speed:.0f} MB/s)"])
    os.remove(js)
    table(f"Issue 19's rows, measured side by side (medians of {runs}, whole processes; load at the end "
          f"{os.getloadavg()[0]:.1f})", ["work", "nmfviz", "peak memory", "reference", "target", "target met"], rows)


def csv_table(nmfviz, py, work, runs):
    # Issue 19: reading a generated 36 MB CSV (400,000 × 10, six decimals, as numpy's savetxt writes)
    # with nmfviz's reader, pandas' C parser and numpy's loadtxt, read only, in-process medians.
    if not py:
        log("bench: --csv needs the reference environment (numpy, pandas)")
        return
    path = os.path.join(work, "big.csv")
    subprocess.run([py, "-c", "import numpy as np, sys; np.savetxt(sys.argv[1], np.random.default_rng(19).random((400000, 10)),"
                    " fmt='%.6f', delimiter=',')", path], check=True)
    dump = os.path.join(work, "values.bin")
    rows = []
    with open(os.path.join(work, "ours.json"), "w+") as out:
        proc = subprocess.Popen([nmfviz, "bench-csv", path, "--repeats", str(runs), "--dump", dump], stdout=out)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("bench: nmfviz bench-csv failed")
        out.seek(0)
        ours = json.loads(out.read())
    peak = f"{usage.ru_maxrss / 1024:.0f} MB"
    refs = {}
    for which in ("pandas", "numpy"):
        res = subprocess.run([py, "-c", CSV_READER, which, path, str(max(3, runs // 2)), dump],
                             capture_output=True, text=True, check=True)
        refs[which] = json.loads(res.stdout)
    size = os.path.getsize(path) / 1e6
    rows.append(["nmfviz (CSVReader.read)", fmt_s(ours["median_s"]), f"{size / ours['median_s']:.0f} MB/s", peak, "–"])
    for which, label in (("pandas", "pandas.read_csv (C parser)"), ("numpy", "numpy.loadtxt")):
        r = refs[which]
        rows.append([label, fmt_s(r["median_s"]), f"{size / r['median_s']:.0f} MB/s", f"{r['peak_mb']:.0f} MB",
                     "bit-equal" if r["bit_equal"] else "DIFFERENT"])
    table(f"Reading a {size:.0f} MB CSV (400,000 × 10), read only (medians; load {os.getloadavg()[0]:.1f})",
          ["reader", "time", "speed", "peak memory (process)", "nmfviz's values vs this reader's"], rows)

def markers_table(nmfviz, py, work, runs):
    # Issue 19: 100,000 edged markers per panel, 10 frames, GIF; the article's script reads the same
    # points (article.py gif OUT DATA FRAMES) and saves through PillowWriter. Whole process, medians.
    csv = os.path.join(work, "points100000.csv")
    write_points(csv, 100_000)
    ours = os.path.join(work, "points.gif")
    t, m = median_run([nmfviz, "--data", csv, "--frames", "10", "--output", ours, "--quiet"], runs)
    rows = [["nmfviz", fmt_s(t), f"{m:.0f} MB", f"{os.path.getsize(ours):,} B", "–"]]
    if py:
        ref = os.path.join(work, "ref.gif")
        t_ref, m_ref = median_run([py, ARTICLE, "gif", ref, csv, "10"], 1)
        rows.append(["the article's script (PillowWriter), 1 run", fmt_s(t_ref), f"{m_ref:.0f} MB",
                     f"{os.path.getsize(ref):,} B", f"{t_ref / t:.0f}×"])
    table(f"100,000 points × 10 frames, GIF, whole process (load {os.getloadavg()[0]:.1f})",
          ["program", "time", "peak memory", "file", "nmfviz faster by"], rows)


def once_table(nmfviz, old, work, runs):
    """Issue 19: renders and exports that run the solver once (limits, palette samples and frames from one
    run; JSON streamed through a byte buffer). With `old`, each run of this build alternates with one of
    the old build on the same input; wall and CPU (user + sys) medians, peak RSS, and the output's
    throughput for the JSON export."""
    csv = os.path.join(work, "wide100000.csv")
    write_wide(csv, 100_000, 10)
    big = os.path.join(work, "wide400000.csv")
    write_wide(big, 400_000, 10)
    cases = [
        ("100,000 × 10 CSV, 50 frames, GIF", ["--data", csv, "--quiet", "--output"], "wide.gif"),
        ("digits, 50 frames, GIF", ["--data", "digits", "--quiet", "--output"], "digits.gif"),
        ("digits JSON export, 200 iterations", ["factorize", "--data", "digits", "--iterations", "200", "-o"], "x.json"),
        # The filmstrip's limits and the player's losses came from runs of their own; the npz spills
        # 40 snapshots of W 400,000 × 2 past the 64 MB kept in memory and reads them back.
        ("400,000 × 10 CSV, filmstrip 0,1,2,5,10,49", ["--data", big, "--quiet", "--filmstrip", "0,1,2,5,10,49",
                                                     "--output"], "strip.png"),
        ("400,000 × 10 CSV, 20 frames, HTML player", ["--data", big, "--quiet", "--frames", "20", "--output"],
         "player.html"),
        ("400,000 × 10 CSV npz export, 40 snapshots", ["factorize", "--data", big, "--format", "npz",
                                                      "--iterations", "39", "-o"], "x.npz"),
    ]
    builds = [("new", nmfviz)] + ([("old", old)] if old else [])
    rows = []
    for label, args, name in cases:
        figures = {b: ([], [], []) for b, _ in builds}
        size = 0
        for _ in range(runs):
            for build, binary in builds:
                # The same file name for both builds (the HTML player's title is the output's stem).
                os.makedirs(os.path.join(work, build), exist_ok=True)
                out = os.path.join(work, build, name)
                start = time.perf_counter()
                proc = subprocess.Popen([binary] + args + [out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                _, status, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - start
                err = proc.stderr.read().decode(errors="replace")
                proc.stderr.close()
                if os.waitstatus_to_exitcode(status) != 0:
                    raise SystemExit(f"bench: {binary} {' '.join(args)} failed: {err.strip()}")
                figures[build][0].append(wall)
                figures[build][1].append(usage.ru_utime + usage.ru_stime)
                figures[build][2].append(usage.ru_maxrss / 1024.0)
                size = os.path.getsize(out)
        same = ""
        if old:
            # Compared in chunks: reading both whole would grow this process, and a child's peak
            # (ru_maxrss) counts the parent's resident set at the fork.
            same = "identical" if filecmp.cmp(os.path.join(work, "new", name), os.path.join(work, "old", name),
                                              shallow=False) else "DIFFERENT"
        for build, _ in builds:
            wall, cpu, peak = (statistics.median(figures[build][0]), statistics.median(figures[build][1]),
                               max(figures[build][2]))
            speed = f"{size / 1e6 / wall:.0f} MB/s" if name.endswith(".json") else "–"
            rows.append([label, build, fmt_s(wall), fmt_s(cpu), f"{peak:.0f} MB", speed, f"{size:,} B", same])
    table(f"One solver pass (issue 19): medians of {runs} alternating runs, load {os.getloadavg()[0]:.1f}",
          ["work", "build", "wall", "CPU", "peak memory", "output speed", "file", "old vs new"], rows)


def write_wide(path, n, columns):
    """n rows of `columns` positive values from a fixed linear congruential stream (no numpy needed)."""
    state = 54321
    with open(path, "w") as f:
        for _ in range(n):
            values = []
            for _ in range(columns):
                state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
                values.append(f"{(state >> 11) / 2**53 * 4 + 0.1:.6f}")
            f.write(",".join(values) + "\n")
def big_rows(nmfviz, work, quick):
    """The scaling table's rows of CSV points: 10,000 … 1,000,000 points (2 columns), and the
    1,000,000 × 10 CSV of Scripts/make-big-csv.py; past 200,000 rows the default render draws densities.
    Peak memory is the process's maximum resident set size (wait4, as /usr/bin/time -f %M)."""
    rows = []
    runs = 1 if quick else 3
    for points in (10_000, 100_000, 1_000_000):
        csv = os.path.join(work, f"points{points}.csv")
        write_points(csv, points)
        out = os.path.join(work, "points.gif")
        t, m = median_run([nmfviz, "--data", csv, "--output", out, "--quiet"], runs)
        rows.append(["50 frames", "1000×450", f"{points:,}", fmt_s(t), f"{m:.0f} MB", f"{os.path.getsize(out):,} B"])
        os.remove(csv)
    big = os.path.join(work, "big.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "make-big-csv.py"), big], check=True)
    out = os.path.join(work, "big.gif")
    t, m = median_run([nmfviz, "--data", big, "--output", out, "--quiet"], runs)
    rows.append(["50 frames", "1000×450", "1,000,000 × 10", fmt_s(t), f"{m:.0f} MB", f"{os.path.getsize(out):,} B"])
    os.remove(big)
    return rows


def write_points(path, n):
    """n points on cos²(x) + 1 with noise, from a fixed linear congruential stream (no numpy needed)."""
    import math

    state = 12345
    with open(path, "w") as f:
        f.write("x,y\n")
        for _ in range(n):
            state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
            u = (state >> 11) / 2**53
            state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
            v = (state >> 11) / 2**53
            x = u * 4 + 0.2
            f.write(f"{x:.6f},{math.cos(x) ** 2 + 1 + (v - 0.5) * 0.3:.6f}\n")


if __name__ == "__main__":
    main()
