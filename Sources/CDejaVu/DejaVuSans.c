#include "CDejaVu.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
const unsigned char nmfviz_dejavu_sans[] = {
#embed "../../Assets/DejaVuSans.ttf"
};
#pragma clang diagnostic pop
const size_t nmfviz_dejavu_sans_size = sizeof(nmfviz_dejavu_sans);
