/* fuzz_wechat_aes.c — libFuzzer: the wechat_aes adapter's parser on arbitrary bytes. */
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_adapter(4, data, size); }
