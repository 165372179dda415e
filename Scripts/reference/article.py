"""The article's animation script (the seed article of this project), made runnable for comparison.

Usage: python article.py gif OUT.gif      # FuncAnimation + PillowWriter, as the article saves it
       python article.py png OUTDIR       # the same 50 frames, one fig.savefig(dpi=100) each
       python article.py magick OUT.gif   # FuncAnimation + ImageMagickWriter (needs `convert`)
       python article.py mp4 OUT.mp4      # FFMpegWriter (H.264, its defaults: yuv420p, libx264's CRF 23)
       python article.py webm OUT.webm    # FFMpegWriter with codec libvpx-vp9
       python article.py webp OUT.webp    # PillowWriter to an animated WebP (Pillow's defaults: lossy, quality 80)
       python article.py jshtml OUT.html  # ani.to_jshtml() written to a file (PNG frames, the notebook player)
       python article.py htmlwriter OUT.html  # HTMLWriter(embed_frames=True)
       python article.py svg OUT.svg      # one still after 10 iterations, fig.savefig (vector)
       python article.py pdf OUT.pdf      # the same still as PDF
       python article.py gif OUT.gif DATA.csv FRAMES  # the GIF with the points of DATA.csv (header x,y), FRAMES frames

Changes from the article, and why: cmap='blues' (an invalid name today, and unused since colours are given)
is dropped; the animation is saved instead of shown; the print of the shape each frame is dropped (it only
costs terminal time). Everything else — data, seed, updates, figure, scatter and quiver calls — is as written.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.animation as anm
import matplotlib.cm as cm
import matplotlib.pyplot as plt
import numpy as np


def main(mode, out, data=None, frames=50):
    np.random.seed(seed=32)

    def true_fun(X):
        return np.cos(X) ** 2

    X = np.random.rand(80) * 4 + 0.2
    Y = true_fun(X)
    Y = Y + np.random.normal(0, 0.1, 80) + 1
    if data is not None:  # the benchmark's many points (issue 19), in place of the article's 80
        X, Y = np.loadtxt(data, delimiter=",", skiprows=1, unpack=True)
    m = len(X)
    x = np.zeros([m, 2])
    x[:, 0] = X
    x[:, 1] = Y
    k = 2
    n = 2
    np.random.seed(seed=32)
    state = {
        "U": np.abs(np.random.uniform(low=0, high=1, size=(m, k))),
        "V": np.abs(np.random.uniform(low=0, high=1, size=(n, k))),
    }
    fig = plt.figure(figsize=(10, 4.5))

    def update(t):
        U, V = state["U"], state["V"]
        U = U * np.dot(x, V) / np.dot(np.dot(U, V.T), V)
        V = V * np.dot(U.T, x).T / np.dot(U.T, np.dot(U, V.T)).T
        state["U"], state["V"] = U, V
        NMF = np.dot(U, V.T)
        plt.subplot(122)
        plt.cla()
        plt.title(t)
        plt.xlim((0, 4.5))
        plt.ylim((0, 3.3))
        plt.scatter(NMF[:, 0], NMF[:, 1], s=60, color=cm.jet((NMF[:, 0] * 0.25)), edgecolors="black",
                    linewidths=0.1)
        plt.quiver(0, 0, V[0, 1], V[0, 0], angles="xy", scale_units="xy", scale=1)
        plt.quiver(0, 0, V[0, 1], V[1, 0], angles="xy", scale_units="xy", scale=1)
        plt.subplot(121)
        plt.cla()
        plt.xlim((0, 4.5))
        plt.ylim((0, 3.3))
        plt.scatter(X, Y, s=60, color=cm.jet((x[:, 0] * 0.25)), edgecolors="black", linewidths=0.1)

    if mode == "png":
        import os

        os.makedirs(out, exist_ok=True)
        for t in range(50):
            update(t)
            fig.savefig(os.path.join(out, "frame_%03d.png" % t), dpi=100)
        return
    if mode in ("svg", "pdf"):
        for t in range(10):
            update(t)
        fig.savefig(out)
        return
    ani = anm.FuncAnimation(fig, update, interval=200, frames=frames)
    if mode == "gif":
        ani.save(out, writer=anm.PillowWriter(fps=5))
    elif mode == "magick":
        ani.save(out, writer="imagemagick")
    elif mode == "mp4":
        ani.save(out, writer=anm.FFMpegWriter(fps=5))
    elif mode == "webm":
        ani.save(out, writer=anm.FFMpegWriter(fps=5, codec="libvpx-vp9"))
    elif mode == "webp":
        ani.save(out, writer=anm.PillowWriter(fps=5))
    elif mode == "jshtml":
        with open(out, "w") as f:
            f.write(ani.to_jshtml(fps=5))
    elif mode == "htmlwriter":
        ani.save(out, writer=anm.HTMLWriter(fps=5, embed_frames=True))
    else:
        raise SystemExit("mode must be gif, png, magick, mp4, webm, webp, jshtml, htmlwriter, svg or pdf")


if __name__ == "__main__":
    if len(sys.argv) == 5:
        main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        raise SystemExit(__doc__)
