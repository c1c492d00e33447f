/* adapter_fuzz.h — the body shared by the per-adapter libFuzzer targets. */
#include <stdlib.h>
#include <string.h>

#include "../bot/msg.h"
#include "worker_stack.h"

struct fuzz_input {
    int which;
    char *body;
    size_t len;
};

static void *fuzz_adapter_run(void *arg)
{
    struct fuzz_input *fi = arg;
    char *body = fi->body;
    size_t len = fi->len;
    int which = fi->which;
    char err[256];
    struct bot_msg m;
    struct bot_wechat_in in;
    switch (which) {
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
    case 4: { /* WeChat safe mode: the <Encrypt> payload */
        char *msg = NULL;
        size_t mlen = 0;
        if (bot_wechat_decrypt("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "", body, &msg, &mlen) == BOT_OK)
            free(msg);
        break;
    }
    }
    return NULL;
}

/* One input through adapter `which`, on a worker-sized stack. */
static int fuzz_adapter(int which, const uint8_t *data, size_t size)
{
    struct fuzz_input fi = {which, malloc(size + 1), size};
    if (!fi.body)
        return 0;
    memcpy(fi.body, data, size);
    fi.body[size] = '\0';
    fuzz_on_worker_stack(fuzz_adapter_run, &fi);
    free(fi.body);
    return 0;
}
