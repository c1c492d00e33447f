/* fuzz_wecom.c — libFuzzer: the WeCom intelligent robot's callback parser on arbitrary decrypted messages. */
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_adapter(5, data, size); }
