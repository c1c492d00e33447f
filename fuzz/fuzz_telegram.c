/* fuzz_telegram.c — libFuzzer: the telegram adapter's parser on arbitrary bytes. */
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_adapter(2, data, size); }
