/* fuzz_generic.c — libFuzzer: the generic adapter's parser on arbitrary bytes. */
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_adapter(0, data, size); }
