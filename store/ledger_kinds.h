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
    X(REVERSAL, "reversal") /* a 代录 undone (撤销代录): the credit back to its payer */ \
    X(REDEMPTION, "redemption") /* a member's hours spent at a partner merchant (核销): to its time account */ \
    X(DIVIDEND, "dividend") /* 分红换积分: hours the fund gives for a member's dividend share (paid in cash) */ \
    X(VOUCHER, "voucher")   /* a membership's 体验券: the fund gives the requester the voucher's minutes */ \
    X(BONUS, "bonus")       /* 首存日: the fund pays a service's credit again (and takes it back with a refund) */

/* The accounts the schema creates, by name (each of its own kind). */
#define STORE_SYSTEM_ACCOUNTS(X)      \
    X(FUND, "fund")                   \
    X(EXPIRED, "expired")             \
    X(ADJUST, "adjust")               \
    X(HOLD, "hold")

/* The cash ledger's kinds (cash.c): money in yuan, kept in fen, never mixed with the hours. */
#define STORE_CASH_KINDS(X)                                                                    \
    X(OPENING, "opening")           /* the money held when the bot started keeping the books */ \
    X(FEE, "fee")                   /* a membership fee (收会费) */                              \
    X(MERCHANT_FEE, "merchant_fee") /* a merchant's management fee on members' spending, owed */ \
    X(SETTLE, "settle")             /* a merchant pays what it owes */                          \
    X(INCOME, "income")             /* other income (记账 收入) */                              \
    X(EXPENSE, "expense")           /* spending (记账 支出), approved as the amount needs */     \
    X(DIVIDEND, "dividend")         /* a year's dividends split (分红确认) */                    \
    X(PAYOUT, "payout")             /* a share paid out to its owner */                         \
    X(CONVERT, "convert")           /* a member's share turned into hours (paid by the fund) */

/* The cash accounts the schema creates, by name; their kinds below. */
#define STORE_CASH_ACCOUNTS(X)        \
    X(BANK, "bank")                   \
    X(INCOME, "income")               \
    X(EXPENSE, "expense")             \
    X(FUND, "fund")                   \
    X(FOUNDERS, "founders")           \
    X(BOARD, "board")

/* Kinds of cash accounts: where income comes from (its balance is minus all income), where spending goes, and the
 * ones that hold money or a claim to it (never below zero): bank, fund, payable, member, merchant (owes fees). */
#define STORE_CASH_ACCOUNT_KIND_SOURCE "source"
#define STORE_CASH_ACCOUNT_KIND_SINK "sink"
#define STORE_CASH_ACCOUNT_KIND_MEMBER "member"
#define STORE_CASH_ACCOUNT_KIND_MERCHANT "merchant"
/* A partner merchant's time account (hours its customers spent there, 核销): kind "merchant", named "merchant:<id>". */
#define STORE_ACCOUNT_KIND_MERCHANT "merchant"

/* STORE_KIND_SERVICE ("service") ... and STORE_ACCOUNT_FUND ("fund") ...,
 * defined in store/ledger.c. */
#define STORE_KIND_DECLARE_(name, str) extern const char STORE_KIND_##name[];
#define STORE_ACCOUNT_DECLARE_(name, str) extern const char STORE_ACCOUNT_##name[];
STORE_JOURNAL_KINDS(STORE_KIND_DECLARE_)
STORE_SYSTEM_ACCOUNTS(STORE_ACCOUNT_DECLARE_)
/* STORE_CASH_KIND_FEE ("fee") ... and STORE_CASH_ACCOUNT_BANK ("bank") ..., defined in store/cash.c. */
#define STORE_CASH_KIND_DECLARE_(name, str) extern const char STORE_CASH_KIND_##name[];
#define STORE_CASH_ACCOUNT_DECLARE_(name, str) extern const char STORE_CASH_ACCOUNT_##name[];
STORE_CASH_KINDS(STORE_CASH_KIND_DECLARE_)
STORE_CASH_ACCOUNTS(STORE_CASH_ACCOUNT_DECLARE_)

#endif
