/* fuzz_wechat.c — libFuzzer: the wechat adapter's parser on arbitrary bytes. */
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_adapter(3, data, size); }
