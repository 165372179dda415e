// libwebp: the encoder and decoder (libwebp), the animation encoder (libwebpmux's WebPAnimEncoder)
// and the animation decoder (libwebpdemux's WebPAnimDecoder, used by the tests to read files back).
#include <webp/encode.h>
#include <webp/decode.h>
#include <webp/mux.h>
#include <webp/demux.h>
