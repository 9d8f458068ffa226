// factorlab/core/stb_image_write.cpp — the one translation unit that compiles stb_image_write's
// implementation (the single-header library's own convention), so factorlab needs only its header:
// no libstb.so at run time, and the GPU machine's build takes the header from the deps folder
// (docs/gpu.md). image.cpp includes the header for the declarations.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
