// NMF
