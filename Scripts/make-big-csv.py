"""Writes the big CSV of the benchmarks (issue 19): ROWS × COLUMNS non-negative values, deterministic.

    python3 Scripts/make-big-csv.py OUT.csv [ROWS [COLUMNS]]     # default 1000000 × 10, ~90 MB

Column 0 is x ∈ [0.2, 4.2) and column 1 is cos²(x) + 1 plus noise, so the data panel shows the article's curve;
the other columns are non-negative mixtures of five smooth functions of x and a second uniform t, plus noise, so
that rank 5 fits them well. Values are printed with 6 decimals (~9 bytes a value). The stream is a 64-bit linear
congruential generator (Knuth's MMIX constants, as Scripts/bench.py's write_points), so the file is the same
byte for byte on every machine and Python version; only the standard library is needed.
"""
import math
import sys


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    if rows < 2 or columns < 2:
        raise SystemExit("make-big-csv: need at least 2 rows and 2 columns")
    state = 19
    scale = 1.0 / 2**53

    def uniform():
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFF_FFFF_FFFF_FFFF
        return (state >> 11) * scale

    # Fixed mixing weights of the five latent functions for columns 2…
    weights = [[0.2 + 0.8 * ((7 * j + 3 * f) % 11) / 10 for f in range(5)] for j in range(columns)]
    with open(path, "w") as out:
        out.write(",".join(["x", "y"] + [f"c{j}" for j in range(2, columns)]) + "\n")
        lines = []
        for _ in range(rows):
            x = uniform() * 4 + 0.2
            t = uniform()
            c = math.cos(x)
            values = [x, c * c + 1 + (uniform() - 0.5) * 0.3]
            latent = (c * c, x / 4.2, t, math.sin(x) ** 2, t * x / 4.2)
            for j in range(2, columns):
                w = weights[j]
                values.append(sum(w[f] * latent[f] for f in range(5)) + 0.05 * uniform())
            lines.append(",".join(f"{v:.6f}" for v in values))
            if len(lines) == 10_000:
                out.write("\n".join(lines) + "\n")
                lines.clear()
        if lines:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
