// libpng through its simplified API only: png_image_* never longjmps, it returns 0 and fills
// png_image.message. Macros are not imported into Swift, so the ones we need are restated here.
#ifndef NMFVIZ_CPNG_SHIM_H
#define NMFVIZ_CPNG_SHIM_H
#include <png.h>

static const png_uint_32 nmfviz_png_format_rgba = PNG_FORMAT_RGBA;
static const png_uint_32 nmfviz_png_format_rgb = PNG_FORMAT_RGB;
static const png_uint_32 nmfviz_png_format_rgba_colormap = PNG_FORMAT_RGBA_COLORMAP;
static const png_uint_32 nmfviz_png_image_version = PNG_IMAGE_VERSION;
#endif
