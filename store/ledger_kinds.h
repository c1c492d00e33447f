/* ledger_kinds.h — journal kinds and system accounts: one list each, making named constants and the audit allow-list. */
#ifndef STORE_LEDGER_KINDS_H
#define STORE_LEDGER_KINDS_H

/* Every kind a journal leg may carry, X(NAME, "stored string"). Journal rows
 * keep the string, so a string never changes; a kind not listed here is one
 * the audit reports (store_audit). */
#define STORE_JOURNAL_KINDS(X)        \
    X(SERVICE, "service")             \
    X(GIFT, "gift")                   \
    X(BIRTHDAY, "birthday")           \
    X(REFERRAL, "referral")           \
    X(ACTIVITY, "activity")           \
    X(PENALTY, "penalty")             \
    X(EXPIRY, "expiry")               \
    X(ADJUSTMENT, "adjustment")       \
    X(DISPUTE, "dispute")             \
    X(REFUND, "refund")               \
    X(REVERSAL, "reversal") /* a 代录 undone (撤销代录): the credit back to its payer */

/* The accounts the schema creates, by name (each of its own kind). */
#define STORE_SYSTEM_ACCOUNTS(X)      \
    X(FUND, "fund")                   \
    X(EXPIRED, "expired")             \
    X(ADJUST, "adjust")               \
    X(HOLD, "hold")

/* STORE_KIND_SERVICE ("service") ... and STORE_ACCOUNT_FUND ("fund") ...,
 * defined in store/ledger.c. */
#define STORE_KIND_DECLARE_(name, str) extern const char STORE_KIND_##name[];
#define STORE_ACCOUNT_DECLARE_(name, str) extern const char STORE_ACCOUNT_##name[];
STORE_JOURNAL_KINDS(STORE_KIND_DECLARE_)
STORE_SYSTEM_ACCOUNTS(STORE_ACCOUNT_DECLARE_)

#endif
