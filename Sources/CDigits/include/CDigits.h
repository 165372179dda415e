// The UCI hand-written digits as scikit-learn ships them (Assets/digits.png, written by
// Scripts/fixtures/digits_asset.py) compiled into the binary, so `--data digits` works wherever the
// executable is copied. Source and licence (CC BY 4.0): Assets/README.md.
#ifndef NMFVIZ_CDIGITS_H
#define NMFVIZ_CDIGITS_H
#include <stddef.h>
extern const unsigned char nmfviz_digits_png[];
extern const size_t nmfviz_digits_png_size;
/* Swift cannot import an array of unknown size: it reads the bytes through this accessor. */
static inline const unsigned char *nmfviz_digits_png_bytes(void) { return nmfviz_digits_png; }
#endif
