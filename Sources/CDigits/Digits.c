#include "CDigits.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
const unsigned char nmfviz_digits_png[] = {
#embed "../../Assets/digits.png"
};
#pragma clang diagnostic pop
const size_t nmfviz_digits_png_size = sizeof(nmfviz_digits_png);
