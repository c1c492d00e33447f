/* server.h — the webhook server (civetweb). */
#ifndef BOT_SERVER_H
#define BOT_SERVER_H

#include <stdatomic.h>

#include "config.h"
#include "../nlp/nlp.h"

/* Runs until *stop becomes non-zero, then stops cleanly: in-flight requests
 * finish, every store connection is closed. */
enum bot_rc bot_serve(const struct bot_config *cfg, const struct nlp *nlp, atomic_int *stop,
                      char err[256]);

#endif
