#!/usr/bin/env python3
"""Per-iteration medians of scikit-learn's and numpy's NMF iterations, printed as one JSON line.

Run:  /work/venv/bin/python Scripts/bench-engine.py [--repeats 15] [--iterations 40] [--only digits|random]
      /work/venv/bin/python Scripts/bench-engine.py --write-digits /tmp/digits.csv   (and nothing else)

The reference side of nmfviz's engine benchmark (Scripts/bench calls it; the Swift side is
`nmfviz bench-solver`). Four cases: MU and HALS on the digits matrix (1797×64, k = 16, shipped
with scikit-learn) and on a random 2000×1000 matrix (numpy seed 0, k = 20).

How each figure is measured (milliseconds per iteration, median over --repeats runs):
- sklearn_mu:  NMF(solver='mu', init='random', tol=1e-300).fit, timed at max_iter = K and at
  max_iter = K + n back to back; one run gives (t(K + n) − t(K)) / n, so the set-up, the
  initialization and the final loss cancel. A positive tol keeps scikit-learn's loss check every
  10th iteration (part of its iteration cost) without ever stopping early (MU never stalls there).
- sklearn_cd:  the same with solver='cd' and tol=0 (coordinate descent has no loss check).
- sklearn_mu_kl, sklearn_mu_is: MU with beta_loss='kullback-leibler' (β = 1) and 'itakura-saito'
  (β = 0), timed the same way with fewer runs (--beta-repeats, 5; 20 extra iterations). scikit-learn
  refuses β ≤ 0 on data with zeros, so β = 0 runs on the digits + 1 (both sides).
- sklearn_minibatch_256: ms per pass (epoch) of MiniBatchNMF(batch_size=256, init='random', tol=0,
  max_no_improvement=None).fit, timed at max_iter = 1 and 6 passes: (t(6) − t(1)) / 5.
- numpy_mu:    the article's Frobenius update in numpy, `W *= (X @ H.T) / (W @ (H @ H.T))` then
  `H *= (W.T @ X) / ((W.T @ W) @ H)`, timed over n iterations per run.
numpy uses its bundled OpenBLAS on every core; the JSON records the thread count it sees.

The Swift side of the same cases (see the report of branch `blas`):
  nmfviz bench-solver --rows 2000 --columns 1000 --rank 20 --solver mu|hals --iterations 30 --repeats 5
  nmfviz bench-solver --data /tmp/digits.csv --rank 16 --solver mu|hals --iterations 100 --repeats 5
with the digits matrix written by --write-digits (64 comma-separated columns, no header), and for β:
  nmfviz bench-solver … --solver mu --loss kl|itakura-saito (β = 0 on the file of --write-digits-plus-one),
  and nmfviz bench-solver … --solver minibatch --batch-size 256 (its epoch_ms beside sklearn_minibatch_256).
"""
import argparse
import json
import os
import statistics
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import NMF, MiniBatchNMF
from sklearn.exceptions import ConvergenceWarning


def sklearn_per_iteration(x, k, solver, base, extra, repeats, beta_loss="frobenius"):
    tol = 1e-300 if solver == "mu" else 0.0

    def fit(iterations):
        model = NMF(n_components=k, solver=solver, init="random", random_state=0,
                    max_iter=iterations, tol=tol, beta_loss=beta_loss)
        start = time.perf_counter()
        model.fit(x)
        elapsed = time.perf_counter() - start
        if model.n_iter_ != iterations:
            raise SystemExit(f"scikit-learn stopped after {model.n_iter_} of {iterations} iterations")
        return elapsed

    fit(base)  # warm-up: imports, BLAS threads, caches
    samples = []
    for _ in range(repeats):
        short = fit(base)
        long = fit(base + extra)
        samples.append((long - short) / extra)
    return statistics.median(samples) * 1e3


def sklearn_minibatch_epoch(x, k, batch_size, extra, repeats):
    """One pass of MiniBatchNMF(batch_size) over x in ms: fit_transform with max_iter = 1 + extra
    passes minus with 1 pass, over extra (tol=0 and max_no_improvement=None so that every pass runs)."""
    def fit(passes):
        model = MiniBatchNMF(n_components=k, init="random", random_state=0, batch_size=batch_size,
                             max_iter=passes, tol=0.0, max_no_improvement=None)
        start = time.perf_counter()
        model.fit(x)
        elapsed = time.perf_counter() - start
        if model.n_iter_ != passes:
            raise SystemExit(f"scikit-learn stopped after {model.n_iter_} of {passes} passes")
        return elapsed

    fit(1)
    samples = []
    for _ in range(repeats):
        short = fit(1)
        long = fit(1 + extra)
        samples.append((long - short) / extra)
    return statistics.median(samples) * 1e3


def numpy_mu_per_iteration(x, k, iterations, repeats):
    rng = np.random.RandomState(0)
    scale = np.sqrt(x.mean() / k)
    samples = []
    for run in range(repeats + 1):
        w = scale * rng.standard_normal((x.shape[0], k)).__abs__()
        h = scale * rng.standard_normal((k, x.shape[1])).__abs__()
        start = time.perf_counter()
        with np.errstate(divide="ignore", invalid="ignore"):  # digits has all-zero columns: 0/0
            for _ in range(iterations):
                w *= (x @ h.T) / (w @ (h @ h.T))
                h *= (w.T @ x) / ((w.T @ w) @ h)
        elapsed = time.perf_counter() - start
        if run > 0:  # the first run warms up
            samples.append(elapsed / iterations)
    return statistics.median(samples) * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--only", choices=["digits", "random"], help="measure one matrix only")
    parser.add_argument("--beta-repeats", type=int, default=5)
    parser.add_argument("--write-digits", metavar="CSV", help="write the digits matrix as CSV and exit")
    parser.add_argument("--write-digits-plus-one", metavar="CSV", help="write the digits matrix + 1 as CSV and exit")
    args = parser.parse_args()
    if args.write_digits or args.write_digits_plus_one:
        if args.write_digits:
            np.savetxt(args.write_digits, load_digits().data, delimiter=",", fmt="%g")
        if args.write_digits_plus_one:
            np.savetxt(args.write_digits_plus_one, load_digits().data + 1, delimiter=",", fmt="%g")
        return
    warnings.simplefilter("ignore", ConvergenceWarning)

    digits = load_digits().data.astype(np.float64)
    random = np.random.RandomState(0).rand(2000, 1000)
    cases = {"digits": (digits, 16), "random": (random, 20)}
    result = {"unit": "ms/iteration (median)", "repeats": args.repeats,
              "load_average_1min": round(os.getloadavg()[0], 2)}
    try:
        from threadpoolctl import threadpool_info
        result["blas_threads"] = max((p.get("num_threads", 0) for p in threadpool_info()
                                      if p.get("user_api") == "blas"), default=None)
    except ImportError:
        result["blas_threads"] = None
    for name, (x, k) in cases.items():
        if args.only and name != args.only:
            continue
        shape = f"{x.shape[0]}x{x.shape[1]}"
        result[f"{name}_{shape}_k{k}"] = {
            "sklearn_mu": round(sklearn_per_iteration(x, k, "mu", 10, args.iterations, args.repeats), 4),
            "sklearn_cd": round(sklearn_per_iteration(x, k, "cd", 10, args.iterations, args.repeats), 4),
            "numpy_mu": round(numpy_mu_per_iteration(x, k, args.iterations, args.repeats), 4),
            "sklearn_mu_kl": round(sklearn_per_iteration(x, k, "mu", 10, 20, args.beta_repeats, "kullback-leibler"), 4),
            "sklearn_minibatch_256": round(sklearn_minibatch_epoch(x, k, 256, 5, args.beta_repeats), 4),
            "sklearn_mu_is": round(sklearn_per_iteration(x + 1 if name == "digits" else x, k, "mu", 10, 20,
                                                         args.beta_repeats, "itakura-saito"), 4),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
