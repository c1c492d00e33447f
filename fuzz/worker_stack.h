/* worker_stack.h — run one fuzz input on a thread whose stack is no larger than a civetweb worker's. */
#ifndef FUZZ_WORKER_STACK_H
#define FUZZ_WORKER_STACK_H

#include <pthread.h>
#include <stdlib.h>

#include "../base/common.h"

/* Calls fn(arg) on a fresh thread with a BOT_WORKER_STACK_BYTES stack and
 * waits for it: a recursion that a worker could not survive crashes the
 * fuzzer too (the main thread's 8 MB would hide it). */
static void fuzz_on_worker_stack(void *(*fn)(void *), void *arg)
{
    pthread_attr_t a;
    pthread_t t;
    if (pthread_attr_init(&a) != 0 || pthread_attr_setstacksize(&a, BOT_WORKER_STACK_BYTES) != 0 ||
        pthread_create(&t, &a, fn, arg) != 0)
        abort();
    pthread_join(t, NULL);
    pthread_attr_destroy(&a);
}

#endif
