// libpng for Swift. libpng's classic API reports errors by longjmp, which must never cross Swift frames,
// so every call into it lives in the two static inline functions below: each sets its own jmp_buf,
// turns a libpng error into a return code plus libpng's message, and frees everything on both paths.
// Macros are not imported into Swift, so the constants Swift needs are restated as values.
#ifndef NMFVIZ_CPNG_SHIM_H
#define NMFVIZ_CPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

static const png_uint_32 nmfviz_png_format_rgba = PNG_FORMAT_RGBA;
static const png_uint_32 nmfviz_png_format_rgb = PNG_FORMAT_RGB;
static const png_uint_32 nmfviz_png_format_rgba_colormap = PNG_FORMAT_RGBA_COLORMAP;
static const png_uint_32 nmfviz_png_image_version = PNG_IMAGE_VERSION;

static const int nmfviz_png_color_type_rgb = PNG_COLOR_TYPE_RGB;
static const int nmfviz_png_color_type_rgba = PNG_COLOR_TYPE_RGB_ALPHA;
static const int nmfviz_png_color_type_palette = PNG_COLOR_TYPE_PALETTE;
static const int nmfviz_png_filter_none = PNG_FILTER_NONE;
static const int nmfviz_png_filter_sub = PNG_FILTER_SUB;
static const int nmfviz_png_filter_up = PNG_FILTER_UP;
static const int nmfviz_png_filter_avg = PNG_FILTER_AVG;
static const int nmfviz_png_filter_paeth = PNG_FILTER_PAETH;

/// Error context handed to libpng as its error pointer: the message is copied before the longjmp.
typedef struct nmfviz_png_error_context {
    jmp_buf jump;
    char message[256];
} nmfviz_png_error_context;

static inline void nmfviz_png_on_error(png_structp png, png_const_charp message) {
    nmfviz_png_error_context *context = (nmfviz_png_error_context *)png_get_error_ptr(png);
    strncpy(context->message, message ? message : "unknown libpng error", sizeof context->message - 1);
    context->message[sizeof context->message - 1] = 0;
    longjmp(context->jump, 1);
}

static inline void nmfviz_png_on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/// A growable byte buffer owned by C: libpng appends to it, Swift copies it out and frees it.
typedef struct nmfviz_png_buffer {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
} nmfviz_png_buffer;

static inline void nmfviz_png_buffer_free(nmfviz_png_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->count = 0;
    buffer->capacity = 0;
}

static inline void nmfviz_png_write_data(png_structp png, png_bytep data, size_t length) {
    nmfviz_png_buffer *buffer = (nmfviz_png_buffer *)png_get_io_ptr(png);
    if (length > buffer->capacity - buffer->count) {
        size_t wanted = buffer->count + length;
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity < wanted) {
            if (capacity > ((size_t)-1) / 2) png_error(png, "output too large");
            capacity *= 2;
        }
        unsigned char *grown = (unsigned char *)realloc(buffer->bytes, capacity);
        if (!grown) png_error(png, "out of memory for the encoded PNG");
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->count, data, length);
    buffer->count += length;
}

static inline void nmfviz_png_flush(png_structp png) { (void)png; }

/// Everything one encode needs. `rows` holds `height` rows of `row_bytes` bytes each, already packed
/// for `bit_depth` and `color_type`; text keys and values are NUL-terminated Latin-1 (tEXt).
typedef struct nmfviz_png_write_request {
    png_uint_32 width;
    png_uint_32 height;
    int color_type;
    int bit_depth;
    const unsigned char *rows;
    size_t row_bytes;
    const unsigned char *palette_rgb;  // palette_count * 3 bytes, for color_type palette
    int palette_count;
    const unsigned char *palette_alpha;  // trns_count bytes, or NULL
    int trns_count;
    int compression_level;
    int compression_strategy;  // zlib strategy: 0 default, 1 filtered, 2 huffman only, 3 RLE
    int filters;               // a PNG_FILTER_* mask
    png_uint_32 pixels_per_metre;  // 0: no pHYs chunk
    int text_count;
    const char *const *text_keys;
    const char *const *text_values;
} nmfviz_png_write_request;

/// Encodes `request` into `output` (which the caller frees with nmfviz_png_buffer_free, also on failure).
/// Returns 1 on success, 0 on failure with libpng's message in `message`.
static inline int nmfviz_png_encode(const nmfviz_png_write_request *request, nmfviz_png_buffer *output,
                                    char *message, size_t message_size) {
    nmfviz_png_error_context context;
    context.message[0] = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, nmfviz_png_on_error,
                                              nmfviz_png_on_warning);
    if (!png) {
        strncpy(message, "libpng could not allocate its write structure", message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    png_infop info = png_create_info_struct(png);
    // png_text entries point into the caller's strings; the array itself is malloc'ed so that it
    // survives the longjmp (a VLA or alloca would too, but this keeps the stack small).
    png_textp texts = NULL;
    // volatile: these are read after a longjmp back into this frame.
    png_textp volatile texts_to_free = NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        strncpy(message, "libpng could not allocate its info structure", message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    if (setjmp(context.jump)) {
        free(texts_to_free);
        png_destroy_write_struct(&png, &info);
        strncpy(message, context.message, message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    png_set_write_fn(png, output, nmfviz_png_write_data, nmfviz_png_flush);
    png_set_IHDR(png, info, request->width, request->height, request->bit_depth, request->color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (request->color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color palette[256];
        for (int i = 0; i < request->palette_count && i < 256; i++) {
            palette[i].red = request->palette_rgb[3 * i];
            palette[i].green = request->palette_rgb[3 * i + 1];
            palette[i].blue = request->palette_rgb[3 * i + 2];
        }
        png_set_PLTE(png, info, palette, request->palette_count);
        if (request->palette_alpha && request->trns_count > 0) {
            png_set_tRNS(png, info, request->palette_alpha, request->trns_count, NULL);
        }
    }
    if (request->pixels_per_metre > 0) {
        png_set_pHYs(png, info, request->pixels_per_metre, request->pixels_per_metre, PNG_RESOLUTION_METER);
    }
    if (request->text_count > 0) {
        texts = (png_textp)calloc((size_t)request->text_count, sizeof(png_text));
        texts_to_free = texts;
        if (!texts) png_error(png, "out of memory for text chunks");
        for (int i = 0; i < request->text_count; i++) {
            texts[i].compression = PNG_TEXT_COMPRESSION_NONE;
            texts[i].key = (png_charp)request->text_keys[i];
            texts[i].text = (png_charp)request->text_values[i];
            texts[i].text_length = strlen(request->text_values[i]);
        }
        png_set_text(png, info, texts, request->text_count);
    }
    png_set_compression_level(png, request->compression_level);
    png_set_compression_strategy(png, request->compression_strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, request->filters);
    png_write_info(png, info);
    for (png_uint_32 y = 0; y < request->height; y++) {
        png_write_row(png, request->rows + (size_t)y * request->row_bytes);
    }
    png_write_end(png, info);
    free(texts_to_free);
    png_destroy_write_struct(&png, &info);
    return 1;
}

/// Reading state: the source bytes and how far libpng has read.
typedef struct nmfviz_png_source {
    const unsigned char *bytes;
    size_t count;
    size_t offset;
} nmfviz_png_source;

static inline void nmfviz_png_read_data(png_structp png, png_bytep data, size_t length) {
    nmfviz_png_source *source = (nmfviz_png_source *)png_get_io_ptr(png);
    if (length > source->count - source->offset) png_error(png, "file is truncated");
    memcpy(data, source->bytes + source->offset, length);
    source->offset += length;
}

/// Reads the header of a PNG in memory: fills width and height. Returns 1, or 0 with libpng's message.
/// Then nmfviz_png_decode_rgba8 fills `pixels` (width * height * 4 bytes) with 8-bit straight RGBA,
/// expanding palettes, grey and low bit depths, scaling 16-bit samples, adding opaque alpha; no gamma
/// correction is applied, so the samples are the file's own.
static inline int nmfviz_png_decode_rgba8(const unsigned char *bytes, size_t count, png_uint_32 *width,
                                          png_uint_32 *height, unsigned char *pixels, size_t pixels_size,
                                          char *message, size_t message_size) {
    nmfviz_png_error_context context;
    context.message[0] = 0;
    nmfviz_png_source source = {bytes, count, 0};
    if (count < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
        strncpy(message, "not a PNG file (bad signature)", message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, nmfviz_png_on_error,
                                             nmfviz_png_on_warning);
    if (!png) {
        strncpy(message, "libpng could not allocate its read structure", message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        strncpy(message, "libpng could not allocate its info structure", message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    if (setjmp(context.jump)) {
        png_destroy_read_struct(&png, &info, NULL);
        strncpy(message, context.message, message_size - 1);
        message[message_size - 1] = 0;
        return 0;
    }
    png_set_read_fn(png, &source, nmfviz_png_read_data);
    png_read_info(png, info);
    *width = png_get_image_width(png, info);
    *height = png_get_image_height(png, info);
    if (!pixels) {
        // Header only: the caller allocates and calls again.
        png_destroy_read_struct(&png, &info, NULL);
        return 1;
    }
    if ((size_t)*width * (size_t)*height * 4 != pixels_size) png_error(png, "pixel buffer has the wrong size");
    int color_type = png_get_color_type(png, info);
    png_set_expand(png);
    png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)*width * 4) png_error(png, "unexpected row size after expansion");
    for (int pass = 0; pass < passes; pass++) {
        for (png_uint_32 y = 0; y < *height; y++) {
            png_read_row(png, pixels + (size_t)y * (size_t)*width * 4, NULL);
        }
    }
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    return 1;
}
#endif
