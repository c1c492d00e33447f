/* fuzz_adapters.c — libFuzzer: every platform parser on arbitrary bytes.
 * The first byte picks the parser, the rest is the body. */
#include <stdlib.h>
#include <string.h>

#include "../bot/msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *body = malloc(size);
    if (!body)
        return 0;
    memcpy(body, data + 1, size - 1);
    body[size - 1] = '\0';
    size_t len = size - 1;
    char err[256];
    struct bot_msg m;
    struct bot_wechat_in in;
    switch (data[0] % 5) {
    case 0:
        if (bot_generic_parse(body, len, &m, err) == BOT_OK)
            bot_msg_free(&m);
        break;
    case 1:
        if (bot_onebot_parse(body, len, &m, err) == BOT_OK)
            bot_msg_free(&m);
        bot_onebot_verify("secret", body, len, body);
        break;
    case 2:
        if (bot_telegram_parse(body, len, &m, err) == BOT_OK)
            bot_msg_free(&m);
        break;
    case 3:
        if (bot_wechat_parse(body, len, &in, err) == BOT_OK) {
            char *x = bot_wechat_reply_xml(in.from, in.to, 1, in.content ? in.content : "");
            free(x);
            bot_wechat_in_free(&in);
        }
        break;
    case 4: {
        char *msg = NULL;
        size_t mlen = 0;
        if (bot_wechat_decrypt("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "", body, &msg, &mlen) == BOT_OK)
            free(msg);
        break;
    }
    }
    free(body);
    return 0;
}
