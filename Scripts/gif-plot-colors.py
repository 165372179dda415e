#!/usr/bin/env python3
"""How far a GIF shows the plot's flat colours: Scripts/gif-plot-colors.py a.gif frames_dir

Composites the GIF with Pillow and compares each frame with the PNG frames of the same run (numeric
name order). Flat pixels are those whose 3x3 neighbourhood in the true frame is one colour that is not a
background colour (>= 5 % of the frame): marker faces, text and line cores. Prints the largest channel
error over them, the worst frame's 99.9th percentile, and the most of them in one frame > 3 levels off.
Needs numpy and Pillow (/work/venv/bin/python). The tests check the declared colours instead
(PlotColorFidelity); this needs no list of them, so it also shows the digits' grey image tiles."""
import sys, os, numpy as np
from PIL import Image, ImageSequence
gif, folder = sys.argv[1], sys.argv[2]
names = sorted((f for f in os.listdir(folder) if f.endswith('.png')), key=lambda f: int(''.join(c for c in f if c.isdigit())))
im = Image.open(gif)
fmax = 0; fp = 0; fcount = 0; worst = None; n = 0
for i, fr in enumerate(ImageSequence.Iterator(im)):
    if i >= len(names): break
    g = np.asarray(fr.convert('RGBA')).astype(np.int16)
    t = np.asarray(Image.open(f"{folder}/{names[i]}").convert('RGBA')).astype(np.int16)
    a = t[..., 3] >= 128
    err = np.abs(g[..., :3] - t[..., :3]).max(axis=2)
    key = (t[..., 0].astype(np.int64) | (t[..., 1].astype(np.int64) << 8) | (t[..., 2].astype(np.int64) << 16))
    key = np.where(a, key, -1)
    H, W = key.shape
    c = key[1:-1, 1:-1]; flat = c >= 0
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            flat &= key[dy:dy + H - 2, dx:dx + W - 2] == c
    vals, cnts = np.unique(key[a], return_counts=True)
    bg = vals[cnts >= 0.05 * H * W]
    flat &= ~np.isin(c, bg)
    fe = err[1:-1, 1:-1][flat]
    if fe.size:
        m = int(fe.max()); k = int((fe > 3).sum())
        if m > fmax: fmax = m; worst = i
        fp = max(fp, float(np.percentile(fe, 99.9))); fcount = max(fcount, k)
    n += 1
print(f"flat(non-bg) max {fmax} (frame {worst}) p99.9 {fp:.0f} worst-frame count>3 {fcount}  [{n} frames]")
