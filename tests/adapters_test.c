/* adapters_test.c — every platform's parser, signature and reply shape, with
 * signature vectors computed here, and the malformed inputs they must refuse. */
#include "test_util.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <strings.h>

#include "../bot/config.h"
#include "../bot/platform.h"
#include "../bot/replay.h"

/* strdup that fails on the nth call from when it is armed (0 = never): the
 * adapters' allocation failures, provoked */
static int strdup_fail_at;
char *strdup(const char *s)
{
    if (strdup_fail_at > 0 && --strdup_fail_at == 0)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* A webhook call as the server makes one: headers from a list, no query. */
static struct bot_config hook_cfg;
static const char *const *hook_headers; /* name, value, …, NULL */
static const char *test_header(const struct bot_hook *h, const char *name)
{
    for (int i = 0; hook_headers && hook_headers[i]; i += 2)
        if (strcasecmp(hook_headers[i], name) == 0)
            return hook_headers[i + 1];
    return NULL;
}
static const char *const *hook_queries; /* name, value, …, NULL */
static void test_query(const struct bot_hook *h, const char *name, char *buf, size_t bufsz)
{
    buf[0] = '\0';
    for (int i = 0; hook_queries && hook_queries[i]; i += 2)
        if (strcmp(hook_queries[i], name) == 0)
            snprintf(buf, bufsz, "%s", hook_queries[i + 1]);
}
static struct bot_hook *hook(void)
{
    static struct bot_hook h;
    memset(&h, 0, sizeof h);
    h.cfg = &hook_cfg;
    h.method = "POST";
    h.header = test_header;
    h.query = test_query;
    h.now = 1763900000;
    return &h;
}

static void hmac_header(const char *secret, const char *body, int upper, char out[80])
{
    unsigned char mac[20];
    unsigned len = 0;
    HMAC(EVP_sha1(), secret, (int)strlen(secret), (const unsigned char *)body, strlen(body), mac, &len);
    strcpy(out, "sha1=");
    for (unsigned i = 0; i < len; i++)
        snprintf(out + 5 + 2 * i, 3, upper ? "%02X" : "%02x", mac[i]);
}

static const char *ob_group =
    "{\"time\":1763900000,\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"group\","
    "\"sub_type\":\"normal\",\"message_id\":4321,\"group_id\":123456789,\"user_id\":98765,\"anonymous\":null,"
    "\"message\":[{\"type\":\"at\",\"data\":{\"qq\":\"10001\"}},{\"type\":\"text\",\"data\":{\"text\":\" 查积分\"}}],"
    "\"raw_message\":\"[CQ:at,qq=10001] 查积分\",\"font\":0,"
    "\"sender\":{\"user_id\":98765,\"nickname\":\"Ann\",\"card\":\"王阿姨\",\"role\":\"member\"}}";

static void test_onebot_signature_accepted_lower_and_upper_hex(void **state)
{
    (void)state;
    char h[80];
    hmac_header("s3cret", ob_group, 0, h);
    assert_int_equal(bot_onebot_verify("s3cret", ob_group, strlen(ob_group), h), BOT_OK);
    hmac_header("s3cret", ob_group, 1, h); /* Lagrange writes upper case */
    assert_int_equal(bot_onebot_verify("s3cret", ob_group, strlen(ob_group), h), BOT_OK);
}

static void test_onebot_signature_rejected(void **state)
{
    (void)state;
    char h[80];
    hmac_header("other", ob_group, 0, h);
    assert_int_equal(bot_onebot_verify("s3cret", ob_group, strlen(ob_group), h), BOT_AUTH);
    assert_int_equal(bot_onebot_verify("s3cret", ob_group, strlen(ob_group), NULL), BOT_AUTH);
    assert_int_equal(bot_onebot_verify("s3cret", ob_group, strlen(ob_group), "sha1=abc"), BOT_AUTH);
    hmac_header("s3cret", ob_group, 0, h);
    assert_int_equal(bot_onebot_verify("s3cret", ob_group, strlen(ob_group) - 1, h), BOT_AUTH); /* body changed */
}

static void test_onebot_segments_and_mention_of_self(void **state)
{
    (void)state;
    struct hd_msg m;
    char err[256];
    assert_int_equal(bot_onebot.parse(hook(), ob_group, strlen(ob_group), &m, err), BOT_OK);
    assert_string_equal(m.text, " 查积分");
    assert_int_equal(m.addressed, 1);
    assert_int_equal(m.nmentions, 0); /* the bot itself is no mention */
    assert_int_equal(m.is_group, 1);
    assert_string_equal(m.chat_id, "123456789");
    assert_string_equal(m.user_id, "98765");
    assert_string_equal(m.message_id, "10001:4321"); /* de-dup on self_id + message_id */
    assert_string_equal(m.user_name, "王阿姨");
    assert_int_equal(m.time, 1763900000);
    hd_msg_free(&m);
}

static void test_onebot_cq_string_unescaped_other_mentions_kept(void **state)
{
    (void)state;
    const char *ev = "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"private\",\"message_id\":7,"
                     "\"user_id\":5550001,\"message\":\"转赠 1小时 给 [CQ:at,qq=5550002] &#91;谢谢&#93; &amp;\"}";
    struct hd_msg m;
    char err[256];
    assert_int_equal(bot_onebot.parse(hook(), ev, strlen(ev), &m, err), BOT_OK);
    /* the @ is a mention where a space now stands; the escaped brackets are text */
    assert_string_equal(m.text, "转赠 1小时 给   [谢谢] &");
    assert_int_equal(m.nmentions, 1);
    assert_string_equal(m.mentions[0].who, "5550002");
    assert_int_equal(m.mentions[0].at, 9);
    assert_int_equal(m.addressed, 0);
    assert_int_equal(m.is_group, 0);
    assert_null(m.chat_id);
    hd_msg_free(&m);
}

static void test_onebot_malformed_events_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"self_id\":1,\"post_type\":\"message\",\"message_type\":\"group\",\"message_id\":1,\"user_id\":2,\"message\":\"x\"}",
        "{\"self_id\":1,\"post_type\":\"message\",\"message_type\":\"group\",\"message_id\":1,\"user_id\":2,\"group_id\":3,\"message\":5}",
        "{\"self_id\":\"\",\"post_type\":\"message\",\"message_type\":\"private\",\"message_id\":1,\"user_id\":2,\"message\":\"x\"}",
        "{\"post_type\":\"message\"", "[1,2,3]", "{\"self_id\":1,\"post_type\":\"message\",\"message_type\":\"channel\"}",
    };
    struct hd_msg m;
    char err[256];
    for (size_t i = 0; i < BOT_ARRAY_LEN(bad); i++)
        if (bot_onebot.parse(hook(), bad[i], strlen(bad[i]), &m, err) != BOT_INVALID)
            fail_msg("accepted: %s", bad[i]);
    const char *hb = "{\"time\":1,\"self_id\":1,\"post_type\":\"meta_event\",\"meta_event_type\":\"heartbeat\"}";
    assert_int_equal(bot_onebot.parse(hook(), hb, strlen(hb), &m, err), BOT_NOTFOUND);
}

/* Play-test 17: an anonymous group message (QQ sends every anonymous sender as one user_id) and the bot's own message
 * reported back are nothing to act on: the quiet answer. */
static void test_onebot_anonymous_and_own_messages_quiet(void **state)
{
    (void)state;
    static const char *const quiet[] = {
        "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"group\",\"sub_type\":\"anonymous\","
        "\"message_id\":1,\"user_id\":80000000,\"group_id\":3,\"anonymous\":{\"id\":1,\"name\":\"x\",\"flag\":\"f\"},"
        "\"message\":\"求助 明天下午3点 修水管 1小时\"}",
        "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"group\",\"sub_type\":\"normal\","
        "\"message_id\":2,\"user_id\":80000000,\"group_id\":3,\"anonymous\":{\"id\":1},\"message\":\"查积分\"}",
        "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"group\",\"sub_type\":\"normal\","
        "\"message_id\":3,\"user_id\":10001,\"group_id\":3,\"message\":\"求助 #10 重新开放：维修\"}",
        "{\"self_id\":\"10001\",\"post_type\":\"message\",\"message_type\":\"private\",\"sub_type\":\"friend\","
        "\"message_id\":4,\"user_id\":10001,\"message\":\"查积分\"}",
    };
    struct hd_msg m;
    char err[256];
    for (size_t i = 0; i < BOT_ARRAY_LEN(quiet); i++)
        if (bot_onebot.parse(hook(), quiet[i], strlen(quiet[i]), &m, err) != BOT_NOTFOUND)
            fail_msg("acted on: %s", quiet[i]);
    const char *named = "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"group\",\"sub_type\":\"normal\","
                        "\"message_id\":5,\"user_id\":2001,\"group_id\":3,\"anonymous\":null,\"message\":\"查积分\"}";
    assert_int_equal(bot_onebot.parse(hook(), named, strlen(named), &m, err), BOT_OK);
    assert_string_equal(m.user_id, "2001");
    hd_msg_free(&m);
}

/* Play-test 17: /cmd@another_bot is that bot's, once the bot's own username is known; ** is taken out for platforms
 * that show it as typed, a masked phone's stars kept. */
static void test_telegram_other_bots_and_plain_bold(void **state)
{
    (void)state;
    assert_int_equal(bot_telegram_other_bots("shijian_bot", "/balance@other_bot"), 1);
    assert_int_equal(bot_telegram_other_bots("shijian_bot", "/balance@Shijian_Bot"), 0);
    assert_int_equal(bot_telegram_other_bots("@shijian_bot", "/balance@shijian_bot 你好"), 0);
    assert_int_equal(bot_telegram_other_bots("shijian_bot", "/balance"), 0);
    assert_int_equal(bot_telegram_other_bots("shijian_bot", "查积分 @王强"), 0);
    assert_int_equal(bot_telegram_other_bots("", "/balance@other_bot"), 0); /* not configured: taken as the bot's */
    const char *u = "{\"update_id\":9,\"message\":{\"message_id\":5,\"from\":{\"id\":3002,\"first_name\":\"A\"},"
                    "\"chat\":{\"id\":-100777,\"type\":\"supergroup\"},\"date\":1763900000,\"text\":\"/balance@other_bot\"}}";
    struct hd_msg m;
    char err[256];
    bot_strlcpy(hook_cfg.telegram_username, "shijian_bot", sizeof hook_cfg.telegram_username);
    assert_int_equal(bot_telegram.parse(hook(), u, strlen(u), &m, err), BOT_NOTFOUND);
    assert_null(m.text);
    hook_cfg.telegram_username[0] = '\0';
    assert_int_equal(bot_telegram.parse(hook(), u, strlen(u), &m, err), BOT_OK);
    hd_msg_free(&m);
    /* @username calls the bot (play-test 17b): cut, addressed; another bot's or a member's @name is left */
    char t1[] = "@shijian_bot 查积分", t2[] = "查积分 @Shijian_Bot", t3[] = "@other_bot 查积分", t4[] = "@alice_w 查积分",
         t5[] = "/balance@shijian_bot", t6[] = "@shijian_bot", t7[] = "@other_bot 查积分";
    assert_int_equal(bot_telegram_self_mentions("shijian_bot", t1), 1);
    assert_string_equal(t1, "查积分");
    assert_int_equal(bot_telegram_self_mentions("@shijian_bot", t2), 1);
    assert_string_equal(t2, "查积分 ");
    assert_int_equal(bot_telegram_self_mentions("shijian_bot", t3), 0);
    assert_string_equal(t3, "@other_bot 查积分");
    assert_int_equal(bot_telegram_self_mentions("", t4), 0); /* a member: never the bot */
    assert_string_equal(t4, "@alice_w 查积分");
    assert_int_equal(bot_telegram_self_mentions("shijian_bot", t5), 0); /* the command's: the NLP reads it */
    assert_string_equal(t5, "/balance@shijian_bot");
    assert_int_equal(bot_telegram_self_mentions("shijian_bot", t6), 1);
    assert_string_equal(t6, "");
    assert_int_equal(bot_telegram_self_mentions(NULL, t7), 1); /* none configured: any @…bot is taken as this one */
    assert_string_equal(t7, "查积分");
    const char *g = "{\"update_id\":10,\"message\":{\"message_id\":6,\"from\":{\"id\":3002,\"first_name\":\"A\"},"
                    "\"chat\":{\"id\":-100777,\"type\":\"supergroup\"},\"date\":1763900000,\"text\":\"@shijian_bot 查积分\"}}";
    bot_strlcpy(hook_cfg.telegram_username, "shijian_bot", sizeof hook_cfg.telegram_username);
    assert_int_equal(bot_telegram.parse(hook(), g, strlen(g), &m, err), BOT_OK);
    assert_string_equal(m.text, "查积分");
    assert_true(m.addressed);
    hd_msg_free(&m);
    hook_cfg.telegram_username[0] = '\0';
    char out[128];
    bot_plain_bold("**2026-11 月互助之星**（按服务时长）", out, sizeof out);
    assert_string_equal(out, "2026-11 月互助之星（按服务时长）");
    bot_plain_bold("电话 137****2222，**注意**", out, sizeof out);
    assert_string_equal(out, "电话 137****2222，注意");
    bot_plain_bold("a ** b", out, sizeof out);
    assert_string_equal(out, "a ** b");
    bot_plain_bold("**x", out, 3);
    assert_string_equal(out, "**");
}

static void test_onebot_quick_reply_shape(void **state)
{
    (void)state;
    struct hd_msg group = {.is_group = 1}, one = {.is_group = 0};
    struct bot_answer a = {0, NULL, NULL, ""};
    assert_int_equal(bot_onebot.reply(hook(), &group, "您的余额 2 小时", &a), BOT_OK);
    assert_int_equal(a.status, 200);
    assert_string_equal(a.body, "{\"reply\":\"您的余额 2 小时\",\"auto_escape\":true,\"at_sender\":true}");
    free(a.body);
    a.body = NULL;
    assert_int_equal(bot_onebot.reply(hook(), &one, "ok", &a), BOT_OK);
    assert_non_null(strstr(a.body, "\"at_sender\":false"));
    free(a.body);
    /* silence is the quiet answer: 204 */
    assert_int_equal(bot_onebot.reply(hook(), &one, NULL, &a), BOT_NOTFOUND);
    assert_int_equal(bot_onebot.quiet_status, 204);
}

static void test_telegram_update_64bit_ids_and_command(void **state)
{
    (void)state;
    const char *u = "{\"update_id\":900000001,\"message\":{\"message_id\":57,\"from\":{\"id\":5111222333444,"
                    "\"is_bot\":false,\"first_name\":\"Ann\",\"username\":\"ann_k\"},\"chat\":{\"id\":-1001234567890,"
                    "\"title\":\"Block 3\",\"type\":\"supergroup\"},\"date\":1763900000,\"text\":\"/balance@tb_bot\","
                    "\"entities\":[{\"offset\":0,\"length\":15,\"type\":\"bot_command\"}]}}";
    struct hd_msg m;
    char err[256];
    struct bot_hook *h = hook();
    assert_int_equal(bot_telegram.parse(h, u, strlen(u), &m, err), BOT_OK);
    assert_string_equal(m.message_id, "900000001");
    assert_string_equal(m.user_id, "5111222333444");
    assert_string_equal(m.chat_id, "-1001234567890");
    assert_int_equal(m.is_group, 1);
    assert_string_equal(m.text, "/balance@tb_bot");
    assert_int_equal(m.nmentions, 0);
    struct bot_answer a = {0, NULL, NULL, ""};
    assert_int_equal(bot_telegram.reply(h, &m, "2 小时", &a), BOT_OK); /* the reply answers message 57 */
    assert_string_equal(a.body, "{\"method\":\"sendMessage\",\"chat_id\":-1001234567890,\"text\":\"2 小时\","
                                "\"reply_parameters\":{\"message_id\":57}}");
    free(a.body);
    hd_msg_free(&m);
}

static void test_telegram_malformed_and_other_updates(void **state)
{
    (void)state;
    struct hd_msg m;
    char err[256];
    const char *bad[] = {"{\"update_id\":\"x\"}", "{", "{\"update_id\":1,\"message\":{\"text\":\"hi\"}}",
                         "{\"update_id\":1,\"message\":{\"from\":{\"id\":1},\"chat\":{\"id\":\"a\",\"type\":\"private\"},\"text\":\"x\"}}"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(bad); i++)
        if (bot_telegram.parse(hook(), bad[i], strlen(bad[i]), &m, err) != BOT_INVALID)
            fail_msg("accepted: %s", bad[i]);
    const char *photo = "{\"update_id\":2,\"message\":{\"message_id\":1,\"from\":{\"id\":1},\"chat\":{\"id\":1,\"type\":\"private\"},\"photo\":[]}}";
    assert_int_equal(bot_telegram.parse(hook(), photo, strlen(photo), &m, err), BOT_NOTFOUND);
    const char *cb = "{\"update_id\":3,\"callback_query\":{}}";
    assert_int_equal(bot_telegram.parse(hook(), cb, strlen(cb), &m, err), BOT_NOTFOUND);
}

static void sha1_sorted(const char **parts, int n, char hex[41])
{
    /* independent of the adapter: sort, join, SHA-1 */
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (strcmp(parts[j], parts[i]) < 0) {
                const char *t = parts[i];
                parts[i] = parts[j];
                parts[j] = t;
            }
    char joined[512] = "";
    for (int i = 0; i < n; i++)
        strcat(joined, parts[i]);
    unsigned char md[20];
    SHA1((const unsigned char *)joined, strlen(joined), md);
    for (int i = 0; i < 20; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

static void test_wechat_signature_accepted_and_rejected(void **state)
{
    (void)state;
    const char *parts[3] = {"tok", "1763900000", "nonce42"};
    char hex[41];
    sha1_sorted(parts, 3, hex);
    assert_true(bot_wechat_signature_ok("tok", hex, "1763900000", "nonce42", NULL));
    assert_false(bot_wechat_signature_ok("tok", hex, "1763900001", "nonce42", NULL));
    assert_false(bot_wechat_signature_ok("other", hex, "1763900000", "nonce42", NULL));
    assert_false(bot_wechat_signature_ok("tok", "", "1763900000", "nonce42", NULL));
}

static void test_wechat_xml_parsed_and_replied(void **state)
{
    (void)state;
    const char *x = "<xml><ToUserName><![CDATA[gh_0a1b]]></ToUserName><FromUserName><![CDATA[oUser7]]></FromUserName>"
                    "<CreateTime>1763900000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                    "<Content><![CDATA[查积分]]></Content><MsgId>24312345678901234</MsgId></xml>";
    struct bot_wechat_in in;
    char err[256];
    assert_int_equal(bot_wechat_parse_xml(x, strlen(x), &in, err), BOT_OK);
    assert_string_equal(in.to, "gh_0a1b");
    assert_string_equal(in.from, "oUser7");
    assert_string_equal(in.type, "text");
    assert_string_equal(in.content, "查积分");
    assert_string_equal(in.msg_id, "24312345678901234");
    assert_int_equal(in.create_time, 1763900000);
    bot_wechat_in_free(&in);
    char *r = bot_wechat_reply_xml("oUser7", "gh_0a1b", 1763900001, "a]]>b");
    assert_string_equal(r, "<xml><ToUserName><![CDATA[oUser7]]></ToUserName><FromUserName><![CDATA[gh_0a1b]]>"
                           "</FromUserName><CreateTime>1763900001</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                           "<Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>");
    /* the split reply parses back to the same text */
    assert_int_equal(bot_wechat_parse_xml(r, strlen(r), &in, err), BOT_OK);
    assert_string_equal(in.content, "a]]>b");
    bot_wechat_in_free(&in);
    free(r);
}

static void test_wechat_doctype_entities_and_garbage_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<!DOCTYPE xml [<!ENTITY a \"aaaa\">]><xml><Content>&a;</Content></xml>",
        "<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"file:///etc/passwd\"><xml></xml>",
        "<xml><Content><b>nested</b></Content></xml>",
        "<notxml></notxml>",
        "<xml><Content>unterminated",
        "\xff\xfe<xml></xml>",
    };
    struct bot_wechat_in in;
    char err[256];
    for (size_t i = 0; i < BOT_ARRAY_LEN(bad); i++)
        if (bot_wechat_parse_xml(bad[i], strlen(bad[i]), &in, err) != BOT_INVALID)
            fail_msg("accepted: %s", bad[i]);
}

static void test_wechat_safe_mode_roundtrip_with_32_byte_padding(void **state)
{
    (void)state;
    const char *key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"; /* 43 chars */
    /* lengths around the 32-byte boundary: 20 + len + appid */
    const char *msgs[] = {"", "x", "<xml>短</xml>", "0123456789ab", "0123456789abcdefghijklmnopqrst0123456789ab"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(msgs); i++) {
        char *b64 = NULL, *back = NULL;
        size_t len = 0;
        assert_int_equal(bot_wechat_encrypt(key, "wx1234567890", msgs[i], &b64), BOT_OK);
        /* independently: the ciphertext is a whole number of 32-byte blocks */
        unsigned char raw[1024];
        int n = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)strlen(b64));
        n -= (b64[strlen(b64) - 1] == '=') + (b64[strlen(b64) - 2] == '=');
        assert_int_equal(n % 32, 0);
        assert_int_equal(bot_wechat_decrypt(key, "wx1234567890", b64, &back, &len), BOT_OK);
        assert_string_equal(back, msgs[i]);
        assert_int_equal(len, strlen(msgs[i]));
        free(back);
        assert_int_equal(bot_wechat_decrypt(key, "wxOTHER", b64, &back, &len), BOT_INVALID); /* AppID checked */
        free(b64);
    }
    char *back = NULL;
    size_t len;
    assert_int_equal(bot_wechat_decrypt(key, "", "not base64!!", &back, &len), BOT_INVALID);
    assert_int_equal(bot_wechat_decrypt("short", "", "AAAA", &back, &len), BOT_INVALID);
}

/* WeCom's intelligent robot: the URL check answers echostr's plaintext; a callback is {"encrypt"} signed in the
 * URL, its JSON read for text, voice and mixed messages; the answer is a finished stream frame, encrypted and
 * signed; the group robot's push never goes to one person or to a chat bot.ini did not bind. */
static void test_wecom_callbacks_decrypted_and_answered_sealed(void **state)
{
    (void)state;
    const char *key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", *ts = "1763900000";
    bot_config_defaults(&hook_cfg);
    snprintf(hook_cfg.wecom_token, sizeof hook_cfg.wecom_token, "wctoken");
    snprintf(hook_cfg.wecom_aes_key, sizeof hook_cfg.wecom_aes_key, "%s", key);
    assert_true(bot_wecom.hook_enabled(&hook_cfg));
    char *echo = NULL, sig[41], badts[24];
    assert_int_equal(bot_wechat_encrypt(key, "", "echo-4711", &echo), BOT_OK);
    bot_wechat_sign("wctoken", ts, "n1", echo, sig);
    struct bot_hook *h = hook();
    struct bot_answer a = {0, NULL, NULL, ""};
    h->method = "GET";
    const char *const get[] = {"msg_signature", sig, "timestamp", ts, "nonce", "n1", "echostr", echo, NULL};
    hook_queries = get;
    assert_int_equal(bot_wecom.verify_head(h, &a), 200);
    assert_string_equal(a.body, "echo-4711"); /* the bare plaintext */
    free(a.body);
    memset(&a, 0, sizeof a);
    const char *const forged[] = {"msg_signature", "0000000000000000000000000000000000000000", "timestamp", ts,
                                  "nonce", "n1", "echostr", echo, NULL};
    hook_queries = forged;
    h = hook();
    h->method = "GET";
    assert_int_equal(bot_wecom.verify_head(h, &a), 403);
    free(a.body);
    memset(&a, 0, sizeof a);
    snprintf(badts, sizeof badts, "%d", 1763900000 - 3600); /* an hour old: refused whatever it is signed with */
    bot_wechat_sign("wctoken", badts, "n1", echo, sig);
    const char *const stale[] = {"msg_signature", sig, "timestamp", badts, "nonce", "n1", "echostr", echo, NULL};
    hook_queries = stale;
    h = hook();
    h->method = "GET";
    assert_int_equal(bot_wecom.verify_head(h, &a), 403);
    free(a.body);
    memset(&a, 0, sizeof a);
    free(echo);

    /* a group message that called the robot, and what is read from it */
    static const struct {
        const char *inner, *user, *chat, *text;
        enum bot_rc rc;
    } calls[] = {
        {"{\"msgid\":\"m1\",\"aibotid\":\"ab\",\"chatid\":\"wrG\",\"chattype\":\"group\",\"from\":{\"userid\":\"LiuFang\"},"
         "\"msgtype\":\"text\",\"text\":{\"content\":\"@时间驿站 查积分\"}}",
         "LiuFang", "wrG", "查积分", BOT_OK},
        /* WeCom's own mention ends in U+2005, not a space (play-test 18b) */
        {"{\"msgid\":\"m1b\",\"chatid\":\"wrG\",\"chattype\":\"group\",\"from\":{\"userid\":\"LiuFang\"},"
         "\"msgtype\":\"text\",\"text\":{\"content\":\"@时间驿站\u2005有什么需求\"}}",
         "LiuFang", "wrG", "有什么需求", BOT_OK},
        {"{\"msgid\":\"m1c\",\"chattype\":\"single\",\"from\":{\"userid\":\"LiuFang\"},"
         "\"msgtype\":\"text\",\"text\":{\"content\":\"\u3000@时间驿站\u00a0\u2005注册 刘芳\"}}",
         "LiuFang", NULL, "注册 刘芳", BOT_OK},
        /* only the bot's own @name is cut: 王强 was named, the command is said to him (a review) */
        {"{\"msgid\":\"m1d\",\"chatid\":\"wrG\",\"chattype\":\"group\",\"from\":{\"userid\":\"LiuFang\"},"
         "\"msgtype\":\"text\",\"text\":{\"content\":\"@王强 @时间驿站\u2005接单 #1\"}}",
         "LiuFang", "wrG", "@王强 接单 #1", BOT_OK},
        {"{\"msgid\":\"m1e\",\"chatid\":\"wrG\",\"chattype\":\"group\",\"from\":{\"userid\":\"LiuFang\"},"
         "\"msgtype\":\"text\",\"text\":{\"content\":\"@TimeBank 查积分\"}}",
         "LiuFang", "wrG", "查积分", BOT_OK}, /* one @name, not a known one: the robot's, shown under its own name */
        {"{\"msgid\":\"m1f\",\"chatid\":\"wrG\",\"chattype\":\"group\",\"from\":{\"userid\":\"LiuFang\"},"
         "\"msgtype\":\"text\",\"text\":{\"content\":\"@王强 @TimeBank 接单 #1\"}}",
         "LiuFang", "wrG", "@王强 @TimeBank 接单 #1", BOT_OK}, /* two unknown: nothing cut, the parser weighs them */
        {"{\"msgid\":\"m2\",\"chattype\":\"single\",\"from\":{\"userid\":\"WangQiang\"},\"msgtype\":\"voice\","
         "\"voice\":{\"content\":\"我的单子\"}}",
         "WangQiang", NULL, "我的单子", BOT_OK},
        {"{\"msgid\":\"m3\",\"chattype\":\"single\",\"from\":{\"userid\":\"W\"},\"msgtype\":\"mixed\",\"mixed\":{"
         "\"msg_item\":[{\"msgtype\":\"text\",\"text\":{\"content\":\"求助 明天上午修水管\"}},{\"msgtype\":\"image\"},"
         "{\"msgtype\":\"text\",\"text\":{\"content\":\"1小时\"}}]}}",
         "W", NULL, "求助 明天上午修水管 1小时", BOT_OK},
        {"{\"msgid\":\"m4\",\"chattype\":\"single\",\"from\":{\"userid\":\"W\"},\"msgtype\":\"image\"}", NULL, NULL,
         NULL, BOT_NOTFOUND},
        {"{\"msgid\":\"m5\",\"chattype\":\"single\",\"from\":{\"userid\":\"W\"},\"msgtype\":\"event\","
         "\"event\":{\"eventtype\":\"enter_chat\"}}",
         NULL, NULL, NULL, BOT_NOTFOUND},
        {"{\"msgid\":\"m6\",\"chattype\":\"group\",\"from\":{\"userid\":\"W\"},\"msgtype\":\"text\","
         "\"text\":{\"content\":\"查积分\"}}",
         NULL, NULL, NULL, BOT_NOTFOUND}, /* a group message with no chat */
        {"[1,2]", NULL, NULL, NULL, BOT_INVALID},
    };
    for (size_t i = 0; i < BOT_ARRAY_LEN(calls); i++) {
        char *enc = NULL, body[4096], err[256];
        struct hd_msg m;
        assert_int_equal(bot_wechat_encrypt(key, "", calls[i].inner, &enc), BOT_OK);
        snprintf(body, sizeof body, "{\"encrypt\":\"%s\"}", enc);
        bot_wechat_sign("wctoken", ts, "n2", enc, sig);
        const char *const post[] = {"msg_signature", sig, "timestamp", ts, "nonce", "n2", NULL};
        hook_queries = post;
        h = hook();
        assert_int_equal(bot_wecom.verify_head(h, &a), 0);
        assert_int_equal(bot_wecom.parse(h, body, strlen(body), &m, err), calls[i].rc);
        free(enc);
        if (calls[i].rc != BOT_OK)
            continue;
        assert_string_equal(m.platform, "wecom");
        assert_string_equal(m.user_id, calls[i].user);
        assert_string_equal(m.text, calls[i].text);
        assert_int_equal(m.is_group, calls[i].chat != NULL);
        assert_int_equal(m.addressed, calls[i].chat != NULL);
        if (calls[i].chat)
            assert_string_equal(m.chat_id, calls[i].chat);
        /* the answer: an envelope whose signature and plaintext check out */
        assert_int_equal(bot_wecom.reply(h, &m, "您的时间余额为 3小时。", &a), BOT_OK);
        json_error_t je;
        json_t *env = json_loads(a.body, 0, &je);
        const char *e = json_string_value(json_object_get(env, "encrypt"));
        const char *got = json_string_value(json_object_get(env, "msgsignature"));
        const char *when = json_string_value(json_object_get(env, "timestamp"));
        assert_non_null(e);
        assert_string_equal(json_string_value(json_object_get(env, "nonce")), "n2");
        assert_true(bot_wechat_signature_ok("wctoken", got, when, "n2", e));
        char *plain = NULL;
        size_t plen = 0;
        assert_int_equal(bot_wechat_decrypt(key, "", e, &plain, &plen), BOT_OK);
        json_t *frame = json_loads(plain, 0, &je);
        assert_string_equal(json_string_value(json_object_get(frame, "msgtype")), "stream");
        json_t *stream = json_object_get(frame, "stream");
        assert_true(json_is_true(json_object_get(stream, "finish")));
        assert_string_equal(json_string_value(json_object_get(stream, "content")), "您的时间余额为 3小时。");
        assert_non_null(json_string_value(json_object_get(stream, "id")));
        json_decref(frame);
        json_decref(env);
        free(plain);
        free(a.body);
        memset(&a, 0, sizeof a);
        assert_int_equal(bot_wecom.reply(h, &m, NULL, &a), BOT_NOTFOUND); /* silence: the empty answer */
        hd_msg_free(&m);
    }
    /* signed with another token, or not an envelope */
    {
        char *enc = NULL, body[4096], err[256];
        struct hd_msg m;
        assert_int_equal(bot_wechat_encrypt(key, "", calls[0].inner, &enc), BOT_OK);
        snprintf(body, sizeof body, "{\"encrypt\":\"%s\"}", enc);
        bot_wechat_sign("other", ts, "n3", enc, sig);
        const char *const post[] = {"msg_signature", sig, "timestamp", ts, "nonce", "n3", NULL};
        hook_queries = post;
        h = hook();
        assert_int_equal(bot_wecom.verify_head(h, &a), 0);
        assert_int_equal(bot_wecom.parse(h, body, strlen(body), &m, err), BOT_AUTH);
        assert_int_equal(bot_wecom.parse(h, "<xml/>", 6, &m, err), BOT_INVALID);
        free(enc);
    }
    hook_queries = NULL;
    /* the group robot's pushes: its configured buildings' chats, or no one named */
    struct bot_push p;
    snprintf(hook_cfg.wecom_robot_url, sizeof hook_cfg.wecom_robot_url, "http://127.0.0.1:9/robot");
    snprintf(hook_cfg.wecom_buildings, sizeof hook_cfg.wecom_buildings, "3号楼, 5号楼");
    assert_int_equal(bot_push_build(&hook_cfg, "wecom", "5号楼", NULL, "hi", &p), BOT_OK);
    free(p.body);
    assert_int_equal(bot_push_build(&hook_cfg, "wecom", "3号楼", NULL, "hi", &p), BOT_OK);
    free(p.body);
    assert_int_equal(bot_push_build(&hook_cfg, "wecom", "wrG", NULL, "hi", &p), BOT_INVALID);
    assert_int_equal(bot_push_build(&hook_cfg, "wecom", NULL, "LiuFang", "您的余额…", &p), BOT_INVALID);
    assert_int_equal(bot_push_build(&hook_cfg, "wecom", "5号", NULL, "hi", &p), BOT_INVALID);
}

static void test_push_requests_in_each_platform_shape(void **state)
{
    (void)state;
    struct bot_config cfg;
    struct bot_push p;
    bot_config_defaults(&cfg);
    snprintf(cfg.onebot_api_url, sizeof cfg.onebot_api_url, "http://127.0.0.1:5700");
    snprintf(cfg.onebot_access_token, sizeof cfg.onebot_access_token, "tok");
    assert_int_equal(bot_push_build(&cfg, "onebot", "123456789", NULL, "hi", &p), BOT_OK);
    assert_string_equal(p.url, "http://127.0.0.1:5700/send_group_msg");
    assert_string_equal(p.auth, "Bearer tok");
    assert_string_equal(p.body, "{\"group_id\":123456789,\"message\":\"hi\",\"auto_escape\":true}");
    free(p.body);
    assert_int_equal(bot_push_build(&cfg, "onebot", NULL, "98765", "hi", &p), BOT_OK);
    assert_string_equal(p.url, "http://127.0.0.1:5700/send_private_msg");
    free(p.body);
    assert_int_equal(bot_push_build(&cfg, "telegram", "-100123", NULL, "hi", &p), BOT_INVALID); /* no bot token */
    snprintf(cfg.telegram_bot_token, sizeof cfg.telegram_bot_token, "42:abc");
    assert_int_equal(bot_push_build(&cfg, "telegram", "-100123", NULL, "hi", &p), BOT_OK);
    assert_string_equal(p.url, "https://api.telegram.org/bot42:abc/sendMessage");
    assert_string_equal(p.body, "{\"chat_id\":-100123,\"text\":\"hi\"}");
    free(p.body);
    snprintf(cfg.wecom_robot_url, sizeof cfg.wecom_robot_url, "http://127.0.0.1:9/cgi-bin/webhook/send?key=k");
    assert_int_equal(bot_push_build(&cfg, "wecom", NULL, NULL, "hi", &p), BOT_OK);
    assert_string_equal(p.body, "{\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
    free(p.body);
    assert_int_equal(bot_push_build(&cfg, "wecom", NULL, NULL, "**本月排行**", &p), BOT_OK);
    assert_string_equal(p.body, "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**本月排行**\"}}");
    free(p.body);
    assert_int_equal(bot_push_build(&cfg, "cli", "g", NULL, "hi", &p), BOT_INVALID);
}

/* WeChat's customer-service push (客服消息): the token request, the push, the token put in, the answers read. */
static void test_wechat_push_token_and_answers(void **state)
{
    (void)state;
    struct bot_config cfg;
    struct bot_push p;
    char url[512], token[600], err[256];
    int exp = 0, ra = 0;
    bot_config_defaults(&cfg);
    assert_string_equal(cfg.wechat_api_url, "https://api.weixin.qq.com");
    /* no app_secret: as before, no push at all */
    assert_false(bot_push_needs_token("onebot"));
    assert_true(bot_push_needs_token("wechat"));
    assert_int_equal(bot_push_build(&cfg, "wechat", NULL, "oUser-1", "hi", &p), BOT_INVALID);
    assert_int_equal(bot_push_token_url(&cfg, "wechat", url), BOT_INVALID);
    snprintf(cfg.wechat_app_id, sizeof cfg.wechat_app_id, "wx0123456789abcdef");
    assert_false(bot_platform_can_push(&cfg, "wechat", 0));
    snprintf(cfg.wechat_app_secret, sizeof cfg.wechat_app_secret, "s3cr&t");
    snprintf(cfg.wechat_api_url, sizeof cfg.wechat_api_url, "http://127.0.0.1:9");
    assert_true(bot_platform_can_push(&cfg, "wechat", 0));
    assert_false(bot_platform_can_push(&cfg, "wechat", 1)); /* an Official Account has no groups */
    assert_int_equal(bot_push_token_url(&cfg, "wechat", url), BOT_OK);
    assert_string_equal(url, "http://127.0.0.1:9/cgi-bin/token?grant_type=client_credential&appid=wx0123456789abcdef"
                             "&secret=s3cr%26t");
    /* the token answer */
    assert_int_equal(bot_push_token_parse("wechat", "{\"access_token\":\"AbC-9_x\",\"expires_in\":7200}", token,
                                          sizeof token, &exp, err), BOT_OK);
    assert_string_equal(token, "AbC-9_x");
    assert_int_equal(exp, 7200);
    assert_int_equal(bot_push_token_parse("wechat", "{\"access_token\":\"t\"}", token, sizeof token, &exp, err), BOT_OK);
    assert_int_equal(exp, 7200); /* no lifetime said: WeChat's */
    assert_int_equal(bot_push_token_parse("wechat", "{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}", token,
                                          sizeof token, &exp, err), BOT_AUTH);
    assert_string_equal(token, "");
    assert_non_null(strstr(err, "40125"));
    assert_int_equal(bot_push_token_parse("wechat", "{\"access_token\":\"a&b=c\",\"expires_in\":7200}", token,
                                          sizeof token, &exp, err), BOT_INVALID); /* never put into a URL */
    assert_int_equal(bot_push_token_parse("wechat", "not json", token, sizeof token, &exp, err), BOT_INVALID);
    assert_int_equal(bot_push_token_parse("onebot", "{}", token, sizeof token, &exp, err), BOT_INVALID);
    /* the push: private only, the token appended */
    assert_int_equal(bot_push_build(&cfg, "wechat", "g1", NULL, "hi", &p), BOT_INVALID);
    assert_int_equal(bot_push_build(&cfg, "wechat", NULL, "oUser-1", "您好 \"引号\"", &p), BOT_OK);
    assert_string_equal(p.body, "{\"touser\":\"oUser-1\",\"msgtype\":\"text\",\"text\":{\"content\":\"您好 \\\"引号\\\"\"}}");
    assert_int_equal(bot_push_authorize("wechat", &p, "bad token"), BOT_INVALID);
    assert_int_equal(bot_push_authorize("wechat", &p, "AbC-9_x"), BOT_OK);
    assert_string_equal(p.url, "http://127.0.0.1:9/cgi-bin/message/custom/send?access_token=AbC-9_x");
    assert_int_equal(bot_push_authorize("wechat", &p, "again"), BOT_INVALID); /* once */
    free(p.body);
    assert_int_equal(bot_push_authorize("onebot", &p, "x"), BOT_OK); /* no token: nothing to do */
    /* the answers */
    assert_int_equal(bot_push_result("wechat", 200, "{\"errcode\":0,\"errmsg\":\"ok\"}", &ra, err), STORE_OUTBOX_SENT);
    static const struct {
        long code;
        enum store_outbox_result want;
        int rejected;
    } codes[] = {
        {40001, STORE_OUTBOX_RETRY, 1}, {42001, STORE_OUTBOX_RETRY, 1}, {40014, STORE_OUTBOX_RETRY, 1},
        {45015, STORE_OUTBOX_DEAD, 0},  {45047, STORE_OUTBOX_DEAD, 0},  {43004, STORE_OUTBOX_DEAD, 0},
        {-1, STORE_OUTBOX_RETRY, 0},    {40003, STORE_OUTBOX_DEAD, 0},
    };
    for (size_t i = 0; i < BOT_ARRAY_LEN(codes); i++) {
        char body[96];
        snprintf(body, sizeof body, "{\"errcode\":%ld,\"errmsg\":\"x\"}", codes[i].code);
        ra = 0;
        assert_int_equal(bot_push_result("wechat", 200, body, &ra, err), codes[i].want);
        assert_int_equal(bot_push_token_rejected("wechat", body), codes[i].rejected);
        if (codes[i].rejected)
            assert_int_equal(ra, 1); /* again at once, with the new token */
        char code[16];
        snprintf(code, sizeof code, "%ld", codes[i].code);
        assert_non_null(strstr(err, code));
    }
    assert_int_equal(bot_push_result("wechat", 502, "<html>", &ra, err), STORE_OUTBOX_RETRY);
    assert_int_equal(bot_push_result("wechat", 200, "", &ra, err), STORE_OUTBOX_RETRY);
    assert_int_equal(bot_push_result("wechat", 0, NULL, &ra, err), STORE_OUTBOX_RETRY);
    assert_false(bot_push_token_rejected("onebot", "{\"errcode\":40001}"));
    assert_false(bot_push_token_rejected("wechat", "garbage"));
}

static void test_push_answers_read_per_platform(void **state)
{
    (void)state;
    int ra;
    char err[256];
    assert_int_equal(bot_push_result("onebot", 200, "{\"status\":\"ok\",\"retcode\":0,\"data\":{\"message_id\":1}}", &ra, err), STORE_OUTBOX_SENT);
    /* 100 (QQ: 不是好友) and the like cannot pass later: dead at once, never retried eight times (play-test 17) */
    assert_int_equal(bot_push_result("onebot", 200, "{\"status\":\"failed\",\"retcode\":100,\"msg\":\"x\"}", &ra, err), STORE_OUTBOX_DEAD);
    assert_int_equal(bot_push_result("onebot", 200, "{\"status\":\"failed\",\"retcode\":1404,\"msg\":\"x\"}", &ra, err), STORE_OUTBOX_DEAD);
    assert_int_equal(bot_push_result("onebot", 200, "{\"status\":\"failed\",\"retcode\":200,\"msg\":\"x\"}", &ra, err), STORE_OUTBOX_RETRY);
    assert_int_equal(bot_push_result("telegram", 403, "{\"ok\":false,\"description\":\"Forbidden: bot can't initiate conversation with a user\"}", &ra, err), STORE_OUTBOX_DEAD);
    assert_int_equal(bot_push_result("onebot", 403, "", &ra, err), STORE_OUTBOX_DEAD);
    assert_int_equal(bot_push_result("onebot", 0, NULL, &ra, err), STORE_OUTBOX_RETRY);
    assert_int_equal(bot_push_result("telegram", 200, "{\"ok\":true,\"result\":{}}", &ra, err), STORE_OUTBOX_SENT);
    assert_int_equal(bot_push_result("telegram", 429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":17}}", &ra, err), STORE_OUTBOX_RETRY);
    assert_int_equal(ra, 17);
    assert_int_equal(bot_push_result("telegram", 400, "{\"ok\":false,\"description\":\"chat not found\"}", &ra, err), STORE_OUTBOX_DEAD);
    assert_int_equal(bot_push_result("wecom", 200, "{\"errcode\":0,\"errmsg\":\"ok\"}", &ra, err), STORE_OUTBOX_SENT);
    assert_int_equal(bot_push_result("wecom", 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", &ra, err), STORE_OUTBOX_RETRY);
    assert_int_equal(bot_push_result("wecom", 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", &ra, err), STORE_OUTBOX_DEAD);
    assert_int_equal(bot_push_result("generic", 204, "", &ra, err), STORE_OUTBOX_SENT);
    assert_int_equal(bot_push_result("generic", 503, "", &ra, err), STORE_OUTBOX_RETRY);
}

static void test_generic_hook_fields(void **state)
{
    (void)state;
    struct hd_msg m;
    char err[256];
    const char *ok = "{\"message_id\":5,\"user_id\":\"u\",\"text\":\"hi\",\"chat_type\":\"group\",\"chat_id\":\"g\",\"time\":1763900000}";
    assert_int_equal(bot_generic.parse(hook(), ok, strlen(ok), &m, err), BOT_OK);
    assert_string_equal(m.message_id, "5");
    assert_int_equal(m.time, 1763900000);
    hd_msg_free(&m);
    /* a chat_id without a chat_type is a group (a link code or an address must not land in it); an explicit
     * private chat stays private */
    const char *untyped = "{\"message_id\":6,\"user_id\":\"u\",\"text\":\"hi\",\"chat_id\":\"g1\"}";
    assert_int_equal(bot_generic.parse(hook(), untyped, strlen(untyped), &m, err), BOT_OK);
    assert_int_equal(m.is_group, 1);
    hd_msg_free(&m);
    const char *priv = "{\"message_id\":7,\"user_id\":\"u\",\"text\":\"hi\",\"chat_id\":\"g1\",\"chat_type\":\"private\"}";
    assert_int_equal(bot_generic.parse(hook(), priv, strlen(priv), &m, err), BOT_OK);
    assert_int_equal(m.is_group, 0);
    hd_msg_free(&m);
    const char *bad[] = {"{\"message_id\":5,\"user_id\":\"u\",\"text\":\"hi\",\"chat_type\":\"group\"}",
                         "{\"message_id\":5,\"user_id\":\"u\",\"text\":\"hi\",\"chat_type\":\"channel\"}",
                         "{\"message_id\":5,\"user_id\":\"u\",\"text\":\"hi\",\"time\":\"soon\"}",
                         "{\"message_id\":5,\"user_id\":\"u\",\"text\":\"hi\",\"message_id\":6}",
                         "{\"message_id\":5,\"user_id\":\"u\",\"text\":\"\xff\xfe\"}"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(bad); i++)
        if (bot_generic.parse(hook(), bad[i], strlen(bad[i]), &m, err) != BOT_INVALID)
            fail_msg("accepted: %s", bad[i]);
    /* deeply nested input is refused by jansson's depth limit, not a crash */
    char deep[5000];
    size_t n = 0;
    for (int i = 0; i < 2400; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    assert_int_equal(bot_generic.parse(hook(), deep, n, &m, err), BOT_INVALID);
}

static void test_json_depth_is_bounded_before_parsing(void **state)
{
    (void)state;
    char deep[3001];
    for (int i = 0; i < 1500; i++) {
        deep[i] = '[';
        deep[1500 + i] = ']';
    }
    deep[3000] = '\0';
    assert_int_equal(bot_json_depth(deep, 3000, 32), 0);
    assert_int_equal(bot_json_depth(deep + 1500 - 32, 64, 32), 1); /* exactly 32 deep */
    assert_int_equal(bot_json_depth(deep + 1500 - 33, 66, 32), 0);
    /* brackets inside strings, escaped quotes included, do not nest */
    const char *s = "{\"t\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[[\",\"a\":[{\"b\":[]}]}";
    assert_int_equal(bot_json_depth(s, strlen(s), 4), 1);
    assert_int_equal(bot_json_depth(s, strlen(s), 3), 0); /* { [ { [ is 4 deep */
    /* closing brackets never go below zero: "]]]][[" is 2 deep, not 0 */
    assert_int_equal(bot_json_depth("]]]][[", 6, 1), 0);
    /* every adapter refuses the deep body with a clear error, and nothing is left allocated */
    struct hd_msg m;
    char err[256];
    char *body = malloc(4000);
    assert_non_null(body);
    int n = snprintf(body, 4000, "{\"message_id\":\"1\",\"user_id\":\"u\",\"text\":\"x\",\"d\":%s}", deep);
    assert_int_equal(bot_generic.parse(hook(), body, (size_t)n, &m, err), BOT_INVALID);
    assert_non_null(strstr(err, "nested"));
    assert_int_equal(bot_telegram.parse(hook(), body, (size_t)n, &m, err), BOT_INVALID);
    assert_int_equal(bot_onebot.parse(hook(), body, (size_t)n, &m, err), BOT_INVALID);
    free(body);
}

static void test_replay_cache_tells_retry_from_replay(void **state)
{
    (void)state;
    struct bot_replay *r = bot_replay_new(4, 600);
    assert_non_null(r);
    assert_int_equal(bot_replay_check(r, "n1", "1000", "body", 4, 1000), BOT_REPLAY_NEW);
    assert_int_equal(bot_replay_check(r, "n1", "1000", "body", 4, 1001), BOT_REPLAY_RETRY);
    assert_int_equal(bot_replay_check(r, "n1", "1000", "other", 5, 1002), BOT_REPLAY_REPLAY);
    /* the same nonce under another timestamp is another callback */
    assert_int_equal(bot_replay_check(r, "n1", "1001", "other", 5, 1002), BOT_REPLAY_NEW);
    assert_int_equal(bot_replay_check(r, "n2", "1000", "b", 1, 1003), BOT_REPLAY_NEW);
    assert_int_equal(bot_replay_check(r, "n3", "1000", "b", 1, 1003), BOT_REPLAY_NEW);
    /* four live entries in four slots: a fifth is refused, no live one is overwritten */
    assert_int_equal(bot_replay_check(r, "n4", "1000", "b", 1, 1004), BOT_REPLAY_FULL);
    assert_int_equal(bot_replay_check(r, "n1", "1000", "other", 5, 1004), BOT_REPLAY_REPLAY);
    /* after the window every slot is free again */
    assert_int_equal(bot_replay_check(r, "n4", "1000", "b", 1, 1000 + 601), BOT_REPLAY_NEW);
    assert_int_equal(bot_replay_check(r, "n1", "1000", "other", 5, 1000 + 602), BOT_REPLAY_NEW);
    bot_replay_free(r);
    bot_replay_free(NULL);
}

static void test_onebot_signature_form_is_checked_before_the_body(void **state)
{
    (void)state;
    assert_true(bot_onebot_signature_form_ok("sha1=0123456789abcdef0123456789ABCDEF01234567"));
    assert_false(bot_onebot_signature_form_ok(NULL));
    assert_false(bot_onebot_signature_form_ok(""));
    assert_false(bot_onebot_signature_form_ok("sha1="));
    assert_false(bot_onebot_signature_form_ok("sha1=0123456789abcdef0123456789abcdef0123456"));  /* 39 */
    assert_false(bot_onebot_signature_form_ok("sha1=0123456789abcdef0123456789abcdef012345678")); /* 41 */
    assert_false(bot_onebot_signature_form_ok("sha1=0123456789abcdef0123456789abcdef0123456g"));
    assert_false(bot_onebot_signature_form_ok("md5=0123456789abcdef0123456789abcdef01234567"));
}

/* The table: each entry's name, flags and pieces; lookups; push reach under a config. */
static void test_platform_table_entries_and_flags(void **state)
{
    (void)state;
    static const struct {
        const struct bot_platform *p;
        const char *name, *route;
        unsigned flags;
        int pushes;
    } want[] = {
        {&bot_generic, "generic", "/hook/generic$", BOT_PUSH_PRIVATE | BOT_PUSH_GROUP, 1},
        {&bot_onebot, "onebot", "/hook/onebot$", BOT_PUSH_PRIVATE | BOT_PUSH_GROUP | BOT_HOOK_SIGNED_BODY, 1},
        {&bot_telegram, "telegram", "/hook/telegram$", BOT_PUSH_PRIVATE | BOT_PUSH_GROUP, 1},
        {&bot_wechat, "wechat", "/hook/wechat$", BOT_HOOK_GET | BOT_HOOK_QUIET_ERRORS | BOT_PUSH_PRIVATE, 1},
        {&bot_wecom, "wecom", "/hook/wecom$",
         BOT_HOOK_GET | BOT_HOOK_QUIET_ERRORS | BOT_PUSH_GROUP | BOT_PUSH_ONE_DEST | BOT_PUSH_MARKDOWN, 1},
        {&bot_cli, "cli", NULL, 0, 0},
    };
    int n = 0;
    while (bot_platforms[n])
        n++;
    assert_int_equal(n, BOT_ARRAY_LEN(want));
    assert_true(n <= BOT_PLATFORMS_MAX);
    for (size_t i = 0; i < BOT_ARRAY_LEN(want); i++) {
        const struct bot_platform *p = want[i].p;
        assert_ptr_equal(bot_platforms[i], p);
        assert_ptr_equal(bot_platform_find(want[i].name), p);
        assert_string_equal(p->name, want[i].name);
        assert_non_null(p->label);
        assert_int_equal(p->flags, want[i].flags);
        if (want[i].route) {
            assert_string_equal(p->route, want[i].route);
            /* a webhook has every piece of the hook path */
            assert_non_null(p->hook_enabled);
            assert_non_null(p->parse);
            assert_non_null(p->reply);
            assert_true(p->quiet_status == 200 || p->quiet_status == 204);
        } else {
            assert_null(p->route);
            assert_null(p->parse);
        }
        assert_int_equal(p->push_build != NULL, want[i].pushes);
        assert_int_equal(p->push_ready != NULL, want[i].pushes);
    }
    assert_null(bot_platform_find("nosuch"));
    assert_null(bot_platform_find(NULL));
    /* reach: the flags and the config together */
    struct bot_config cfg;
    memset(&cfg, 0, sizeof cfg);
    assert_false(bot_platform_can_push(&cfg, "onebot", 0));
    snprintf(cfg.onebot_api_url, sizeof cfg.onebot_api_url, "http://127.0.0.1:9");
    snprintf(cfg.wecom_robot_url, sizeof cfg.wecom_robot_url, "http://127.0.0.1:9/robot");
    assert_true(bot_platform_can_push(&cfg, "onebot", 0));
    assert_true(bot_platform_can_push(&cfg, "onebot", 1));
    assert_false(bot_platform_can_push(&cfg, "wecom", 0)); /* its one group, never one person */
    assert_true(bot_platform_can_push(&cfg, "wecom", 1));
    assert_false(bot_platform_can_push(&cfg, "wechat", 0)); /* no app_id/app_secret: passive replies only */
    assert_false(bot_platform_can_push(&cfg, "cli", 1));
    assert_false(bot_platform_can_push(&cfg, "nosuch", 0));
    struct hd_platform facts[BOT_PLATFORMS_MAX];
    assert_int_equal(bot_platform_facts(&cfg, facts, BOT_PLATFORMS_MAX), n);
    assert_int_equal(bot_platform_facts(&cfg, facts, 2), 2);
    for (int i = 0; i < bot_platform_facts(&cfg, facts, BOT_PLATFORMS_MAX); i++) {
        assert_string_equal(facts[i].name, bot_platforms[i]->name);
        assert_string_equal(facts[i].label, bot_platforms[i]->label);
        assert_int_equal(facts[i].push_private, strcmp(facts[i].name, "onebot") == 0);
        assert_int_equal(facts[i].bound_by_config, strcmp(facts[i].name, "wecom") == 0); /* 绑定 cannot aim it */
    }
}

/* Credentials before the body: in the headers, read through the hook. */
static void test_hook_credentials_in_headers(void **state)
{
    (void)state;
    struct bot_answer a = {0, NULL, NULL, ""};
    snprintf(hook_cfg.generic_token, sizeof hook_cfg.generic_token, "tok");
    snprintf(hook_cfg.telegram_secret_token, sizeof hook_cfg.telegram_secret_token, "sec");
    hook_headers = NULL;
    assert_int_equal(bot_generic.verify_head(hook(), &a), 401);
    assert_string_equal(a.err, "bad or missing bearer token");
    static const char *const bearer[] = {"Authorization", "Bearer tok", NULL};
    hook_headers = bearer;
    assert_int_equal(bot_generic.verify_head(hook(), &a), 0);
    static const char *const wrong[] = {"Authorization", "Bearer tox", "X-Telegram-Bot-Api-Secret-Token", "sed", NULL};
    hook_headers = wrong;
    assert_int_equal(bot_generic.verify_head(hook(), &a), 401);
    assert_int_equal(bot_telegram.verify_head(hook(), &a), 403);
    static const char *const tg[] = {"X-Telegram-Bot-Api-Secret-Token", "sec", "X-Signature", "sha1=00", NULL};
    hook_headers = tg;
    assert_int_equal(bot_telegram.verify_head(hook(), &a), 0);
    assert_int_equal(bot_onebot.verify_head(hook(), &a), 401); /* the form is checked before the body */
    assert_string_equal(a.err, "bad or missing X-Signature");
    hook_headers = NULL;
    memset(&hook_cfg, 0, sizeof hook_cfg);
}

/* Every failing parse fills err, an allocation failure included, and leaves the message empty. */
static void test_allocation_failures_fill_err(void **state)
{
    (void)state;
    const char *tg = "{\"update_id\":1,\"message\":{\"message_id\":2,\"from\":{\"id\":3,\"first_name\":\"A\"},"
                     "\"chat\":{\"id\":4,\"type\":\"private\"},\"date\":1763900000,\"text\":\"查积分\"}}";
    const char *gen = "{\"message_id\":5,\"user_id\":\"u\",\"text\":\"hi\",\"chat_id\":\"g\"}";
    const char *wx = "<xml><ToUserName>gh</ToUserName><FromUserName>o7</FromUserName><MsgType>text</MsgType>"
                     "<Content>查积分</Content><MsgId>24</MsgId></xml>";
    struct {
        const struct bot_platform *p;
        const char *body;
    } cases[] = {{&bot_onebot, ob_group}, {&bot_telegram, tg}, {&bot_generic, gen}, {&bot_wechat, wx}};
    for (size_t c = 0; c < BOT_ARRAY_LEN(cases); c++) {
        int nomem = 0;
        for (int k = 1; k <= 8; k++) {
            struct hd_msg m;
            char err[256];
            memset(err, 'x', sizeof err); /* not a string until the adapter writes one */
            strdup_fail_at = k;
            enum bot_rc rc = cases[c].p->parse(hook(), cases[c].body, strlen(cases[c].body), &m, err);
            int unused = strdup_fail_at > 0;
            strdup_fail_at = 0;
            if (rc == BOT_OK) {
                if (!unused) /* it went through only when no strdup failed */
                    fail_msg("%s, strdup %d failing: accepted", cases[c].p->name, k);
                hd_msg_free(&m);
                continue;
            }
            if (memchr(err, '\0', sizeof err) == NULL || !err[0] || err[0] == 'x')
                fail_msg("%s, strdup %d failing: rc %d without an error", cases[c].p->name, k, rc);
            assert_null(m.text);
            assert_null(m.user_id);
            assert_null(m.message_id);
            nomem += rc == BOT_NOMEM;
            if (rc == BOT_NOMEM)
                assert_string_equal(err, "out of memory");
        }
        if (cases[c].p != &bot_wechat && !nomem) /* WeChat's content is copied inside expat */
            fail_msg("%s: no allocation failure provoked", cases[c].p->name);
    }
}

/* Telegram: text_mention entities (users without a username) are mentions at
 * their place, counted from UTF-16 offsets; the bot's own id (its token's
 * first part) addresses it; @usernames stay in the text for the NLP. */
static void test_telegram_entities_are_mentions(void **state)
{
    (void)state;
    const char *u = "{\"update_id\":5,\"message\":{\"message_id\":9,\"from\":{\"id\":1,\"first_name\":\"A\"},"
                    "\"chat\":{\"id\":-100,\"type\":\"group\"},\"date\":1763900000,"
                    "\"text\":\"\xf0\x9f\x99\x8f 转赠 1小时 给 小芳 @ann_k Bot\","
                    "\"entities\":[{\"offset\":12,\"length\":2,\"type\":\"text_mention\",\"user\":{\"id\":777}},"
                    "{\"offset\":15,\"length\":6,\"type\":\"mention\"},"
                    "{\"offset\":22,\"length\":3,\"type\":\"text_mention\",\"user\":{\"id\":42}}]}}";
    struct hd_msg m;
    char err[256];
    snprintf(hook_cfg.telegram_bot_token, sizeof hook_cfg.telegram_bot_token, "42:abc");
    assert_int_equal(bot_telegram.parse(hook(), u, strlen(u), &m, err), BOT_OK);
    assert_int_equal(m.nmentions, 1);
    assert_string_equal(m.mentions[0].who, "777");
    assert_int_equal(m.mentions[0].at, 11); /* the emoji is two UTF-16 units, one code point */
    assert_int_equal(m.addressed, 1);
    assert_non_null(strstr(m.text, "@ann_k"));
    hd_msg_free(&m);
    hook_cfg.telegram_bot_token[0] = '\0';
    assert_int_equal(bot_telegram.parse(hook(), u, strlen(u), &m, err), BOT_OK);
    assert_int_equal(m.nmentions, 2); /* with no token the bot does not know itself */
    assert_int_equal(m.addressed, 0);
    hd_msg_free(&m);
}

/* OneBot: at-codes and at-segments of others are mentions where they stood,
 * the bot's own (the event's self_id, with or without more fields) addresses it. */
static void test_onebot_mentions_from_cq_codes_and_segments(void **state)
{
    (void)state;
    const char *cq = "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"group\",\"group_id\":5,"
                     "\"message_id\":8,\"user_id\":2,\"message\":\"[CQ:at,qq=10001,name=站] 代录[CQ:face,id=1]"
                     "[CQ:at,qq=5550002]和[CQ:at,qq=all] [CQ:at,qq=7\"}";
    struct hd_msg m;
    char err[256];
    assert_int_equal(bot_onebot.parse(hook(), cq, strlen(cq), &m, err), BOT_OK);
    assert_int_equal(m.addressed, 1);
    assert_string_equal(m.text, " 代录  和  [CQ:at,qq=7");
    assert_int_equal(m.nmentions, 2);
    assert_string_equal(m.mentions[0].who, "5550002");
    assert_int_equal(m.mentions[0].at, 4);
    assert_string_equal(m.mentions[1].who, "all");
    assert_int_equal(m.mentions[1].at, 6);
    hd_msg_free(&m);
    const char *seg = "{\"self_id\":10001,\"post_type\":\"message\",\"message_type\":\"private\",\"message_id\":9,"
                      "\"user_id\":2,\"message\":[{\"type\":\"text\",\"data\":{\"text\":\"转赠 1小时 给\"}},"
                      "{\"type\":\"at\",\"data\":{\"qq\":5550002}},{\"type\":\"face\",\"data\":{\"id\":1}},"
                      "{\"type\":\"at\",\"data\":{\"qq\":\"10001\"}}]}";
    assert_int_equal(bot_onebot.parse(hook(), seg, strlen(seg), &m, err), BOT_OK);
    assert_string_equal(m.text, "转赠 1小时 给 ");
    assert_int_equal(m.nmentions, 1);
    assert_string_equal(m.mentions[0].who, "5550002");
    assert_int_equal(m.mentions[0].at, 8);
    assert_int_equal(m.addressed, 1);
    hd_msg_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_onebot_signature_accepted_lower_and_upper_hex),
        cmocka_unit_test(test_onebot_signature_rejected),
        cmocka_unit_test(test_onebot_segments_and_mention_of_self),
        cmocka_unit_test(test_onebot_cq_string_unescaped_other_mentions_kept),
        cmocka_unit_test(test_onebot_malformed_events_refused),
        cmocka_unit_test(test_onebot_quick_reply_shape),
        cmocka_unit_test(test_telegram_update_64bit_ids_and_command),
        cmocka_unit_test(test_telegram_malformed_and_other_updates),
        cmocka_unit_test(test_wechat_signature_accepted_and_rejected),
        cmocka_unit_test(test_wechat_xml_parsed_and_replied),
        cmocka_unit_test(test_wechat_doctype_entities_and_garbage_refused),
        cmocka_unit_test(test_wechat_safe_mode_roundtrip_with_32_byte_padding),
        cmocka_unit_test(test_wecom_callbacks_decrypted_and_answered_sealed),
        cmocka_unit_test(test_push_requests_in_each_platform_shape),
        cmocka_unit_test(test_push_answers_read_per_platform),
        cmocka_unit_test(test_generic_hook_fields),
        cmocka_unit_test(test_json_depth_is_bounded_before_parsing),
        cmocka_unit_test(test_replay_cache_tells_retry_from_replay),
        cmocka_unit_test(test_onebot_signature_form_is_checked_before_the_body),
        cmocka_unit_test(test_platform_table_entries_and_flags),
        cmocka_unit_test(test_hook_credentials_in_headers),
        cmocka_unit_test(test_allocation_failures_fill_err),
        cmocka_unit_test(test_onebot_anonymous_and_own_messages_quiet),
        cmocka_unit_test(test_telegram_other_bots_and_plain_bold),
        cmocka_unit_test(test_telegram_entities_are_mentions),
        cmocka_unit_test(test_wechat_push_token_and_answers),
        cmocka_unit_test(test_onebot_mentions_from_cq_codes_and_segments),
    };
    return cmocka_run_group_tests_name("adapters", tests, NULL, NULL);
}
