/**
 * Generated from openapi/openapi.json by openapi-typescript: do not edit.
 * Regenerate with `npm run client` in the repository root after the API document changes.
 * Idempotency-Key is optional here: the client sends one on every write the caller gives none for.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process is up
         * @description Liveness probe: answers without touching the database. Never rate limited.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers
         * @description Readiness probe: answers 200 when a query reaches the database, 503 database_unavailable (with Retry-After) when it does not. Never rate limited.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a program and its first admin API key (operator token)
         * @description The admin key secret is returned only in this response; store it now.
         */
        post: operations["createProgram"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/program": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's program and its settings
         * @description The program the API key belongs to, with its effective settings (defaults filled in).
         */
        get: operations["getProgram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the program's name or settings
         * @description Settings not named in the body keep their current value (a setting given replaces its whole value). Settings that break a rule between them (tiers, caps in order, the home currency rated) are 422 invalid_settings with a pointer to each.
         */
        patch: operations["updateProgram"];
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List this program's API keys (without secrets)
         * @description The program's API keys, revoked ones included, without their secrets.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Issue an API key for this program
         * @description Issues a key with the given role for the caller's program. Store the secret now: only a hash is kept.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key; it is refused from the next request on
         * @description Revoking is final: the key is refused from the next request on. Revoking a revoked key answers it again.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search and filter members
         * @description `q` matches part of the name or phone, or the whole loyalty ID. Filters combine (all must hold); ranges are inclusive, and a minimum above its maximum is 400 validation_failed pointing at the minimum. Age counts whole years on the program's local date; members without a birth date match no age or birth month filter. Total spent counts purchases in the home currency. Pages follow enrollment order.
         */
        get: operations["listMembers"];
        put?: never;
        /**
         * Enroll a member; assigns an 8-digit loyalty ID
         * @description Enrolling an external_ref that already exists answers 409 member_exists with the existing member_id. With `verification: "otp"` (a phone is then required) the member starts `pending`: they cannot earn or spend until POST /v1/members/{id}/verify presents the one-time password that the event member.otp_requested carries for your SMS provider.
         */
        post: operations["enrollMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/otp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a pending member a new verification code
         * @description Issues a new one-time password, replacing the last one, and publishes it in member.otp_requested. At most 3 codes per member per 10 minutes, enrollment's included: more answer 429 otp_rate_limited with Retry-After. A member who is not pending answers 409 member_not_pending.
         */
        post: operations["resendMemberOtp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a pending member with their one-time password
         * @description The right code activates the member (member.verified) and is used up. A wrong one answers 422 otp_invalid (pointer /otp, with attempts_left); after 5 wrong codes, or 5 minutes after it was issued, or once used, the code answers 422 otp_expired: send a new one (POST /v1/members/{id}/otp). A member who is not pending (already verified, blocked) answers 409 member_not_pending.
         */
        post: operations["verifyMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The member card: profile, status, points, purchase and return counts, total spent
         * @description Profile and status with the points figures, purchase and return counts and total spent: what a till shows.
         */
        get: operations["getMember"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a member's profile or status
         * @description Fields set to null are cleared. Changing status records when and why.
         */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/v1/purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a purchase and earn points
         * @description Points = amount x the program's rate for the currency (rounded down). The points form a lot that is pending for the return window, then spendable until it expires. receipt_id is unique per program. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["recordPurchase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchases/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quote a purchase: which promotions apply, per line, and why the others do not
         * @description Evaluates the program's active promotions and the presented promo codes for this basket and member, writes nothing to the ledger, and returns the discount, the net amount, the points, and per line what applies and why every other promotion does not. The quote can be committed for 5 minutes by POST /v1/purchases with its quote_id and the same basket. A wrong PIN counts against the code's lock here too.
         */
        post: operations["quotePurchase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchases/{id}/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Return all or part of a purchase and claw back its points
         * @description Claws back points in proportion to the amount returned: first from the purchase's own lot, then from the rest of the balance; what cannot be clawed back becomes a debt (or is dropped, under the clamp policy). A return gives an amount, or (for a purchase recorded with lines) the lines it takes back, by sku and units: its amount is then their share of each line, counted so that returning every unit of a line returns exactly the line's amount. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["recordReturn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Spend points now
         * @description Consumes spendable lots, soonest expiry first. Not enough points is 422 insufficient_points with the available figure. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["redeemPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}/reversal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give redeemed points back (all or part)
         * @description Puts points back into the lots they came from, with their original expiry; at most what was redeemed. Omit points to reverse all that is left. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["reverseRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve points at the till
         * @description Moves points from available to held until captured, voided or expired (default lifetime: the program's hold_ttl_minutes). Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["createHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture a hold (all or part; the rest returns to the balance)
         * @description Capturing an expired, voided or already captured hold is 409. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["captureHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/holds/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a hold
         * @description Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["voidHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit or debit points by hand, with a reason
         * @description Positive points credit a new lot; negative points debit spendable lots, soonest expiry first. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["adjustPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner-transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit points transferred in from a partner platform, with the bonus
         * @description Credits points plus the program's partner_transfer_bonus_percent of them (default 10, rounded down: 1,000 credit 1,100; 15 credit 16), spendable at once. A transfer is recorded once per partner and external_id: the same transfer again (same member and points) gets the first answer with `Idempotent-Replayed: true`, whatever its Idempotency-Key; with another member or other points it is 409 partner_transfer_mismatch. Points plus bonus may not pass 1000000000 (422 amount_too_large). Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["createPartnerTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The member's points: available, pending, held, debt, lifetime figures and what expires soon
         * @description Available, pending, held, debt and lifetime figures, and the points that expire soon.
         */
        get: operations["getBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The member's ledger history, newest first, with entries and lots touched
         * @description Newest first; each transaction with its double-entry lines and the lots it touched. Page with next_cursor.
         */
        get: operations["listMemberTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Opening balance, movements and closing balance for a period
         * @description By business time (occurred_at), from inclusive, to exclusive. opening + movements = closing for every account.
         */
        get: operations["getMemberStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit money to the member's wallet: store credit or goodwill
         * @description The money becomes a lot of its own, spendable at once and until expires_at (never, without it). Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["creditWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/debits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Spend money from the member's wallet at the till
         * @description Draws from the wallet's lots in the currency, soonest expiry first and money that never expires last. Not enough money is 422 insufficient_funds with the available figure; a receipt is paid from the wallet once (409 duplicate_receipt). Refused for pending, blocked and deactivated members. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["debitWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve money in the member's wallet until it is captured or voided
         * @description Draws the money from the wallet's lots now, soonest expiry first, and holds it; a hold neither captured nor voided expires at expires_at (default: now + the program's hold_ttl_minutes) and the money returns to its lots. Refused like a debit (insufficient_funds; pending, blocked and deactivated members). Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["createWalletHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/holds/{hold_id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Spend all or part of a wallet hold; the rest returns to the wallet
         * @description Without amount the whole hold is captured. A capture is published as wallet.debited (reason capture). Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["captureWalletHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/holds/{hold_id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a wallet hold: the money returns to the lots it came from
         * @description Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["voidWalletHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/debits/{debit_id}/reversal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give back all or part of a wallet debit, into the lots it came from
         * @description The money returns to the lots the debit drew from, latest expiry first, each keeping its expiry (money whose lot has expired since expires at once). Without amount, all that is left of the debit. Published as wallet.credited (transaction type wallet_reversal). Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.
         */
        post: operations["reverseWalletDebit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The member's money per currency: available, held and what expires soon
         * @description Available and held money per currency, in minor units, and the money that expires soon.
         */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The member's wallet statement, newest first, with entries
         * @description Credits and debits of wallet money, newest first; follow next_cursor for older ones.
         */
        get: operations["listWalletTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gift-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sell a gift card against the purchase that paid for it
         * @description Loads a new card with `amount`, bound to `phone`. Refused unless the purchase is of the program (404 purchase_not_found), not returned in full (409 purchase_returned), in the card's currency (422 currency_mismatch), and the cards loaded against it stay within what it paid (422 gift_card_exceeds_purchase with `loadable`). The answer carries the card's `code`, shown only here: keep it, the service stores only its hash. Publishes gift_card.issued. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. A refusal is not stored: a retry is answered afresh.
         */
        post: operations["issueGiftCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gift-cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A gift card: balance, status, masked phone and code hint
         * @description The code itself is never shown again after the card is issued: only its last 4 characters. Money left past the expiry is moved to gift_card_expired first (gift_card.expired), so an expired card reads status expired and balance 0.
         */
        get: operations["getGiftCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gift-cards/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A gift card's movements, oldest first, with their entries
         * @description Every movement of the card's money (issue, spends, transfers to wallets, expiry) as a ledger transaction of the card, versions 1..n, with its double-entry postings.
         */
        get: operations["getGiftCardStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gift-cards/{id}/otp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a one-time password to the card's phone
         * @description Issues a 6-digit password for spending the card at a till (purpose spend, the default) or moving it into a wallet (purpose transfer), replacing the last one of that purpose, and publishes it in gift_card.otp_requested for your SMS provider (the only gift card event that carries a secret). At most 3 per card and purpose per 10 minutes: more answer 429 otp_rate_limited with Retry-After. An empty or expired card answers 409.
         */
        post: operations["requestGiftCardOtp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gift-cards/{id}/spends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay at the till with a gift card
         * @description Whoever holds the card may spend it (a gift needs no member). The holder proves the card with its `code` and the one-time password sent to the card's phone for this operation (POST /v1/gift-cards/{id}/otp with its purpose). A wrong code and a wrong password answer alike, 422 otp_invalid on /otp with attempts_left, and each costs one of the password's 5 tries; a password works once, for 5 minutes (then 422 otp_expired). Not enough money is 422 insufficient_funds (the password is still used up); a receipt is paid with a card once (409 duplicate_receipt). Publishes gift_card.spent. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. A refusal is not stored: a retry is answered afresh.
         */
        post: operations["spendGiftCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gift-cards/{id}/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a gift card's money into a member's wallet
         * @description Moves all that is left (or `amount`) into the member's wallet as a lot of its own that keeps the card's expiry (wallet.credited, data.reason gift_card; gift_card.transferred). The holder proves the card with its `code` and the one-time password sent to the card's phone for this operation (POST /v1/gift-cards/{id}/otp with its purpose). A wrong code and a wrong password answer alike, 422 otp_invalid on /otp with attempts_left, and each costs one of the password's 5 tries; a password works once, for 5 minutes (then 422 otp_expired). Pending and deactivated members answer 422, blocked ones 423. Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. A refusal is not stored: a retry is answered afresh.
         */
        post: operations["transferGiftCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/trial-balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the ledger's invariants for the program
         * @description Entries of every transaction and of the program sum to zero; cached balances equal their entries; lots equal grants minus allocations; versions have no gaps.
         */
        get: operations["getTrialBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{name}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a time-driven job as of an instant
         * @description mature: pending lots whose return window ended become spendable. expire: the unspent rest of lots past expires_at expires. expire-holds: holds past their expiry are released. tier-review: members below their tier threshold drop (one tier at a time by default). tier-benefits: pays each tier benefit for the period containing as_of, at most once. velocity-sweep: blocks members over the velocity threshold. expiry-warnings: points.expiring once per member and expiry date, expiry_warning_hours before. inactivity-decay: takes the inactivity_decay share of the available balance for each full period without activity, once per period. birthdays: member.birthday_upcoming once a year, birthday.days_before local days ahead, with a single-use code of each active birthday promotion valid from local midnight its birthday_window_days (default 7) days before the birthday to the end of the same number of days after it. win-back: member.inactive at each win_back milestone without a purchase, the last marking the member lost; with each but the last, a single-use code of the active promotion with preset win_back:<milestone> (60d, 9m, ...), valid 30 days. All are idempotent; the scheduler inside the service runs them as of now. An as_of more than a day ahead of the server clock is 422 as_of_in_future unless allow_future is true; one after the year 2200 is 422 as_of_out_of_range. `members` counts the members the run changed.
         */
        post: operations["runJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/liability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Points liability and breakage, by lot cohort and expiry month, as of an instant
         * @description What the program owes in points as of `as_of` (default now): the trial balance's member accounts (available, pending, held, debt) at that instant, the points still in lots by the month they were granted and the month they expire, valued at point_value in the home currency, and breakage (expired ÷ issued) per cohort. As of an instant means what the ledger had recorded by then, so the same as_of always answers the same figures; an as_of later than the server's clock is 422 as_of_not_yet. Held points and debt are not in any cohort: held points left their lots for the hold, debt is owed to the program.
         */
        get: operations["getLiability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the program's points transactions (back office)
         * @description Every member's points transactions in the program, newest first, filtered by type, member, store, receipt, occurred_at range and headline points range (ranges inclusive but `to`, which is exclusive). A member or a receipt makes the search use an index; a program-wide search reads the program's transactions under the analytics timeout (503 analytics_timeout when exceeded). Wallet money has its own statements.
         */
        get: operations["searchTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rate sets with their windows, or the set in force at an instant
         * @description Before the first set, purchases convert at the settings earn_rates. With `at`, the answer holds the one set in force then (empty before the first set).
         */
        get: operations["listRateSets"];
        put?: never;
        /**
         * Add a rate set from an instant
         * @description Each currency's rate is held for its review period (settings rate_locks: USD 1 month, GBP 2 weeks, EUR and AZN 3 months by default) after it last changed; a set that changes or leaves out a held currency is 422 rate_locked with a pointer to each such rate, and one that would start before an already scheduled set is 409 rate_locked. A currency whose rate rose by the rise_bonus threshold earns the rise bonus on each purchase while the set is in force.
         */
        post: operations["createRateSet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversions/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Price a conversion without side effects
         * @description The conversion made with the same body agrees to the point as long as rates have not changed. For a withdrawal, also shows what the member may still withdraw today and this month.
         */
        post: operations["quoteConversion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Convert points to money (a withdrawal) or money to points
         * @description Per-currency cap per conversion (422 limit_exceeded), a fee in basis points, and for withdrawals daily and monthly limits per member in home-currency equivalent (422 limit_exceeded naming the limit and what remains). Requires an Idempotency-Key.
         */
        post: operations["createConversion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The program's event feed, oldest first, from a cursor
         * @description Every state change (enrollment, profile and status changes, every ledger transaction, tier changes, and the notices of the time-driven rules) writes its event in the same database transaction as the change: an event exists exactly when its change committed, and a refused or replayed write has none.
         *
         *     **Reading.** Start without `cursor`, then always pass the previous answer's `next_cursor` as `cursor` (`after` is an older name for it). `next_cursor` is present on every answer, also an empty one: keep it and poll again later. While `has_more` is true more events are already readable; read again at once.
         *
         *     **Order and completeness.** Events come oldest first, in the order of the writing database transactions, and within one transaction in the order they were written. A reader that follows `next_cursor` never misses an event, even from transactions that commit out of order: an event is only returned once every transaction that started writing before it has finished, so no later commit can land behind a position the reader has passed. A long-running write transaction therefore delays the feed (events of transactions after it wait until it ends), but never makes it skip. `timestamp` is business time and is not guaranteed to increase along the feed.
         *
         *     **Delivery is at least once** for a consumer that restarts from an older cursor (it saved its cursor before processing the last page, or crashed in between): it gets those events again. Use the event `id` to drop duplicates.
         *
         *     **Retention.** Events are kept for the service's EVENTS_RETENTION_DAYS (30 by default). A cursor behind pruned events answers 410 `cursor_expired` instead of silently skipping them.
         *
         *     **On a Citus cluster** the cursor holds one position per shard of the events table, and each shard follows the rules above on its own: a member's events come in order, events of different members in no particular order between them.
         *
         *     A cursor belongs to its filters: keep `types` and `member_id` the same while following it (filtered-out events are skipped for good).
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a member activity (login, completed task...)
         * @description Activities count as activity for inactivity decay and for the daily tier gift. The first `task_completed` of a local day extends the member's soonest-expiring points by the program's `task_extension_days` (an `extend` transaction, in `extension`); later tasks that day extend nothing. Requires an Idempotency-Key.
         */
        post: operations["recordActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/renewals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew points that expired in the renewal window
         * @description Restores every point that expired within the program's `renewal_window_hours` (24 by default) and was not renewed yet, as a new lot with a fresh validity. Each expiry can be renewed once, and renewed points cannot be renewed again. 409 `renewal_window_closed` after the window, `already_renewed` when the window's expiries were renewed, `nothing_to_renew` when nothing ever expired. Requires an Idempotency-Key.
         */
        post: operations["renewExpiredPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List this program's webhook endpoints (without secrets)
         * @description The program's webhook endpoints, without their signing secrets.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Events committed from now on are POSTed to the URL, signed as Standard Webhooks specifies (webhook-id, webhook-timestamp, webhook-signature). An attempt times out after 10 s; failed attempts are retried with exponential backoff for 24 h, and an endpoint failing that long is disabled. The response is the only one that shows the signing secret.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook endpoint (without its secret)
         * @description One endpoint with its subscription and delivery state, without its signing secret.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Its pending deliveries stop; its delivery history goes with it.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint, or disable or re-enable it
         * @description `enabled: true` re-enables an endpoint (an admin disabled it, or it failed for 24 h): its failure record is cleared, its pending deliveries are retried at once, and the events it missed while disabled follow. `enabled: false` stops deliveries; events are kept for it until it is re-enabled.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's deliveries, newest first, each with its attempts
         * @description Newest first; each delivery with its status and every attempt (status code, error, the first kilobyte of the answer).
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now
         * @description Queues another attempt at once, whatever the delivery's status; a failed delivery gets one more attempt. A disabled endpoint receives it once re-enabled. 409 delivery_in_progress while an attempt is under way.
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the program's promotions, oldest first
         * @description Every status unless `status` is given; paused and ended promotions stay listed.
         */
        get: operations["listPromotions"];
        put?: never;
        /**
         * Create a promotion
         * @description Rules beyond each field's own (422 invalid_promotion, a pointer each): an issue_code effect names a promotion of the program; conditions.ends_at comes after starts_at; days_of_week are unique; money is in currencies the program has rates for. A total_uses or budget limit opens the pool purchases draw from. At most max_active_promotions (setting, 50) may be active: one more is 409 too_many_active_promotions.
         */
        post: operations["createPromotion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotions/presets/{preset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create the promotions of a preset
         * @description A preset is a template: it creates ordinary promotions (marked with `preset`), returned in `promotions`. Parameters (all optional; money without a currency is in the home currency; invalid ones are 422 invalid_preset_params with a pointer each):
         *     - `first_purchase` `{percent: 20, within_hours: 24}`: percent off the first purchase within hours of enrolment, once per member.
         *     - `threshold_coupon` `{threshold: {amount: 10000}, reward: {amount: 1000}, valid_days: 30}`: a purchase over the threshold (100.00: none, 100.01: one) issues a code for reward off a later purchase. Creates the reward (code only, technical) and the trigger (stackable).
         *     - `repeat_buyer` `{more_than: 2, within_days: 90, percent: 20, valid_days: 30}`: more than N purchases in the window, this one included (so with N = 2 the third issues it), issues a percent-off code, once per quarter; a purchase returned in full does not count. Creates the reward and the trigger.
         *     - `double_bonus` `{points: 400, streak_days: 2, purchases_in_week: 2}`: logins on consecutive days and purchases in one ISO week earn bonus points, once per week.
         *     - `campaign` `{starts_on: today, ends_on: starts_on + 29 days, percent: 10}`: points x (1 + percent/100) from local midnight of starts_on to the end of ends_on (inclusive), program time zone.
         *     - `birthday` `{percent: 10 | amount, window_days: 7}`: a code-only discount within window_days of the birthday, once per year.
         *     - `win_back` `{amounts: [4 increasing money values, default 5, 10, 15, 20]}`: four code-only technical discounts, for 60 days, 9, 12 and 15 months without a purchase; their `preset` is win_back:60d, win_back:9m, win_back:12m, win_back:15m.
         */
        post: operations["createPresetPromotions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A promotion
         * @description With its current `version`, the one purchases are evaluated with.
         */
        get: operations["getPromotion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a promotion, pause, end or reactivate it
         * @description Every change bumps `version`: a quote made with the old version is refused at commit. A named key replaces its whole value. Changing total_uses or the budget moves what is left by the difference; lowering it by more than is left is 409 limit_below_used. Reactivating past max_active_promotions is 409 too_many_active_promotions.
         */
        patch: operations["updatePromotion"];
        trace?: never;
    };
    "/v1/promo-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A promotion's promo codes, by code
         * @description A promotion's codes in code order, optionally only those bound to one member; each with its uses, validity and status, never its PIN.
         */
        get: operations["listPromoCodes"];
        put?: never;
        /**
         * Issue promo codes for a promotion
         * @description Either one shared code (`code`, your own text) or a batch of `count` generated codes. Codes may be bound to a member (`member_id`, or `phone`) and need a PIN. A purchase presents them in `promo_codes`; any code that cannot be used (unknown, wrong PIN, locked, revoked, expired, used up, another member's) is refused alike with 422 promo_code_invalid. Codes bound to a member publish `promo_code.issued` (without the PIN). With an Idempotency-Key, a retry gets the same codes and PINs back.
         */
        post: operations["issuePromoCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promo-codes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A promo code (never its PIN)
         * @description One code with its uses, validity and status; whether it needs a PIN, never the PIN.
         */
        get: operations["getPromoCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promo-codes/{code}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a promo code
         * @description The code can no longer be used; uses already made stand. Revoking a revoked code changes nothing.
         */
        post: operations["revokePromoCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/simulations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a period's purchases under changed settings (what-if)
         * @description Replays the program's purchases in [from, to) through the ledger's own earn rules twice, under the current settings and with `settings` laid over them (checked like PATCH /v1/program: 422 invalid_settings with pointers), in a read-only transaction that is always rolled back: no real row changes, no event is published. Reports points issued, liability at `to`, tier counts and per-tier and per-branch effect. Promotions, returns and jobs are not replayed. The period must be past and at most SIMULATION_MAX_DAYS long (422).
         */
        post: operations["runSimulation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "member.enrolled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.enrolled
         * @description A member enrolled.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.enrolled`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberEnrolled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.updated
         * @description A member's profile changed, or their status changed other than by a block or an unblock (previous_status is then set).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.updated`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.blocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.blocked
         * @description A member was blocked: by an admin, or by the velocity rule (in a write or by the sweep).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.blocked`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberBlocked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.unblocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.unblocked
         * @description A blocked member became active again.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.unblocked`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberUnblocked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.birthday_upcoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.birthday_upcoming
         * @description A member's birthday is `days_before` local days away (once per birthday).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.birthday_upcoming`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberBirthdayUpcoming"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.inactive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.inactive
         * @description A member reached a win-back milestone without a purchase; the last milestone marks them lost.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.inactive`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberInactive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.otp_requested": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.otp_requested
         * @description A member enrolled with verification "otp", or asked for a new code (POST /v1/members/{id}/otp): send `otp` to `phone` by SMS; POST /v1/members/{id}/verify takes it back. The only event that carries a secret: the service keeps the code only hashed and gives it out nowhere else. The event feed (GET /v1/events) is open to read keys too, so whoever holds a read key can see live codes: give read keys only to systems trusted with them, or take codes from a webhook endpoint subscribed to this type.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.otp_requested`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberOtpRequested"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.verified": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * member.verified
         * @description A pending member became active: they presented their one-time password (POST /v1/members/{id}/verify), or an admin set them active.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `member.verified`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onMemberVerified"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.earned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.earned
         * @description Points were earned: a purchase (earn), a rate-rise bonus (bonus), a tier benefit (benefit) or points transferred in from a partner platform with their bonus (partner_transfer).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.earned`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsEarned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.returned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.returned
         * @description A return clawed back points of its purchase.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.returned`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsReturned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.redeemed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.redeemed
         * @description Points were redeemed.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.redeemed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsRedeemed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.reversed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.reversed
         * @description A redemption was reversed (all or part); the points came back.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.reversed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsReversed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.adjusted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.adjusted
         * @description An admin credited or debited points by hand.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.adjusted`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsAdjusted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.matured": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.matured
         * @description Pending points became spendable at the end of the return window.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.matured`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsMatured"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.expiring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.expiring
         * @description Points will expire soon: `warning_hours` before the first lot of a local expiry date (once per member and date).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.expiring`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsExpiring"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.expired
         * @description The unspent rest of a lot expired.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.expired`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.renewable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.renewable
         * @description Points that just expired can be renewed (POST /v1/members/{id}/renewals) until `renewable_until`: raised once per settlement that expired renewable points, after their points.expired events, when the program has a renewal window.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.renewable`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsRenewable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.renewed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.renewed
         * @description Points that expired within the renewal window were restored, with a fresh validity.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.renewed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsRenewed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.decayed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.decayed
         * @description A share of the available balance was deducted for a period of inactivity.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.decayed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsDecayed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.extended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.extended
         * @description A completed task extended the member's soonest-expiring points (no points move; transaction.data says which lots and to when).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.extended`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsExtended"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.debt_paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * points.debt_paid
         * @description Points that came back paid off a debt.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `points.debt_paid`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPointsDebtPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "hold.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * hold.created
         * @description Points were reserved by a hold.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `hold.created`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onHoldCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "hold.captured": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * hold.captured
         * @description A hold was captured (all or part; the rest returned to the balance).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `hold.captured`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onHoldCaptured"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "hold.voided": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * hold.voided
         * @description A hold was released.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `hold.voided`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onHoldVoided"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "hold.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * hold.expired
         * @description A hold passed its expiry uncaptured and was released.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `hold.expired`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onHoldExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "conversion.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * conversion.completed
         * @description Points were converted to money (a withdrawal) or money to points.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `conversion.completed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onConversionCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "wallet.credited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * wallet.credited
         * @description Money came into a member's wallet: a credit (wallet_credit: store credit or goodwill) or a debit reversed (wallet_reversal, data.debit_id); `wallet` is the currency's balance after it.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `wallet.credited`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onWalletCredited"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "wallet.debited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * wallet.debited
         * @description Money left a member's wallet: a debit at the till (wallet_debit, data.reason purchase), a hold captured (wallet_capture, data.reason capture) or a lot that expired (wallet_expire, data.reason expired, data.lot_id); `wallet` is the currency's balance after it.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `wallet.debited`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onWalletDebited"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "wallet.held": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * wallet.held
         * @description Money of a member's wallet was reserved by a hold (wallet_hold); it is spent by a capture (wallet.debited) or released.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `wallet.held`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onWalletHeld"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "wallet.hold_released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * wallet.hold_released
         * @description A wallet hold was voided (wallet_void) or expired (wallet_hold_expire): its money is back in the wallet (data.reason voided or expired).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `wallet.hold_released`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onWalletHoldReleased"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "gift_card.issued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * gift_card.issued
         * @description A gift card was sold against a purchase and loaded (gift_card_issue). member_id is the card's id: gift card events are placed by their card. The code is not in it.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `gift_card.issued`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onGiftCardIssued"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "gift_card.otp_requested": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * gift_card.otp_requested
         * @description A one-time password was asked for to spend or transfer a gift card (POST /v1/gift-cards/{id}/otp): send `otp` to `phone` by SMS. The only gift card event that carries a secret: the service keeps the code only hashed and gives it out nowhere else; whoever can read the event feed (read keys too) can see live codes, so give read keys only to systems trusted with them, or take codes from a webhook endpoint subscribed to this type. member_id is the card's id.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `gift_card.otp_requested`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onGiftCardOtpRequested"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "gift_card.spent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * gift_card.spent
         * @description Money was spent from a gift card at a till (gift_card_spend, external_ref the receipt). member_id is the card's id.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `gift_card.spent`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onGiftCardSpent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "gift_card.transferred": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * gift_card.transferred
         * @description A gift card's money moved into a member's wallet (gift_card_transfer, data.member_id; the wallet publishes wallet.credited). member_id is the card's id.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `gift_card.transferred`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onGiftCardTransferred"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "gift_card.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * gift_card.expired
         * @description A gift card passed its expiry with money left: the money moved to gift_card_expired (gift_card_expire), recorded when the card was next touched. member_id is the card's id.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `gift_card.expired`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onGiftCardExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "tier.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * tier.changed
         * @description A member's tier changed: up in the purchase that crossed a threshold, down at the tier review.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `tier.changed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onTierChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "promotion.applied": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * promotion.applied
         * @description A purchase got promotions: one event per purchase, listing each promotion with what it took off, the points it added, its gift, the code that unlocked it and the code it issued.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `promotion.applied`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPromotionApplied"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "promo_code.issued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * promo_code.issued
         * @description A promo code bound to the member was issued: by an admin (POST /v1/promo-codes), by a purchase whose promotion issues codes, or by the birthday or win-back job with member.birthday_upcoming or member.inactive (a code of the birthday or win_back:<milestone> promotion). It never carries the PIN: the event feed is open to read keys, so a generated PIN is shown only in the issue response, to be passed on to the member from there.
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `promo_code.issued`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPromoCodeIssued"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "promo_code.redeemed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * promo_code.redeemed
         * @description A promo code was used on a purchase (consumed in the purchase's own transaction).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `promo_code.redeemed`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPromoCodeRedeemed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "promotion.revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * promotion.revoked
         * @description A return left a purchase short of what one of its promotions needs: its extra points are clawed back, and a code it issued is revoked (unused) or its value clawed back (used).
         *
         *     Delivered as a POST of the event (the same envelope GET /v1/events returns) to each endpoint subscribed to `promotion.revoked`, signed per Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Delivery is at least once: answer 2xx quickly, and use `webhook-id` to drop duplicates.
         */
        post: operations["onPromotionRevoked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @example {
         *       "amount": 2450,
         *       "currency": "AZN"
         *     }
         */
        MoneyInput: {
            /** @description Integer amount in minor units (cents, qapik), at most 1000000000000 */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
        };
        ProgramSettingsPatch: {
            /** @description IANA time zone for day and month boundaries */
            timezone?: string;
            /** @description Currency withdrawal limits are counted in */
            home_currency?: string;
            /** @description Points per 1 unit of each currency, before any rate set */
            earn_rates?: {
                [key: string]: number;
            };
            /**
             * @description How fractional points and money round
             * @enum {string}
             */
            rounding?: "floor" | "round" | "ceil";
            /** @description Return window before earned points become spendable */
            pending_days?: number;
            /** @description Lot lifetime once spendable */
            validity_months?: number;
            /**
             * @description debt: points that cannot be clawed back become a debt paid from later earnings; clamp: claw back only what is there
             * @enum {string}
             */
            return_policy?: "debt" | "clamp";
            /** @description Default lifetime of a hold */
            hold_ttl_minutes?: number;
            /** @description Review period, in months, of a currency rate_locks does not name */
            rate_lock_months?: number;
            /** @description Each currency's review period: a rate set may change a currency's rate only once this long has passed since the rate last changed */
            rate_locks?: {
                [key: string]: {
                    /** @default 0 */
                    months: number;
                    /** @default 0 */
                    days: number;
                };
            };
            /** @description Bonus points per purchase in a currency whose rate rose at least threshold_percent over the previous set */
            rise_bonus?: {
                threshold_percent: number;
                points: number;
            };
            /** @description Converting points to money (withdrawal) and money to points */
            conversion?: {
                /** @description Fee in basis points; below 50 (0.5 %) */
                fee_bps: number;
                /** @description Deprecated: the former name of currency_caps, still accepted; a value given here is stored as currency_caps */
                caps?: {
                    [key: string]: number;
                };
            };
            /** @description Most base points one money→points conversion in a currency yields: a purchase earns at most this many base points, a conversion (either way) involving more is refused. Currencies not named are uncapped. */
            currency_caps?: {
                [key: string]: number;
            };
            /** @description Per member, in minor units of the home currency, summed at each withdrawal rate */
            withdrawal_limits?: {
                per_day: number | null;
                per_month: number | null;
            };
            /** @description VIP levels by qualifying points: the first starts at 0, thresholds strictly increase, names are unique */
            tiers?: {
                name: string;
                /** @description Qualifying points needed */
                threshold: number;
                /** @description Earn multiplier on purchases */
                multiplier: number;
                /** @description Points paid by the tier-benefits job, at most once per member per period */
                benefit: {
                    points: number;
                    /** @enum {string} */
                    period: "active_day" | "week" | "month";
                } | null;
                /**
                 * @description Members of this tier earn past the program's earn caps (earn_limits); the velocity rule still applies
                 * @default false
                 */
                caps_exempt: boolean;
            }[];
            /** @description Qualifying points are points earned in this rolling window */
            tier_window_months?: number;
            /** @description Tiers a member may drop at one review */
            tier_downgrade_steps?: number;
            /** @description Caps in points; null means no cap. Days and months are in the program time zone. */
            earn_limits?: {
                per_transaction: number | null;
                per_day: number | null;
                per_month: number | null;
            };
            /** @description Caps in points; null means no cap. Days and months are in the program time zone. */
            redeem_limits?: {
                per_transaction: number | null;
                per_day: number | null;
                per_month: number | null;
            };
            /** @description A member with more transactions, or more points moved, in the sliding window is blocked; null turns it off */
            velocity?: {
                window_minutes: number;
                max_transactions: number;
                max_points: number;
            } | null;
            /** @description points.expiring is raised this long before a lot expires, once per member and expiry date */
            expiry_warning_hours?: number;
            /** @description For this long after points expire they can be renewed, once; 0 turns renewal off */
            renewal_window_hours?: number;
            /** @description The first completed task of a day extends the member's soonest-expiring points by this many days; 0 turns it off */
            task_extension_days?: number;
            /** @description Inactivity decay; null turns it off */
            inactivity_decay?: {
                /** @description Days without activity or purchase per decay period */
                after_days: number;
                /** @description Share of the available balance deducted per period (rounded down) */
                percent: number;
            } | null;
            /** @description Birthday notices; null turns them off. 29 February birthdays fall on 28 February in common years. */
            birthday?: {
                /** @description member.birthday_upcoming is raised this many local days before the birthday */
                days_before: number;
                /** @description How long after the birthday the offer stays valid (in the event) */
                offer_valid_days: number;
            } | null;
            /** @description Win-back milestones; null turns them off */
            win_back?: {
                /** @description First member.inactive after this many days without a purchase */
                first_days: number;
                /** @description Later member.inactive milestones, in months without a purchase */
                months: number[];
                /** @description After this many months without a purchase the member is marked lost */
                lost_after_months: number;
            } | null;
            /** @description What one point is worth to the customer, in minor units of home_currency (may be fractional, e.g. 0.5): choosing the best promotion compares points with money at this value */
            point_value?: number;
            /** @description Most a brand's lines may be discounted by all promotions together, in percent of their amount; brands not named are uncapped */
            brand_discount_caps?: {
                [key: string]: number;
            };
            /** @description Most promotions a program may have active at once */
            max_active_promotions?: number;
            /** @description Bonus on points transferred in from a partner platform, in whole percent, rounded down (10: 1,000 points credit 1,100; 15 credit 16); 0 turns it off */
            partner_transfer_bonus_percent?: number;
        };
        PromotionEffectInput: {
            /** @constant */
            type: "percent_off";
            /** @description Percent off each eligible line */
            percent: number;
        } | {
            /** @constant */
            type: "amount_off";
            /** @description Money off, spread over the eligible lines in proportion to their amounts */
            amount: components["schemas"]["MoneyInput"];
        } | {
            /** @constant */
            type: "points_multiplier";
            /** @description Points of the eligible lines are multiplied by this */
            multiplier: number;
        } | {
            /** @constant */
            type: "points_bonus";
            points: number;
        } | {
            /** @constant */
            type: "issue_code";
            /**
             * @description The promotion the issued code unlocks (it should have conditions.requires_code)
             * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            promotion_id: string;
            /** @description The code is valid this many days from the purchase */
            valid_days: number;
        } | {
            /** @constant */
            type: "gift";
            /** @description The non-monetary reward, recorded on the purchase */
            gift: string;
        } | {
            /** @constant */
            type: "bundle";
            /** @description What must be bought together; every complete set gets the bundle price */
            items: {
                sku?: string;
                category?: string;
                /** @default 1 */
                quantity: number;
            }[];
            /** @description Fixed price of one complete set */
            price?: components["schemas"]["MoneyInput"];
            /** @description Or percent off one complete set */
            percent_off?: number;
        } | {
            /** @constant */
            type: "buy_x_get_y";
            /** @description Units to pay for in each group */
            buy: number;
            /** @description Units discounted in each group: the cheapest of the group */
            get: number;
            /**
             * @description Discount on the Y units (100: free)
             * @default 100
             */
            percent_off: number;
        };
        PromotionConditionsInput: {
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            starts_at?: string;
            /**
             * Format: date-time
             * @description Exclusive end
             */
            ends_at?: string;
            /** @description ISO days (1 = Monday) in the program time zone */
            days_of_week?: number[];
            /** @description Local time of day, from inclusive to exclusive; from > to spans midnight */
            hours?: {
                from: string;
                to: string;
            };
            /** @description The eligible lines must come to at least this (converted at the rate sets in force) */
            min_amount?: components["schemas"]["MoneyInput"];
            stores?: string[];
            channels?: string[];
            tiers?: string[];
            /** @description Only the member's first purchase, within this many hours of enrolment */
            first_purchase_within_hours?: number;
            /** @description Only within this many local days either side of the birthday */
            birthday_window_days?: number;
            purchase_count?: {
                /** @description Earlier purchases (not fully returned) in the window, this one not counted */
                more_than: number;
                within_days: number;
            };
            login_streak?: {
                /** @description Logins (activity type login) on this many consecutive local days this ISO week */
                days: number;
                /** @description Purchases in this ISO week, this one included */
                purchases_in_week: number;
            };
            /**
             * @description Applies only when the purchase presents one of its promo codes
             * @default false
             */
            requires_code: boolean;
        };
        PromotionLimitsInput: {
            /** @description Uses per member, ever */
            per_member?: number;
            /** @description Uses per member per local day, ISO week, month, quarter or year */
            per_member_period?: {
                uses: number;
                /** @enum {string} */
                period: "day" | "week" | "month" | "quarter" | "year";
            };
            total_uses?: number;
            budget?: {
                /** @description Money the discounts may total */
                amount: components["schemas"]["MoneyInput"];
            } | {
                /** @description Points the promotion may award */
                points: number;
            };
        };
        /**
         * @example {
         *       "name": "Weekend 10 % off shoes",
         *       "effect": {
         *         "type": "percent_off",
         *         "percent": 10
         *       },
         *       "scope": {
         *         "categories": [
         *           "shoes"
         *         ]
         *       },
         *       "conditions": {
         *         "days_of_week": [
         *           6,
         *           7
         *         ]
         *       }
         *     }
         */
        PromotionCreate: {
            name: string;
            /** @default null */
            description: string | null;
            /**
             * @default active
             * @enum {string}
             */
            status: "active" | "paused" | "ended";
            /**
             * @default visible
             * @enum {string}
             */
            visibility: "visible" | "technical";
            /** @default false */
            stackable: boolean;
            /**
             * @description Breaks ties between promotions worth the same: higher first, then the older id
             * @default 0
             */
            priority: number;
            effect: components["schemas"]["PromotionEffectInput"];
            /** @default {} */
            scope: components["schemas"]["PromotionScope"];
            /**
             * @default {
             *       "requires_code": false
             *     }
             */
            conditions: components["schemas"]["PromotionConditionsInput"];
            /** @default {} */
            limits: components["schemas"]["PromotionLimitsInput"];
        };
        /**
         * @example {
         *       "status": "paused"
         *     }
         */
        PromotionPatch: {
            name?: string;
            description?: string | null;
            /** @enum {string} */
            status?: "active" | "paused" | "ended";
            /** @enum {string} */
            visibility?: "visible" | "technical";
            stackable?: boolean;
            priority?: number;
            effect?: components["schemas"]["PromotionEffectInput"];
            scope?: components["schemas"]["PromotionScope"];
            conditions?: components["schemas"]["PromotionConditionsInput"];
            limits?: components["schemas"]["PromotionLimitsInput"];
        };
        /**
         * @example {
         *       "amount": 2450,
         *       "currency": "AZN"
         *     }
         */
        Money: {
            /** @description Integer amount in minor units (cents, qapik), at most 1000000000000 */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
        };
        /**
         * @example {
         *       "amount": 0,
         *       "currency": "AZN"
         *     }
         */
        MoneyOrZero: {
            /** @description Integer amount in minor units, may be 0 */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
        };
        Entry: {
            /** @enum {string} */
            account: "available" | "pending" | "held" | "debt" | "issued" | "redeemed" | "expired" | "adjustments" | "converted" | "decayed";
            /** @description Signed points: positive into the account, negative out of it */
            amount: number;
        };
        /** @description A ledger transaction: one schema per transaction type, whose `data` holds that type's figures. */
        Transaction: components["schemas"]["EarnTransaction"] | components["schemas"]["BonusTransaction"] | components["schemas"]["ReturnTransaction"] | components["schemas"]["RedeemTransaction"] | components["schemas"]["ReversalTransaction"] | components["schemas"]["HoldTransaction"] | components["schemas"]["CaptureTransaction"] | components["schemas"]["VoidTransaction"] | components["schemas"]["HoldExpireTransaction"] | components["schemas"]["AdjustTransaction"] | components["schemas"]["MatureTransaction"] | components["schemas"]["ExpireTransaction"] | components["schemas"]["DebtPaymentTransaction"] | components["schemas"]["BenefitTransaction"] | components["schemas"]["ConvertTransaction"] | components["schemas"]["RenewTransaction"] | components["schemas"]["DecayTransaction"] | components["schemas"]["ExtendTransaction"] | components["schemas"]["PartnerTransferTransaction"];
        /** @description A ledger transaction: one schema per transaction type, whose `data` holds that type's figures. */
        TransactionDetail: components["schemas"]["EarnTransactionDetail"] | components["schemas"]["BonusTransactionDetail"] | components["schemas"]["ReturnTransactionDetail"] | components["schemas"]["RedeemTransactionDetail"] | components["schemas"]["ReversalTransactionDetail"] | components["schemas"]["HoldTransactionDetail"] | components["schemas"]["CaptureTransactionDetail"] | components["schemas"]["VoidTransactionDetail"] | components["schemas"]["HoldExpireTransactionDetail"] | components["schemas"]["AdjustTransactionDetail"] | components["schemas"]["MatureTransactionDetail"] | components["schemas"]["ExpireTransactionDetail"] | components["schemas"]["DebtPaymentTransactionDetail"] | components["schemas"]["BenefitTransactionDetail"] | components["schemas"]["ConvertTransactionDetail"] | components["schemas"]["RenewTransactionDetail"] | components["schemas"]["DecayTransactionDetail"] | components["schemas"]["ExtendTransactionDetail"] | components["schemas"]["PartnerTransferTransactionDetail"];
        Balance: {
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /** @description Spendable now */
            available: number;
            /** @description Earned, spendable after the return window */
            pending: number;
            /** @description Reserved by open holds */
            held: number;
            /** @description Owed after a return clawed back more than was there; paid from later earnings */
            debt: number;
            lifetime: {
                earned: number;
                redeemed: number;
                expired: number;
            };
            tier: {
                name: string;
                /** @description Points earned in the rolling window (returns deducted) */
                qualifying_points: number;
                next_tier: string | null;
                points_to_next: number | null;
            } | null;
            /** @description Points expiring in the next 30 days, by date in the program time zone */
            expiring: {
                date: string;
                points: number;
            }[];
            version: number;
        };
        MemberBalance: {
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /** @description Spendable now */
            available: number;
            /** @description Earned, spendable after the return window */
            pending: number;
            /** @description Reserved by open holds */
            held: number;
            /** @description Owed after a return clawed back more than was there; paid from later earnings */
            debt: number;
            lifetime: {
                earned: number;
                redeemed: number;
                expired: number;
            };
            tier: {
                name: string;
                /** @description Points earned in the rolling window (returns deducted) */
                qualifying_points: number;
                next_tier: string | null;
                points_to_next: number | null;
            } | null;
            /** @description Points expiring in the next 30 days, by date in the program time zone */
            expiring: {
                date: string;
                points: number;
            }[];
            version: number;
            /** @description The available points at the program's point_value, in minor units of its home currency (exact, rounded half away from zero once) */
            value: {
                amount: number;
                currency: string;
            };
        };
        WalletEntry: {
            /**
             * @description A money account of one currency: wallet_available and wallet_held are the member's; wallet_issued, wallet_spent and wallet_expired the system's
             * @example wallet_available:USD
             */
            account: string;
            /** @description Signed minor units: positive into the account, negative out of it */
            amount: number;
        };
        WalletTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /** @enum {string} */
            type: "wallet_credit" | "wallet_debit" | "wallet_hold" | "wallet_capture" | "wallet_void" | "wallet_hold_expire" | "wallet_expire" | "wallet_reversal";
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /** @description The money moved */
            amount: components["schemas"]["Money"];
            /** @description The credit, debit or hold it created */
            resource_id: string | null;
            /** @description The hold it captured, voided or expired */
            ref_id: string | null;
            /** @description The receipt id, for debits */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction (one sequence with points) */
            version: number;
            data: {
                [key: string]: unknown;
            };
            entries: components["schemas"]["WalletEntry"][];
        };
        WalletBalance: {
            /** @description ISO 4217 currency code */
            currency: string;
            /** @description Minor units the member can spend or have held */
            available: number;
            /** @description Minor units reserved by open holds */
            held: number;
            /** @description Money expiring in the next 30 days, by date in the program time zone */
            expiring: {
                date: string;
                amount: number;
            }[];
        };
        Wallet: {
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /** @description One per currency the member holds or held */
            balances: components["schemas"]["WalletBalance"][];
        };
        WalletCredit: {
            /**
             * @description Wallet credit id (TypeID with prefix wcr_)
             * @example wcr_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            amount: components["schemas"]["Money"];
            reason: string;
            /** @description The lot the credit became */
            lot_id: string;
            /** @description When the money expires; null: never */
            expires_at: string | null;
        };
        WalletDebit: {
            /**
             * @description Wallet debit id (TypeID with prefix wdb_)
             * @example wdb_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            amount: components["schemas"]["Money"];
            receipt_id: string;
        };
        WalletHold: {
            /**
             * @description Wallet hold id (TypeID with prefix whl_)
             * @example whl_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            /** @description The money reserved */
            amount: components["schemas"]["Money"];
            /** @description Minor units captured (the rest was released); null until captured */
            captured: number | null;
            /** @enum {string} */
            status: "active" | "captured" | "voided" | "expired";
            reason: string | null;
            expires_at: string;
            created_at: string;
            closed_at: string | null;
        };
        WalletReversal: {
            /**
             * @description Wallet reversal id (TypeID with prefix wrv_)
             * @example wrv_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            debit_id: string;
            member_id: string;
            /** @description The money given back */
            amount: components["schemas"]["Money"];
            /** @description Minor units of the debit that can still be reversed */
            remaining_reversible: number;
            reason: string | null;
        };
        WalletCredited: {
            transaction: components["schemas"]["WalletTransaction"];
            wallet: components["schemas"]["WalletBalance"];
            credit: components["schemas"]["WalletCredit"];
        };
        WalletDebited: {
            transaction: components["schemas"]["WalletTransaction"];
            wallet: components["schemas"]["WalletBalance"];
            debit: components["schemas"]["WalletDebit"];
        };
        WalletReversed: {
            transaction: components["schemas"]["WalletTransaction"];
            wallet: components["schemas"]["WalletBalance"];
            reversal: components["schemas"]["WalletReversal"];
        };
        WalletHoldResult: {
            transaction: components["schemas"]["WalletTransaction"];
            wallet: components["schemas"]["WalletBalance"];
            hold: components["schemas"]["WalletHold"];
        };
        ProgramSettings: {
            /** @description IANA time zone for day and month boundaries */
            timezone: string;
            /** @description Currency withdrawal limits are counted in */
            home_currency: string;
            /** @description Points per 1 unit of each currency, before any rate set */
            earn_rates: {
                [key: string]: number;
            };
            /**
             * @description How fractional points and money round
             * @enum {string}
             */
            rounding: "floor" | "round" | "ceil";
            /** @description Return window before earned points become spendable */
            pending_days: number;
            /** @description Lot lifetime once spendable */
            validity_months: number;
            /**
             * @description debt: points that cannot be clawed back become a debt paid from later earnings; clamp: claw back only what is there
             * @enum {string}
             */
            return_policy: "debt" | "clamp";
            /** @description Default lifetime of a hold */
            hold_ttl_minutes: number;
            /** @description Review period, in months, of a currency rate_locks does not name */
            rate_lock_months: number;
            /** @description Each currency's review period: a rate set may change a currency's rate only once this long has passed since the rate last changed */
            rate_locks: {
                [key: string]: {
                    /** @default 0 */
                    months: number;
                    /** @default 0 */
                    days: number;
                };
            };
            /** @description Bonus points per purchase in a currency whose rate rose at least threshold_percent over the previous set */
            rise_bonus: {
                threshold_percent: number;
                points: number;
            };
            /** @description Converting points to money (withdrawal) and money to points */
            conversion: {
                /** @description Fee in basis points; below 50 (0.5 %) */
                fee_bps: number;
                /** @description Deprecated: the former name of currency_caps, still accepted; a value given here is stored as currency_caps */
                caps?: {
                    [key: string]: number;
                };
            };
            /** @description Most base points one money→points conversion in a currency yields: a purchase earns at most this many base points, a conversion (either way) involving more is refused. Currencies not named are uncapped. */
            currency_caps: {
                [key: string]: number;
            };
            /** @description Per member, in minor units of the home currency, summed at each withdrawal rate */
            withdrawal_limits: {
                per_day: number | null;
                per_month: number | null;
            };
            /** @description VIP levels by qualifying points: the first starts at 0, thresholds strictly increase, names are unique */
            tiers: {
                name: string;
                /** @description Qualifying points needed */
                threshold: number;
                /** @description Earn multiplier on purchases */
                multiplier: number;
                /** @description Points paid by the tier-benefits job, at most once per member per period */
                benefit: {
                    points: number;
                    /** @enum {string} */
                    period: "active_day" | "week" | "month";
                } | null;
                /**
                 * @description Members of this tier earn past the program's earn caps (earn_limits); the velocity rule still applies
                 * @default false
                 */
                caps_exempt: boolean;
            }[];
            /** @description Qualifying points are points earned in this rolling window */
            tier_window_months: number;
            /** @description Tiers a member may drop at one review */
            tier_downgrade_steps: number;
            /** @description Caps in points; null means no cap. Days and months are in the program time zone. */
            earn_limits: {
                per_transaction: number | null;
                per_day: number | null;
                per_month: number | null;
            };
            /** @description Caps in points; null means no cap. Days and months are in the program time zone. */
            redeem_limits: {
                per_transaction: number | null;
                per_day: number | null;
                per_month: number | null;
            };
            /** @description A member with more transactions, or more points moved, in the sliding window is blocked; null turns it off */
            velocity: {
                window_minutes: number;
                max_transactions: number;
                max_points: number;
            } | null;
            /** @description points.expiring is raised this long before a lot expires, once per member and expiry date */
            expiry_warning_hours: number;
            /** @description For this long after points expire they can be renewed, once; 0 turns renewal off */
            renewal_window_hours: number;
            /** @description The first completed task of a day extends the member's soonest-expiring points by this many days; 0 turns it off */
            task_extension_days: number;
            /** @description Inactivity decay; null turns it off */
            inactivity_decay: {
                /** @description Days without activity or purchase per decay period */
                after_days: number;
                /** @description Share of the available balance deducted per period (rounded down) */
                percent: number;
            } | null;
            /** @description Birthday notices; null turns them off. 29 February birthdays fall on 28 February in common years. */
            birthday: {
                /** @description member.birthday_upcoming is raised this many local days before the birthday */
                days_before: number;
                /** @description How long after the birthday the offer stays valid (in the event) */
                offer_valid_days: number;
            } | null;
            /** @description Win-back milestones; null turns them off */
            win_back: {
                /** @description First member.inactive after this many days without a purchase */
                first_days: number;
                /** @description Later member.inactive milestones, in months without a purchase */
                months: number[];
                /** @description After this many months without a purchase the member is marked lost */
                lost_after_months: number;
            } | null;
            /** @description What one point is worth to the customer, in minor units of home_currency (may be fractional, e.g. 0.5): choosing the best promotion compares points with money at this value */
            point_value: number;
            /** @description Most a brand's lines may be discounted by all promotions together, in percent of their amount; brands not named are uncapped */
            brand_discount_caps: {
                [key: string]: number;
            };
            /** @description Most promotions a program may have active at once */
            max_active_promotions: number;
            /** @description Bonus on points transferred in from a partner platform, in whole percent, rounded down (10: 1,000 points credit 1,100; 15 credit 16); 0 turns it off */
            partner_transfer_bonus_percent: number;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            /** @description A URI naming the problem type */
            type: string;
            title: string;
            status: number;
            detail: string;
            /**
             * @description Stable machine-readable code, e.g. insufficient_points
             * @enum {string}
             */
            code: "validation_failed" | "malformed_json" | "bad_request" | "unauthenticated" | "forbidden" | "operator_disabled" | "route_not_found" | "program_not_found" | "api_key_not_found" | "member_not_found" | "purchase_not_found" | "redemption_not_found" | "debit_not_found" | "hold_not_found" | "webhook_not_found" | "promotion_not_found" | "promo_code_not_found" | "webhook_delivery_not_found" | "gift_card_not_found" | "method_not_allowed" | "member_not_pending" | "member_exists" | "duplicate_receipt" | "hold_captured" | "hold_voided" | "hold_expired" | "nothing_to_renew" | "already_renewed" | "renewal_window_closed" | "rate_locked" | "promo_code_taken" | "delivery_in_progress" | "too_many_active_promotions" | "limit_below_used" | "partner_transfer_mismatch" | "quote_expired" | "quote_changed" | "purchase_returned" | "gift_card_expired" | "gift_card_empty" | "cursor_expired" | "payload_too_large" | "unsupported_media_type" | "invalid_settings" | "invalid_promotion" | "invalid_preset_params" | "insufficient_funds" | "gift_card_exceeds_purchase" | "insufficient_points" | "member_pending" | "otp_invalid" | "otp_expired" | "member_deactivated" | "return_exceeds_purchase" | "lines_amount_mismatch" | "duplicate_line_sku" | "return_amount_or_lines" | "unknown_line" | "return_exceeds_line" | "return_amount_zero" | "currency_mismatch" | "reversal_exceeds_redemption" | "reversal_exceeds_debit" | "capture_exceeds_hold" | "idempotency_key_reused" | "limit_exceeded" | "balance_limit_exceeded" | "amount_too_large" | "conversion_too_small" | "unsupported_currency" | "member_phone_unknown" | "member_phone_ambiguous" | "promo_code_invalid" | "duplicate_promo_code" | "quote_not_found" | "quote_mismatch" | "invalid_period" | "simulation_too_large" | "simulation_timeout" | "as_of_out_of_range" | "as_of_in_future" | "member_blocked" | "rate_limited" | "otp_rate_limited" | "internal_error" | "overloaded" | "analytics_timeout" | "as_of_not_yet" | "database_unavailable";
            instance?: string;
            request_id?: string;
            errors?: {
                /** @description JSON Pointer to the offending field */
                pointer: string;
                /** @enum {string} */
                location?: "body" | "query" | "path" | "header";
                message: string;
            }[];
            /** @description insufficient_points: points available */
            available?: number;
            /** @description insufficient_points: points requested */
            requested?: number;
            /** @description limit_exceeded: which limit (e.g. daily_earn, withdrawal_month); limit_below_used: total_uses or budget */
            limit?: string;
            /** @description limit_below_used: what is left of the limit, not handed out yet */
            left?: number;
            /** @description too_many_active_promotions: the setting */
            max_active_promotions?: number;
            /** @description too_many_active_promotions: the active promotions the program has */
            active?: number;
            /** @description limit_exceeded: the limit, in points or (with currency) minor units */
            cap?: number;
            /** @description limit_exceeded: what the limit still allows, in the unit of cap */
            remaining?: number;
            /** @description limit_exceeded on money limits, currency_mismatch: the currency */
            currency?: string;
            /** @description balance_limit_exceeded: the maximum of a balance figure */
            max_balance?: number;
            /** @description reversal_exceeds_redemption: points that can still be reversed */
            reversible?: number;
            /** @description capture_exceeds_hold: points the hold holds */
            held?: number;
            /** @description The member concerned (member_exists: the existing member) */
            member_id?: string;
            /** @description purchase_not_found: the id asked for */
            purchase_id?: string;
            /** @description redemption_not_found: the id asked for */
            redemption_id?: string;
            /** @description hold_not_found: the id asked for */
            hold_id?: string;
            /** @description duplicate_receipt: the receipt already recorded */
            receipt_id?: string;
            /** @description unknown_line, return_exceeds_line, duplicate_line_sku: the sku concerned */
            sku?: string;
            /** @description return_exceeds_line: units of the line left to return */
            returnable_quantity?: number;
            /** @description lines_amount_mismatch: what the lines sum to, in minor units */
            lines_amount?: number;
            /** @description member_blocked: the rule that blocked the member (e.g. velocity) */
            rule?: string;
            /** @description member_blocked: why the rule blocked the member; otp_expired: none, expired, used or tries_exhausted */
            reason?: string;
            /** @description otp_invalid: wrong codes the one-time password still takes before it dies */
            attempts_left?: number;
            /** @description member_not_pending: the member's status */
            member_status?: string;
            /**
             * Format: date-time
             * @description renewal_window_closed: when the points expired
             */
            expired_at?: string;
            /**
             * Format: date-time
             * @description renewal_window_closed: when the window closed
             */
            window_closed_at?: string;
            /**
             * Format: date-time
             * @description as_of_in_future, as_of_out_of_range: the latest as_of accepted
             */
            latest?: string;
            /** @description rate_limited, otp_rate_limited, overloaded: seconds to wait (also in Retry-After) */
            retry_after?: number;
        } & {
            [key: string]: unknown;
        };
        Simulation: {
            from: string;
            to: string;
            purchases: {
                in_period: number;
                replayed: {
                    baseline: number;
                    simulated: number;
                };
                /** @description Purchases the ledger refused in the replay (a cap, velocity, a blocked member) */
                refused: {
                    baseline: number;
                    simulated: number;
                };
            };
            /** @description Earn and rate-rise bonus points of the period's purchases */
            points_issued: {
                baseline: number;
                simulated: number;
                difference: number;
            };
            /** @description Points outstanding at `to` (the real figure, shifted by what the changed settings change) */
            liability_at_end: {
                baseline: {
                    points: number;
                    /** @description points × point_value, in minor units */
                    value: number;
                    currency: string;
                };
                simulated: {
                    points: number;
                    /** @description points × point_value, in minor units */
                    value: number;
                    currency: string;
                };
                difference: {
                    points: number;
                };
            };
            /** @description Members per tier at `to` */
            tier_counts: {
                [key: string]: {
                    baseline: number;
                    simulated: number;
                    difference: number;
                };
            };
            /** @description Points issued per tier (at `to`) and per member branch */
            breakdown: {
                tier: {
                    [key: string]: {
                        baseline: number;
                        simulated: number;
                        difference: number;
                    };
                };
                branch: {
                    [key: string]: {
                        baseline: number;
                        simulated: number;
                        difference: number;
                    };
                };
            };
            elapsed_ms: number;
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        Purchase: {
            /**
             * @description Purchase id (TypeID with prefix pur_)
             * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            receipt_id: string;
            amount: components["schemas"]["Money"];
            store_id: string | null;
            /** @description Points earned: money x rate, times the tier multiplier */
            points: number;
            /** @description Points before the tier multiplier */
            base_points?: number;
            /** @description Points per 1 unit of the currency at occurred_at */
            rate?: number;
            rate_set_id?: string | null;
            /** @description Points that went to paying off a debt instead of the balance */
            debt_paid: number;
            lot: {
                id: string;
                points: number;
                matures_at: string;
                expires_at: string;
            } | null;
            occurred_at: string;
            /** @description The lines of the purchase, when it was recorded with lines */
            lines?: {
                sku: string;
                brand: string | null;
                category: string | null;
                /** @description Units bought */
                quantity: number;
                /** @description Price of one unit, minor units */
                unit_price: number;
                /** @description What the line costs before discounts, minor units; the lines sum to the purchase amount */
                amount: number;
            }[];
            /** @description What the purchase's promotions took off (present when the program has promotions) */
            discount?: components["schemas"]["MoneyOrZero"];
            /** @description amount - discount: what the customer paid, and what the points were earned on */
            net_amount?: components["schemas"]["MoneyOrZero"];
            promotions?: {
                applied: {
                    /**
                     * @description Promotion id (TypeID with prefix prm_)
                     * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    promotion_id: string;
                    name: string;
                    /**
                     * @description technical promotions apply silently: tills need not show them
                     * @enum {string}
                     */
                    visibility: "visible" | "technical";
                    effect_type: string;
                    /** @description Money off, minor units of the purchase's currency */
                    discount: number;
                    /** @description Extra points beyond those of the net amount */
                    points: number;
                    gift: string | null;
                    /** @description The promo code that unlocked it */
                    code: string | null;
                }[];
                lines: {
                    /** @description 0-based position of the line in the request (the implicit line of a purchase without lines is 0) */
                    line_no: number;
                    sku: string;
                    amount: number;
                    discount: number;
                    net_amount: number;
                    applied: {
                        promotion_id: string;
                        discount: number;
                        points: number;
                    }[];
                }[];
                /** @description The applied promotions' points, on top of the net amount's */
                extra_points: number;
            };
            /** @description Codes its promotions issued for a later purchase */
            issued_codes?: {
                code: string;
                /** @description The promotion the code unlocks */
                promotion_id: string;
                member_id: string;
                max_uses: number;
                valid_from: string;
                valid_until: string;
                issued_by_purchase: string;
            }[];
            /** @description The quote it committed, if any */
            quote_id?: string | null;
        };
        Return: {
            /**
             * @description Return id (TypeID with prefix ret_)
             * @example ret_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            purchase_id: string;
            member_id: string;
            receipt_id: string;
            amount: components["schemas"]["Money"];
            /** @description Points this return claws back, in proportion to the purchase */
            points: number;
            clawed_from_purchase: number;
            clawed_from_balance: number;
            /** @description What could not be clawed back and became a debt (debt policy) */
            debt: number;
            /** @description What could not be clawed back and was dropped (clamp policy) */
            forgiven: number;
            /** @description The lines returned, when the return named lines instead of an amount */
            lines?: {
                sku: string;
                /** @description Units returned now */
                quantity: number;
                /** @description This return's share of the line's amount, minor units */
                amount: number;
                /** @description Units of the line returned so far, this return included */
                returned_quantity: number;
                /** @description Minor units of the line returned so far; every unit returned is exactly the line's amount */
                returned_amount: number;
            }[];
            /** @description Promotions of the purchase that what remains of it no longer qualifies for */
            promotions_revoked?: {
                promotion_id: string;
                /** @description Its extra points, clawed back whole */
                points: number;
                issued_code: string | null;
                /** @description true: the unused code it issued was revoked; false: it was used, and its value clawed back */
                code_revoked: boolean | null;
                /** @description The used code's discount, in points at point_value, clawed back */
                code_value_points: number;
            }[];
        };
        Redemption: {
            /**
             * @description Redemption id (TypeID with prefix red_)
             * @example red_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            points: number;
            reversed: number;
            reason: string | null;
            store_id: string | null;
            created_at: string;
        };
        Reversal: {
            /**
             * @description Reversal id (TypeID with prefix rev_)
             * @example rev_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            redemption_id: string;
            member_id: string;
            points: number;
            remaining_reversible: number;
        };
        Hold: {
            /**
             * @description Hold id (TypeID with prefix hld_)
             * @example hld_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            points: number;
            captured: number | null;
            /** @enum {string} */
            status: "active" | "captured" | "voided" | "expired";
            expires_at: string;
            created_at: string;
            closed_at?: string | null;
        };
        Adjustment: {
            /**
             * @description Adjustment id (TypeID with prefix adj_)
             * @example adj_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            /** @description Positive: credit; negative: debit */
            points: number;
            reason: string;
            lot_id: string | null;
        };
        PartnerTransfer: {
            /**
             * @description Partner transfer id (TypeID with prefix ptr_)
             * @example ptr_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            /** @description The platform the points came from */
            partner: string;
            /** @description The partner's id for the transfer: once per program and partner */
            external_id: string;
            /** @description Points the partner transferred */
            points: number;
            /** @description The program's bonus on them (partner_transfer_bonus_percent), rounded down */
            bonus: number;
            /** @description points + bonus: what the member was credited */
            credited: number;
            /** @description The lot the credit became (null when an open debt took it all) */
            lot_id: string | null;
            occurred_at: string;
        };
        /** @description The tier changed in this request */
        TierChange: {
            from: string;
            to: string;
            qualifying_points: number;
        };
        PurchaseRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            purchase: components["schemas"]["Purchase"];
            /** @description The rate-rise bonus, a separate ledger transaction */
            bonus?: components["schemas"]["Transaction"];
            tier_change?: components["schemas"]["TierChange"];
        };
        PurchaseQuote: {
            /**
             * @description Quote id (TypeID with prefix qte_)
             * @example qte_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            quote_id: string;
            /** @description Commit it with POST /v1/purchases before this */
            expires_at: string;
            member_id: string;
            amount: components["schemas"]["Money"];
            discount: components["schemas"]["MoneyOrZero"];
            net_amount: components["schemas"]["MoneyOrZero"];
            points: {
                /** @description The net amount's points, times the member's tier multiplier */
                base: number;
                /** @description The promotions' points */
                extra: number;
                total: number;
            };
            applied: {
                /**
                 * @description Promotion id (TypeID with prefix prm_)
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                promotion_id: string;
                name: string;
                /**
                 * @description technical promotions apply silently: tills need not show them
                 * @enum {string}
                 */
                visibility: "visible" | "technical";
                effect_type: string;
                /** @description Money off, minor units of the purchase's currency */
                discount: number;
                /** @description Extra points beyond those of the net amount */
                points: number;
                gift: string | null;
                /** @description A code this purchase would issue for a later one */
                issue_code: {
                    promotion_id: string;
                    valid_until: string;
                } | null;
            }[];
            /** @description Promotions that apply to no line, with the first reason */
            rejected: {
                promotion_id: string;
                /**
                 * @description Why the promotion does not apply (here)
                 * @enum {string}
                 */
                reason: "not_started" | "ended" | "paused" | "day_of_week" | "hours" | "min_amount" | "store" | "channel" | "tier" | "not_first_purchase" | "enrolment_window" | "birthday_window" | "purchase_count" | "login_streak" | "code_required" | "no_eligible_lines" | "per_member_limit" | "per_member_period_limit" | "total_uses_exhausted" | "budget_exhausted" | "currency" | "bundle_incomplete" | "not_enough_units" | "better_promotion" | "brand_cap";
            }[];
            lines: {
                /** @description 0-based position of the line in the request (the implicit line of a purchase without lines is 0) */
                line_no: number;
                sku: string;
                amount: number;
                discount: number;
                net_amount: number;
                applied: {
                    promotion_id: string;
                    discount: number;
                    points: number;
                }[];
                rejected: {
                    promotion_id: string;
                    /**
                     * @description Why the promotion does not apply (here)
                     * @enum {string}
                     */
                    reason: "not_started" | "ended" | "paused" | "day_of_week" | "hours" | "min_amount" | "store" | "channel" | "tier" | "not_first_purchase" | "enrolment_window" | "birthday_window" | "purchase_count" | "login_streak" | "code_required" | "no_eligible_lines" | "per_member_limit" | "per_member_period_limit" | "total_uses_exhausted" | "budget_exhausted" | "currency" | "bundle_incomplete" | "not_enough_units" | "better_promotion" | "brand_cap";
                }[];
            }[];
        };
        ApiKey: {
            /**
             * @description API key id (TypeID with prefix key_)
             * @example key_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            name: string | null;
            /**
             * @description admin: configure; pos: members and ledger writes; read: reads only
             * @enum {string}
             */
            role: "admin" | "pos" | "read";
            /** @description The first characters of the secret */
            secret_hint: string;
            created_at: string;
            revoked_at: string | null;
        };
        ApiKeyIssued: {
            /**
             * @description API key id (TypeID with prefix key_)
             * @example key_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            name: string | null;
            /**
             * @description admin: configure; pos: members and ledger writes; read: reads only
             * @enum {string}
             */
            role: "admin" | "pos" | "read";
            /** @description The first characters of the secret */
            secret_hint: string;
            created_at: string;
            revoked_at: string | null;
            /** @description The key itself. Shown only in this response; only a hash is stored. */
            secret: string;
        };
        Program: {
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            name: string;
            settings: components["schemas"]["ProgramSettings"];
            created_at: string;
            updated_at: string;
        };
        Member: {
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /** @description 8-digit loyalty ID, unique in the program */
            loyalty_id: string;
            external_ref: string | null;
            /**
             * @description pending: enrolled with verification "otp", phone not verified yet (no earning or spending)
             * @enum {string}
             */
            status: "pending" | "active" | "blocked" | "deactivated";
            status_reason: string | null;
            name: string | null;
            phone: string | null;
            email: string | null;
            birth_date: string | null;
            gender: string | null;
            branch: string | null;
            /** @description The channel the member enrolled through; null when enrollment did not say */
            source: ("pos" | "web" | "app" | "link" | "qr" | "operator") | null;
            created_at: string;
            updated_at: string;
        };
        /** @description A verification code was issued; member.otp_requested carries it to the integrator's SMS provider */
        OtpRequest: {
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /** @description When the new code stops working */
            expires_at: string;
            /** @description Wrong codes allowed before the code dies */
            max_attempts: number;
        };
        MemberCard: {
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /** @description 8-digit loyalty ID, unique in the program */
            loyalty_id: string;
            external_ref: string | null;
            /**
             * @description pending: enrolled with verification "otp", phone not verified yet (no earning or spending)
             * @enum {string}
             */
            status: "pending" | "active" | "blocked" | "deactivated";
            status_reason: string | null;
            name: string | null;
            phone: string | null;
            email: string | null;
            birth_date: string | null;
            gender: string | null;
            branch: string | null;
            /** @description The channel the member enrolled through; null when enrollment did not say */
            source: ("pos" | "web" | "app" | "link" | "qr" | "operator") | null;
            created_at: string;
            updated_at: string;
            /** @description Points now; GET /v1/members/{id}/balance has the full breakdown */
            balance: {
                available: number;
                pending: number;
                held: number;
                debt: number;
                version: number;
            };
            tier: {
                name: string;
                qualifying_points: number;
                next_tier: string | null;
                points_to_next: number | null;
            } | null;
            purchase_count: number;
            return_count: number;
            /** @description Purchases minus returns, per currency, in minor units */
            total_spent: {
                amount: number;
                currency: string;
            }[];
            /** @description Last purchase, spend or recorded activity (inactivity decay counts from it) */
            last_activity_at: string | null;
            /** @description Win-back milestones count from it */
            last_purchase_at: string | null;
            /** @description Set when the member passed the last win-back milestone; cleared by their next purchase */
            lost_at: string | null;
        };
        PromoCode: {
            /** @description The code, unique in the program: A-Z, 0-9 and -, 4 to 40 characters */
            code: string;
            /**
             * @description The promotion the code unlocks
             * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            promotion_id: string;
            /** @description The member the code is bound to (it works only for them); null: anyone */
            member_id: string | null;
            /** @description A PIN must be presented with the code (the PIN itself is never shown after issue) */
            has_pin: boolean;
            max_uses: number;
            uses: number;
            /** @description Not usable before this instant; null: from issue */
            valid_from: string | null;
            /** @description Not usable from this instant on; null: no end */
            valid_until: string | null;
            /**
             * @description active: usable now; scheduled: valid_from is ahead; expired: valid_until has passed; used_up: uses reached max_uses; locked: 5 wrong PINs; revoked: by an admin. The first that applies of revoked, locked, used_up, expired, scheduled.
             * @enum {string}
             */
            status: "active" | "scheduled" | "expired" | "used_up" | "locked" | "revoked";
            /** @description When the 5th wrong PIN locked it */
            locked_at: string | null;
            revoked_at: string | null;
            /** @description The batch it was issued in; null for a shared code */
            batch_id: string | null;
            /** @description The purchase whose promotion issued it; null when an admin issued it */
            issued_by_purchase: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            created_at: string;
        };
        AccountFigures: {
            available: number;
            pending: number;
            held: number;
            debt: number;
        };
        GiftCard: {
            /**
             * @description Gift card id (TypeID with prefix gcd_)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description The purchase that paid for the card
             * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            purchase_id: string;
            /**
             * @description active: spendable while it holds money; expired: past expires_at, what was left moved to gift_card_expired
             * @enum {string}
             */
            status: "active" | "expired";
            /** @description What the card was loaded with */
            loaded: components["schemas"]["Money"];
            /** @description What is left on it */
            balance: components["schemas"]["MoneyOrZero"];
            /** @description The bound phone, masked but for its last 4 digits: one-time passwords go there */
            phone: string;
            /** @description The last 4 characters of the code (the code itself is shown only when the card is issued) */
            code_hint: string;
            /** @description When money left on the card expires (null: never) */
            expires_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            created_at: string;
        };
        GiftCardTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /** @enum {string} */
            type: "gift_card_issue" | "gift_card_spend" | "gift_card_transfer" | "gift_card_expire";
            /**
             * @description Gift card id (TypeID with prefix gcd_)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            gift_card_id: string;
            /** @description The money moved */
            amount: components["schemas"]["Money"];
            /** @description The card (issue), spend (gcs_) or transfer (gct_) it created */
            resource_id: string | null;
            /** @description The purchase that paid for the card (issue) */
            ref_id: string | null;
            /** @description The receipt id (spend) */
            external_ref: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            occurred_at: string;
            /** @description The card's version after this transaction: 1, 2, 3... with no gaps */
            version: number;
            data: {
                [key: string]: unknown;
            };
            entries: {
                /**
                 * @description gift_card is the card's balance; gift_card_sold, gift_card_spent, gift_card_transferred and gift_card_expired the system's
                 * @example gift_card:AZN
                 */
                account: string;
                /** @description Signed minor units */
                amount: number;
            }[];
        };
        IssuedGiftCard: {
            gift_card: components["schemas"]["GiftCard"];
            /** @description The card code: shown here only (a replay of the request shows it again); the service keeps only its hash */
            code: string;
            transaction: components["schemas"]["GiftCardTransaction"];
        };
        GiftCardSpendResult: {
            spend: {
                /**
                 * @description Gift card spend id (TypeID with prefix gcs_)
                 * @example gcs_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                gift_card_id: string;
                amount: components["schemas"]["Money"];
                receipt_id: string;
            };
            gift_card: components["schemas"]["GiftCard"];
            transaction: components["schemas"]["GiftCardTransaction"];
        };
        GiftCardTransferResult: {
            transfer: {
                /**
                 * @description Gift card transfer id (TypeID with prefix gct_)
                 * @example gct_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                gift_card_id: string;
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id: string;
                amount: components["schemas"]["Money"];
                /**
                 * @description Wallet lot id (TypeID with prefix wlt_)
                 * @example wlt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                wallet_lot_id: string;
                /** @description The wallet lot's expiry: the card's */
                expires_at: string | null;
            };
            gift_card: components["schemas"]["GiftCard"];
            transaction: components["schemas"]["GiftCardTransaction"];
            /** @description The member's wallet credit (a WalletTransaction, data.reason gift_card) */
            wallet_transaction: {
                [key: string]: unknown;
            };
        };
        GiftCardStatement: {
            gift_card: components["schemas"]["GiftCard"];
            transactions: components["schemas"]["GiftCardTransaction"][];
        };
        GiftCardOtpRequest: {
            /**
             * @description Gift card id (TypeID with prefix gcd_)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            gift_card_id: string;
            /**
             * @description What the password authorises
             * @enum {string}
             */
            purpose: "spend" | "transfer";
            /** @description The masked phone the code goes to */
            phone: string;
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            expires_at: string;
            max_attempts: number;
        };
        Liability: {
            /** @description The instant the figures are as of: what the ledger had recorded by then */
            as_of: string;
            /** @description The program's home currency */
            currency: string;
            /** @description Minor units of the home currency one point is worth (settings.point_value, as now) */
            point_value: number;
            /** @description The points the program owes at as_of */
            totals: {
                available: number;
                pending: number;
                /** @description Reserved by open holds: out of their lots until captured, voided or expired */
                held: number;
                /** @description Owed by members (negative), as the trial balance carries it */
                debt: number;
                /** @description available + pending + held + debt: the trial balance's member accounts at as_of */
                outstanding: number;
                value: {
                    /** @description Minor units of the home currency at point_value (exact product, rounded half away from zero once) */
                    amount: number;
                    currency: string;
                };
            };
            /** @description Over every cohort */
            breakage: {
                issued: number;
                expired: number;
                /** @description expired ÷ issued, six decimal places */
                rate: number;
            };
            /** @description Oldest first; the cohorts add up to available + pending */
            by_cohort: {
                /** @description YYYY-MM: the month the lots were granted, in the program's time zone */
                cohort: string;
                /** @description Points granted in lots of the month */
                issued: number;
                /** @description Of those, still in the lots (available or pending) */
                outstanding: number;
                /** @description Of those, expired */
                expired: number;
                /** @description expired ÷ issued, six decimal places */
                breakage_rate: number;
                value: {
                    /** @description Minor units of the home currency at point_value (exact product, rounded half away from zero once) */
                    amount: number;
                    currency: string;
                };
            }[];
            /** @description Points still in lots by the month they expire, soonest first */
            by_expiry: {
                /** @description YYYY-MM the points expire in, in the program's time zone; null: never */
                expiry_month: string | null;
                points: number;
                value: {
                    /** @description Minor units of the home currency at point_value (exact product, rounded half away from zero once) */
                    amount: number;
                    currency: string;
                };
            }[];
        };
        RateSet: {
            /**
             * @description Rate set id (TypeID with prefix rts_)
             * @example rts_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /** @description Points per 1 unit of each currency */
            rates: {
                [key: string]: number;
            };
            effective_from: string;
            /** @description When the next set takes over; null while this is the latest */
            effective_to: string | null;
            /** @description Per currency: until when a later set may not change its rate (the currency's review period since the rate last changed) */
            locks: {
                [key: string]: string;
            };
            /** @description Until when it cannot be replaced whole: the latest of its locks */
            locked_until: string;
            created_at: string;
        };
        BalanceAfter: {
            /** @description Spendable now */
            available: number;
            /** @description Earned, spendable after the return window */
            pending: number;
            /** @description Reserved by open holds */
            held: number;
            /** @description Owed after a return clawed back more than was there */
            debt: number;
            /** @description The member's balance version after the transaction (equals transaction.version) */
            version: number;
        };
        /** @description `member.enrolled`: A member enrolled. */
        MemberEnrolledEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.enrolled";
            data: {
                member: components["schemas"]["Member"];
            };
        };
        /** @description `member.updated`: A member's profile changed, or their status changed other than by a block or an unblock (previous_status is then set). */
        MemberUpdatedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.updated";
            data: {
                member: components["schemas"]["Member"];
                /**
                 * @description Set when the status changed
                 * @enum {string}
                 */
                previous_status?: "pending" | "active" | "blocked" | "deactivated";
            };
        };
        /** @description `member.blocked`: A member was blocked: by an admin, or by the velocity rule (in a write or by the sweep). */
        MemberBlockedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.blocked";
            data: {
                member: components["schemas"]["Member"];
                /**
                 * @description The status before the block
                 * @enum {string}
                 */
                previous_status: "pending" | "active" | "blocked" | "deactivated";
            };
        };
        /** @description `member.unblocked`: A blocked member became active again. */
        MemberUnblockedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.unblocked";
            data: {
                member: components["schemas"]["Member"];
                /** @constant */
                previous_status: "blocked";
            };
        };
        /** @description `member.birthday_upcoming`: A member's birthday is `days_before` local days away (once per birthday). */
        MemberBirthdayUpcomingEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.birthday_upcoming";
            data: {
                /**
                 * Format: date
                 * @description YYYY-MM-DD
                 */
                birth_date: string;
                /**
                 * Format: date
                 * @description The coming anniversary (29 February falls on 28 February in common years)
                 */
                birthday: string;
                /** @description Local days from the notice to the birthday */
                days_before: number;
                /**
                 * Format: date
                 * @description First day of the birthday offer
                 */
                offer_valid_from: string;
                /**
                 * Format: date
                 * @description Last day of the birthday offer
                 */
                offer_valid_until: string;
            };
        };
        /** @description `member.inactive`: A member reached a win-back milestone without a purchase; the last milestone marks them lost. */
        MemberInactiveEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.inactive";
            data: {
                /**
                 * @description Days (d), months (m) or years (y) without a purchase: 60d, 9m, 12m, 15m and 3y by default
                 * @example 60d
                 * @example 9m
                 * @example 3y
                 */
                milestone: string;
                /**
                 * Format: date-time
                 * @description The last purchase, or enrollment
                 */
                inactive_since: string;
                /** @description The member is now considered lost (until their next purchase) */
                lost: boolean;
            };
        };
        /** @description `member.otp_requested`: A member enrolled with verification "otp", or asked for a new code (POST /v1/members/{id}/otp): send `otp` to `phone` by SMS; POST /v1/members/{id}/verify takes it back. The only event that carries a secret: the service keeps the code only hashed and gives it out nowhere else. The event feed (GET /v1/events) is open to read keys too, so whoever holds a read key can see live codes: give read keys only to systems trusted with them, or take codes from a webhook endpoint subscribed to this type. */
        MemberOtpRequestedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.otp_requested";
            data: {
                /** @description The one-time password, 6 digits (leading zeros kept): a secret, to be sent to the member and not logged */
                otp: string;
                /** @description The member's phone to send it to */
                phone: string | null;
                /**
                 * Format: date-time
                 * @description When the code stops working (5 minutes after issue)
                 */
                expires_at: string;
                /** @description Wrong codes allowed before the code dies */
                max_attempts: number;
            };
        };
        /** @description `member.verified`: A pending member became active: they presented their one-time password (POST /v1/members/{id}/verify), or an admin set them active. */
        MemberVerifiedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "member.verified";
            data: {
                member: components["schemas"]["Member"];
                /** @constant */
                previous_status: "pending";
            };
        };
        /** @description `points.earned`: Points were earned: a purchase (earn), a rate-rise bonus (bonus), a tier benefit (benefit) or points transferred in from a partner platform with their bonus (partner_transfer). */
        PointsEarnedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.earned";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: earn, bonus, benefit, partner_transfer
                     * @enum {string}
                     */
                    type: "earn" | "bonus" | "benefit" | "partner_transfer";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.returned`: A return clawed back points of its purchase. */
        PointsReturnedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.returned";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: return
                     * @enum {string}
                     */
                    type: "return";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.redeemed`: Points were redeemed. */
        PointsRedeemedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.redeemed";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: redeem
                     * @enum {string}
                     */
                    type: "redeem";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.reversed`: A redemption was reversed (all or part); the points came back. */
        PointsReversedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.reversed";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: reversal
                     * @enum {string}
                     */
                    type: "reversal";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.adjusted`: An admin credited or debited points by hand. */
        PointsAdjustedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.adjusted";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: adjust
                     * @enum {string}
                     */
                    type: "adjust";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.matured`: Pending points became spendable at the end of the return window. */
        PointsMaturedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.matured";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: mature
                     * @enum {string}
                     */
                    type: "mature";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.expiring`: Points will expire soon: `warning_hours` before the first lot of a local expiry date (once per member and date). */
        PointsExpiringEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.expiring";
            data: {
                /**
                 * Format: date
                 * @description The local date the points expire
                 */
                expires_on: string;
                /**
                 * Format: date-time
                 * @description When the first of them expires
                 */
                first_expires_at: string;
                /** @description Points expiring that day */
                points: number;
                /** @description How long before first_expires_at the warning is raised */
                warning_hours: number;
            };
        };
        /** @description `points.expired`: The unspent rest of a lot expired. */
        PointsExpiredEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.expired";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: expire
                     * @enum {string}
                     */
                    type: "expire";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.renewable`: Points that just expired can be renewed (POST /v1/members/{id}/renewals) until `renewable_until`: raised once per settlement that expired renewable points, after their points.expired events, when the program has a renewal window. */
        PointsRenewableEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.renewable";
            data: {
                /** @description The points of these expiries; renewing restores them, with any others expired within the window and not renewed yet */
                points: number;
                /** @description The expiry transactions (points.expired) these points left in */
                expire_transaction_ids: string[];
                /**
                 * Format: date-time
                 * @description When the first of them expired
                 */
                expired_at: string;
                /**
                 * Format: date-time
                 * @description expired_at plus renewal_window_hours: a renewal before this instant restores all of them (later, only those that expired less than the window before it)
                 */
                renewable_until: string;
                /** @description The program's renewal window */
                renewal_window_hours: number;
            };
        };
        /** @description `points.renewed`: Points that expired within the renewal window were restored, with a fresh validity. */
        PointsRenewedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.renewed";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: renew
                     * @enum {string}
                     */
                    type: "renew";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.decayed`: A share of the available balance was deducted for a period of inactivity. */
        PointsDecayedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.decayed";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: decay
                     * @enum {string}
                     */
                    type: "decay";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.extended`: A completed task extended the member's soonest-expiring points (no points move; transaction.data says which lots and to when). */
        PointsExtendedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.extended";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: extend
                     * @enum {string}
                     */
                    type: "extend";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `points.debt_paid`: Points that came back paid off a debt. */
        PointsDebtPaidEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points.debt_paid";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: debt_payment
                     * @enum {string}
                     */
                    type: "debt_payment";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `hold.created`: Points were reserved by a hold. */
        HoldCreatedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold.created";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: hold
                     * @enum {string}
                     */
                    type: "hold";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `hold.captured`: A hold was captured (all or part; the rest returned to the balance). */
        HoldCapturedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold.captured";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: capture
                     * @enum {string}
                     */
                    type: "capture";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `hold.voided`: A hold was released. */
        HoldVoidedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold.voided";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: void
                     * @enum {string}
                     */
                    type: "void";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `hold.expired`: A hold passed its expiry uncaptured and was released. */
        HoldExpiredEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold.expired";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: hold_expire
                     * @enum {string}
                     */
                    type: "hold_expire";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `conversion.completed`: Points were converted to money (a withdrawal) or money to points. */
        ConversionCompletedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "conversion.completed";
            data: {
                transaction: Omit<components["schemas"]["Transaction"], "type"> & ({
                    /**
                     * @description One of: convert
                     * @enum {string}
                     */
                    type: "convert";
                } & {
                    [key: string]: unknown;
                });
                balance: components["schemas"]["BalanceAfter"];
            };
        };
        /** @description `wallet.credited`: Money came into a member's wallet: a credit (wallet_credit: store credit or goodwill) or a debit reversed (wallet_reversal, data.debit_id); `wallet` is the currency's balance after it. */
        WalletCreditedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "wallet.credited";
            data: {
                transaction: components["schemas"]["WalletTransaction"] & ({
                    /**
                     * @description One of: wallet_credit, wallet_reversal
                     * @enum {string}
                     */
                    type: "wallet_credit" | "wallet_reversal";
                } & {
                    [key: string]: unknown;
                });
                wallet: components["schemas"]["WalletBalance"];
            };
        };
        /** @description `wallet.debited`: Money left a member's wallet: a debit at the till (wallet_debit, data.reason purchase), a hold captured (wallet_capture, data.reason capture) or a lot that expired (wallet_expire, data.reason expired, data.lot_id); `wallet` is the currency's balance after it. */
        WalletDebitedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "wallet.debited";
            data: {
                transaction: components["schemas"]["WalletTransaction"] & ({
                    /**
                     * @description One of: wallet_debit, wallet_capture, wallet_expire
                     * @enum {string}
                     */
                    type: "wallet_debit" | "wallet_capture" | "wallet_expire";
                } & {
                    [key: string]: unknown;
                });
                wallet: components["schemas"]["WalletBalance"];
            };
        };
        /** @description `wallet.held`: Money of a member's wallet was reserved by a hold (wallet_hold); it is spent by a capture (wallet.debited) or released. */
        WalletHeldEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "wallet.held";
            data: {
                transaction: components["schemas"]["WalletTransaction"] & ({
                    /**
                     * @description One of: wallet_hold
                     * @enum {string}
                     */
                    type: "wallet_hold";
                } & {
                    [key: string]: unknown;
                });
                wallet: components["schemas"]["WalletBalance"];
            };
        };
        /** @description `wallet.hold_released`: A wallet hold was voided (wallet_void) or expired (wallet_hold_expire): its money is back in the wallet (data.reason voided or expired). */
        WalletHoldReleasedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "wallet.hold_released";
            data: {
                transaction: components["schemas"]["WalletTransaction"] & ({
                    /**
                     * @description One of: wallet_void, wallet_hold_expire
                     * @enum {string}
                     */
                    type: "wallet_void" | "wallet_hold_expire";
                } & {
                    [key: string]: unknown;
                });
                wallet: components["schemas"]["WalletBalance"];
            };
        };
        /** @description `gift_card.issued`: A gift card was sold against a purchase and loaded (gift_card_issue). member_id is the card's id: gift card events are placed by their card. The code is not in it. */
        GiftCardIssuedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The gift card the event concerns (gift card events are placed by their card)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gift_card.issued";
            data: {
                gift_card: components["schemas"]["GiftCard"];
                transaction: components["schemas"]["GiftCardTransaction"] & ({
                    /**
                     * @description One of: gift_card_issue
                     * @enum {string}
                     */
                    type: "gift_card_issue";
                } & {
                    [key: string]: unknown;
                });
            };
        };
        /** @description `gift_card.otp_requested`: A one-time password was asked for to spend or transfer a gift card (POST /v1/gift-cards/{id}/otp): send `otp` to `phone` by SMS. The only gift card event that carries a secret: the service keeps the code only hashed and gives it out nowhere else; whoever can read the event feed (read keys too) can see live codes, so give read keys only to systems trusted with them, or take codes from a webhook endpoint subscribed to this type. member_id is the card's id. */
        GiftCardOtpRequestedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The gift card the event concerns (gift card events are placed by their card)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gift_card.otp_requested";
            data: {
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                gift_card_id: string;
                /**
                 * @description What the password authorises: a spend at a till, or moving the card into a wallet
                 * @enum {string}
                 */
                purpose: "spend" | "transfer";
                /** @description The one-time password, 6 digits (leading zeros kept): a secret, to be sent to the phone and not logged */
                otp: string;
                /** @description The card's bound phone to send it to */
                phone: string;
                /**
                 * Format: date-time
                 * @description When the code stops working (5 minutes after issue)
                 */
                expires_at: string;
                /** @description Wrong codes allowed before the code dies */
                max_attempts: number;
            };
        };
        /** @description `gift_card.spent`: Money was spent from a gift card at a till (gift_card_spend, external_ref the receipt). member_id is the card's id. */
        GiftCardSpentEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The gift card the event concerns (gift card events are placed by their card)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gift_card.spent";
            data: {
                gift_card: components["schemas"]["GiftCard"];
                transaction: components["schemas"]["GiftCardTransaction"] & ({
                    /**
                     * @description One of: gift_card_spend
                     * @enum {string}
                     */
                    type: "gift_card_spend";
                } & {
                    [key: string]: unknown;
                });
            };
        };
        /** @description `gift_card.transferred`: A gift card's money moved into a member's wallet (gift_card_transfer, data.member_id; the wallet publishes wallet.credited). member_id is the card's id. */
        GiftCardTransferredEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The gift card the event concerns (gift card events are placed by their card)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gift_card.transferred";
            data: {
                gift_card: components["schemas"]["GiftCard"];
                transaction: components["schemas"]["GiftCardTransaction"] & ({
                    /**
                     * @description One of: gift_card_transfer
                     * @enum {string}
                     */
                    type: "gift_card_transfer";
                } & {
                    [key: string]: unknown;
                });
            };
        };
        /** @description `gift_card.expired`: A gift card passed its expiry with money left: the money moved to gift_card_expired (gift_card_expire), recorded when the card was next touched. member_id is the card's id. */
        GiftCardExpiredEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The gift card the event concerns (gift card events are placed by their card)
             * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gift_card.expired";
            data: {
                gift_card: components["schemas"]["GiftCard"];
                transaction: components["schemas"]["GiftCardTransaction"] & ({
                    /**
                     * @description One of: gift_card_expire
                     * @enum {string}
                     */
                    type: "gift_card_expire";
                } & {
                    [key: string]: unknown;
                });
            };
        };
        /** @description `tier.changed`: A member's tier changed: up in the purchase that crossed a threshold, down at the tier review. */
        TierChangedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "tier.changed";
            data: {
                tier_change: {
                    /**
                     * @description Tier change id (TypeID with prefix tch_)
                     * @example tch_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    id: string;
                    /** @description Tier before */
                    from: string;
                    /** @description Tier after */
                    to: string;
                    /** @enum {string} */
                    direction: "up" | "down";
                    /** @description Qualifying points when the tier changed */
                    qualifying_points: number;
                    /** @description The purchase that crossed a threshold (pur_...), or review:<as_of> for the tier review that lowered it */
                    cause: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 timestamp
                     */
                    occurred_at: string;
                };
            };
        };
        /** @description `promotion.applied`: A purchase got promotions: one event per purchase, listing each promotion with what it took off, the points it added, its gift, the code that unlocked it and the code it issued. */
        PromotionAppliedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "promotion.applied";
            data: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id: string;
                /**
                 * @description Purchase id (TypeID with prefix pur_)
                 * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                purchase_id: string;
                /** @description All the promotions together */
                discount: components["schemas"]["MoneyOrZero"];
                /** @description The promotions' points, beyond those of the net amount */
                extra_points: number;
                promotions: {
                    /**
                     * @description Promotion id (TypeID with prefix prm_)
                     * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    promotion_id: string;
                    name: string;
                    /** @enum {string} */
                    visibility: "visible" | "technical";
                    effect_type: string;
                    /** @description Minor units of the purchase's currency */
                    discount: number;
                    points: number;
                    gift: string | null;
                    /** @description The promo code presented for it */
                    code: string | null;
                    /** @description The promo code it issued for a later purchase (see promo_code.issued); absent when it issued none */
                    issued_code?: string;
                }[];
            };
        };
        /** @description `promo_code.issued`: A promo code bound to the member was issued: by an admin (POST /v1/promo-codes), by a purchase whose promotion issues codes, or by the birthday or win-back job with member.birthday_upcoming or member.inactive (a code of the birthday or win_back:<milestone> promotion). It never carries the PIN: the event feed is open to read keys, so a generated PIN is shown only in the issue response, to be passed on to the member from there. */
        PromoCodeIssuedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "promo_code.issued";
            data: {
                /** @description The code, as the member presents it */
                code: string;
                /**
                 * @description The promotion the code unlocks
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                promotion_id: string;
                /**
                 * @description The member it is bound to
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id: string;
                max_uses: number;
                /** @description Not usable before this instant; null: from issue */
                valid_from: string | null;
                /** @description Not usable from this instant on; null: no end */
                valid_until: string | null;
                /** @description The purchase whose promotion issued it; null when an admin or a job (birthday, win-back) issued it */
                issued_by_purchase: string | null;
                /** @description Set by an admin issue: a PIN must be presented with the code (codes a purchase issues have none) */
                has_pin?: boolean;
                /** @description Set by an admin issue: the batch of generated codes, or null for a shared code */
                batch_id?: string | null;
            };
        };
        /** @description `promo_code.redeemed`: A promo code was used on a purchase (consumed in the purchase's own transaction). */
        PromoCodeRedeemedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "promo_code.redeemed";
            data: {
                code: string;
                /**
                 * @description Promotion id (TypeID with prefix prm_)
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                promotion_id: string;
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id: string;
                /**
                 * @description Purchase id (TypeID with prefix pur_)
                 * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                purchase_id: string;
                discount: components["schemas"]["MoneyOrZero"];
            };
        };
        /** @description `promotion.revoked`: A return left a purchase short of what one of its promotions needs: its extra points are clawed back, and a code it issued is revoked (unused) or its value clawed back (used). */
        PromotionRevokedEvent: {
            /**
             * @description Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).
             * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * Format: date-time
             * @description When it happened (business time)
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The same instant as occurred_at, under the name the Standard Webhooks payload format uses
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the service recorded it
             */
            recorded_at: string;
            /**
             * @description Program id (TypeID with prefix prg_)
             * @example prg_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            program_id: string;
            /**
             * @description The member the event concerns
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "promotion.revoked";
            data: {
                /**
                 * @description Promotion id (TypeID with prefix prm_)
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                promotion_id: string;
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id: string;
                /**
                 * @description Purchase id (TypeID with prefix pur_)
                 * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                purchase_id: string;
                points: number;
                issued_code: string | null;
                code_revoked: boolean | null;
                code_value_points: number;
            };
        };
        /** @description An event of the feed and of webhook deliveries: the envelope, and `data` according to `type`. */
        Event: components["schemas"]["MemberEnrolledEvent"] | components["schemas"]["MemberUpdatedEvent"] | components["schemas"]["MemberBlockedEvent"] | components["schemas"]["MemberUnblockedEvent"] | components["schemas"]["MemberBirthdayUpcomingEvent"] | components["schemas"]["MemberInactiveEvent"] | components["schemas"]["MemberOtpRequestedEvent"] | components["schemas"]["MemberVerifiedEvent"] | components["schemas"]["PointsEarnedEvent"] | components["schemas"]["PointsReturnedEvent"] | components["schemas"]["PointsRedeemedEvent"] | components["schemas"]["PointsReversedEvent"] | components["schemas"]["PointsAdjustedEvent"] | components["schemas"]["PointsMaturedEvent"] | components["schemas"]["PointsExpiringEvent"] | components["schemas"]["PointsExpiredEvent"] | components["schemas"]["PointsRenewableEvent"] | components["schemas"]["PointsRenewedEvent"] | components["schemas"]["PointsDecayedEvent"] | components["schemas"]["PointsExtendedEvent"] | components["schemas"]["PointsDebtPaidEvent"] | components["schemas"]["HoldCreatedEvent"] | components["schemas"]["HoldCapturedEvent"] | components["schemas"]["HoldVoidedEvent"] | components["schemas"]["HoldExpiredEvent"] | components["schemas"]["ConversionCompletedEvent"] | components["schemas"]["WalletCreditedEvent"] | components["schemas"]["WalletDebitedEvent"] | components["schemas"]["WalletHeldEvent"] | components["schemas"]["WalletHoldReleasedEvent"] | components["schemas"]["GiftCardIssuedEvent"] | components["schemas"]["GiftCardOtpRequestedEvent"] | components["schemas"]["GiftCardSpentEvent"] | components["schemas"]["GiftCardTransferredEvent"] | components["schemas"]["GiftCardExpiredEvent"] | components["schemas"]["TierChangedEvent"] | components["schemas"]["PromotionAppliedEvent"] | components["schemas"]["PromoCodeIssuedEvent"] | components["schemas"]["PromoCodeRedeemedEvent"] | components["schemas"]["PromotionRevokedEvent"];
        EventPage: {
            data: components["schemas"]["Event"][];
            /** @description Always present: pass it as ?cursor= for the next read, also when data is empty (keep polling from it) */
            next_cursor: string;
            /** @description More events are readable now: read again at once instead of waiting */
            has_more: boolean;
        };
        Activity: {
            /**
             * @description Activity id (TypeID with prefix act_)
             * @example act_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            type: string;
            task_id: string | null;
            occurred_at: string;
            recorded_at: string;
            data: {
                [key: string]: unknown;
            };
        };
        Renewal: {
            /**
             * @description Renewal id (TypeID with prefix rnw_)
             * @example rnw_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            member_id: string;
            /** @description Points restored */
            points: number;
            /** @description The expiry transactions this renewal restored */
            expire_transaction_ids: string[];
            /** @description The new lot (null when every point went to paying a debt) */
            lot_id: string | null;
            /** @description When the renewed points expire */
            expires_at: string;
            created_at: string;
        };
        WebhookEndpoint: {
            /**
             * @description Webhook endpoint id (TypeID with prefix whk_)
             * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            url: string;
            description: string | null;
            /** @description Empty: every event type */
            event_types: string[];
            enabled: boolean;
            /** @description Why the endpoint is disabled: by an admin, or after failing for the whole retry window */
            disabled_reason: string | null;
            /** @description First failed attempt since the last success; failing for the retry window (24 h) disables the endpoint */
            failing_since: string | null;
            created_at: string;
            updated_at: string;
        };
        WebhookEndpointCreated: {
            /**
             * @description Webhook endpoint id (TypeID with prefix whk_)
             * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            url: string;
            description: string | null;
            /** @description Empty: every event type */
            event_types: string[];
            enabled: boolean;
            /** @description Why the endpoint is disabled: by an admin, or after failing for the whole retry window */
            disabled_reason: string | null;
            /** @description First failed attempt since the last success; failing for the retry window (24 h) disables the endpoint */
            failing_since: string | null;
            created_at: string;
            updated_at: string;
            /** @description Signing secret (whsec_ + base64), for verifying webhook-signature as Standard Webhooks specifies. Shown only in this response. */
            secret: string;
        };
        WebhookAttempt: {
            /** @description 1 for the first attempt */
            attempt: number;
            started_at: string;
            duration_ms: number;
            /** @description The receiver's HTTP status; null when none came (timeout, connection error) */
            status_code: number | null;
            error: string | null;
            /** @description The first kilobyte of the receiver's answer */
            response: string | null;
        };
        WebhookDelivery: {
            /**
             * @description Webhook delivery id (TypeID with prefix wdl_)
             * @example wdl_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description Webhook endpoint id (TypeID with prefix whk_)
             * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            webhook_id: string;
            /** @description Also the webhook-id header of every attempt */
            event_id: string;
            event_type: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            /** @description Attempts started so far */
            attempt_count: number;
            /** @description Pending deliveries: when the next attempt is due (while one is under way, when its lease ends) */
            next_attempt_at: string | null;
            last_status_code: number | null;
            last_error: string | null;
            created_at: string;
            completed_at: string | null;
            /** @description Recorded attempts, oldest first */
            attempts: components["schemas"]["WebhookAttempt"][];
        };
        /** @description Which lines the promotion is about: a line is eligible when its brand, category or sku is in a given list. No list: every line. */
        PromotionScope: {
            brands?: string[];
            categories?: string[];
            skus?: string[];
        };
        PromotionEffect: {
            /** @constant */
            type: "percent_off";
            /** @description Percent off each eligible line */
            percent: number;
        } | {
            /** @constant */
            type: "amount_off";
            /** @description Money off, spread over the eligible lines in proportion to their amounts */
            amount: components["schemas"]["Money"];
        } | {
            /** @constant */
            type: "points_multiplier";
            /** @description Points of the eligible lines are multiplied by this */
            multiplier: number;
        } | {
            /** @constant */
            type: "points_bonus";
            points: number;
        } | {
            /** @constant */
            type: "issue_code";
            /**
             * @description The promotion the issued code unlocks (it should have conditions.requires_code)
             * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            promotion_id: string;
            /** @description The code is valid this many days from the purchase */
            valid_days: number;
        } | {
            /** @constant */
            type: "gift";
            /** @description The non-monetary reward, recorded on the purchase */
            gift: string;
        } | {
            /** @constant */
            type: "bundle";
            /** @description What must be bought together; every complete set gets the bundle price */
            items: {
                sku?: string;
                category?: string;
                /** @default 1 */
                quantity: number;
            }[];
            /** @description Fixed price of one complete set */
            price?: components["schemas"]["Money"];
            /** @description Or percent off one complete set */
            percent_off?: number;
        } | {
            /** @constant */
            type: "buy_x_get_y";
            /** @description Units to pay for in each group */
            buy: number;
            /** @description Units discounted in each group: the cheapest of the group */
            get: number;
            /**
             * @description Discount on the Y units (100: free)
             * @default 100
             */
            percent_off: number;
        };
        PromotionConditions: {
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            starts_at?: string;
            /**
             * Format: date-time
             * @description Exclusive end
             */
            ends_at?: string;
            /** @description ISO days (1 = Monday) in the program time zone */
            days_of_week?: number[];
            /** @description Local time of day, from inclusive to exclusive; from > to spans midnight */
            hours?: {
                from: string;
                to: string;
            };
            /** @description The eligible lines must come to at least this (converted at the rate sets in force) */
            min_amount?: components["schemas"]["Money"];
            stores?: string[];
            channels?: string[];
            tiers?: string[];
            /** @description Only the member's first purchase, within this many hours of enrolment */
            first_purchase_within_hours?: number;
            /** @description Only within this many local days either side of the birthday */
            birthday_window_days?: number;
            purchase_count?: {
                /** @description Earlier purchases (not fully returned) in the window, this one not counted */
                more_than: number;
                within_days: number;
            };
            login_streak?: {
                /** @description Logins (activity type login) on this many consecutive local days this ISO week */
                days: number;
                /** @description Purchases in this ISO week, this one included */
                purchases_in_week: number;
            };
            /**
             * @description Applies only when the purchase presents one of its promo codes
             * @default false
             */
            requires_code: boolean;
        };
        PromotionLimits: {
            /** @description Uses per member, ever */
            per_member?: number;
            /** @description Uses per member per local day, ISO week, month, quarter or year */
            per_member_period?: {
                uses: number;
                /** @enum {string} */
                period: "day" | "week" | "month" | "quarter" | "year";
            };
            total_uses?: number;
            budget?: {
                /** @description Money the discounts may total */
                amount: components["schemas"]["Money"];
            } | {
                /** @description Points the promotion may award */
                points: number;
            };
        };
        /**
         * @example {
         *       "id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
         *       "version": 1,
         *       "name": "Weekend 10 % off shoes",
         *       "description": null,
         *       "status": "active",
         *       "visibility": "visible",
         *       "stackable": false,
         *       "priority": 0,
         *       "effect": {
         *         "type": "percent_off",
         *         "percent": 10
         *       },
         *       "scope": {
         *         "categories": [
         *           "shoes"
         *         ]
         *       },
         *       "conditions": {
         *         "days_of_week": [
         *           6,
         *           7
         *         ],
         *         "hours": {
         *           "from": "10:00",
         *           "to": "22:00"
         *         },
         *         "requires_code": false
         *       },
         *       "limits": {
         *         "per_member": 1
         *       },
         *       "preset": null,
         *       "created_at": "2026-12-01T09:00:00.000Z",
         *       "updated_at": "2026-12-01T09:00:00.000Z"
         *     }
         */
        Promotion: {
            /**
             * @description Promotion id (TypeID with prefix prm_)
             * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /** @description Bumped by every change; a purchase names the versions it was evaluated with */
            version: number;
            name: string;
            description: string | null;
            /** @enum {string} */
            status: "active" | "paused" | "ended";
            /** @enum {string} */
            visibility: "visible" | "technical";
            stackable: boolean;
            priority: number;
            effect: components["schemas"]["PromotionEffect"];
            scope: components["schemas"]["PromotionScope"];
            conditions: components["schemas"]["PromotionConditions"];
            limits: components["schemas"]["PromotionLimits"];
            /** @description The preset that created it (win-back steps: win_back:60d, win_back:9m, win_back:12m, win_back:15m), or null */
            preset: string | null;
            created_at: string;
            updated_at: string;
        };
        IssuedPromoCode: {
            /** @description The code, unique in the program: A-Z, 0-9 and -, 4 to 40 characters */
            code: string;
            /**
             * @description The promotion the code unlocks
             * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            promotion_id: string;
            /** @description The member the code is bound to (it works only for them); null: anyone */
            member_id: string | null;
            /** @description A PIN must be presented with the code (the PIN itself is never shown after issue) */
            has_pin: boolean;
            max_uses: number;
            uses: number;
            /** @description Not usable before this instant; null: from issue */
            valid_from: string | null;
            /** @description Not usable from this instant on; null: no end */
            valid_until: string | null;
            /**
             * @description active: usable now; scheduled: valid_from is ahead; expired: valid_until has passed; used_up: uses reached max_uses; locked: 5 wrong PINs; revoked: by an admin. The first that applies of revoked, locked, used_up, expired, scheduled.
             * @enum {string}
             */
            status: "active" | "scheduled" | "expired" | "used_up" | "locked" | "revoked";
            /** @description When the 5th wrong PIN locked it */
            locked_at: string | null;
            revoked_at: string | null;
            /** @description The batch it was issued in; null for a shared code */
            batch_id: string | null;
            /** @description The purchase whose promotion issued it; null when an admin issued it */
            issued_by_purchase: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 timestamp
             */
            created_at: string;
            /** @description The generated PIN (pin "generate" only). Shown here once: it is stored hashed and never shown again. */
            pin?: string;
        };
        IssuedPromoCodes: {
            /**
             * @description Promotion id (TypeID with prefix prm_)
             * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            promotion_id: string;
            /** @description Names the batch of generated codes; null for a shared code */
            batch_id: string | null;
            codes: components["schemas"]["IssuedPromoCode"][];
        };
        ProgramCreated: {
            program: components["schemas"]["Program"];
            api_key: components["schemas"]["ApiKeyIssued"];
        };
        /** @description A page of API keys, newest first */
        ApiKeyPage: {
            data: components["schemas"]["ApiKey"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        /** @description A page of members, in enrollment order */
        MemberPage: {
            data: components["schemas"]["Member"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        ReturnRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            return: components["schemas"]["Return"];
        };
        RedemptionRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            redemption: components["schemas"]["Redemption"];
        };
        ReversalRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            reversal: components["schemas"]["Reversal"];
        };
        HoldRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            hold: components["schemas"]["Hold"];
        };
        HoldCaptured: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            hold: components["schemas"]["Hold"];
        };
        HoldVoided: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            hold: components["schemas"]["Hold"];
        };
        AdjustmentRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            adjustment: components["schemas"]["Adjustment"];
        };
        PartnerTransferRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            partner_transfer: components["schemas"]["PartnerTransfer"];
        };
        /** @description A page of the member's transactions, newest first */
        TransactionPage: {
            data: components["schemas"]["TransactionDetail"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        Statement: {
            member_id: string;
            from: string;
            to: string;
            opening: components["schemas"]["AccountFigures"];
            movements: {
                /**
                 * @description Transaction id (TypeID with prefix txn_)
                 * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /** @enum {string} */
                type: "earn" | "bonus" | "return" | "redeem" | "reversal" | "hold" | "capture" | "void" | "hold_expire" | "adjust" | "mature" | "expire" | "debt_payment" | "benefit" | "convert" | "renew" | "decay" | "extend" | "partner_transfer";
                /** @description Headline figure of the transaction */
                points: number;
                /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
                resource_id: string | null;
                /** @description What it acted on (the purchase of a return, the hold of a capture...) */
                ref_id: string | null;
                /** @description The receipt id, for purchases and returns */
                external_ref: string | null;
                /** @description Business time */
                occurred_at: string;
                /** @description When the ledger recorded it */
                recorded_at: string;
                /** @description The member's balance version after this transaction */
                version: number;
                data: {
                    [key: string]: unknown;
                };
                /** @description Change per member account */
                changes: {
                    available?: number;
                    pending?: number;
                    held?: number;
                    debt?: number;
                };
            }[];
            closing: components["schemas"]["AccountFigures"];
        };
        /** @description A page of the member's wallet transactions, newest first */
        WalletTransactionPage: {
            data: components["schemas"]["WalletTransaction"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        TrialBalance: {
            ok: boolean;
            checks: {
                name: string;
                description: string;
                ok: boolean;
                violations: number;
                examples: string[];
            }[];
            /** @description Sum of entries per account */
            accounts: {
                [key: string]: number;
            };
            transactions: number;
        };
        JobResult: {
            /** @enum {string} */
            job: "mature" | "expire" | "expire-holds" | "tier-review" | "tier-benefits" | "velocity-sweep" | "expiry-warnings" | "inactivity-decay" | "birthdays" | "win-back";
            as_of: string;
            members: number;
            points_matured: number;
            points_expired: number;
            holds_expired: number;
            tiers_lowered: number;
            benefits_points: number;
            members_blocked: number;
            points_decayed: number;
            /** @description Notices raised (points.expiring, member.birthday_upcoming, member.inactive) */
            events: number;
            /** @description Promo codes issued with those notices: one of each active birthday promotion (preset birthday) with member.birthday_upcoming, one of the win-back promotion of the milestone (preset win_back:<milestone>) with member.inactive (promo_code.issued) */
            codes_issued: number;
        };
        /** @description A page of the program's transactions, newest first */
        ProgramTransactionPage: {
            data: components["schemas"]["Transaction"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        /** @description Rate sets, oldest first: always a single page */
        RateSetPage: {
            data: components["schemas"]["RateSet"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        ConversionQuote: {
            /** @enum {string} */
            direction: "points_to_money" | "money_to_points";
            /** @description Points taken (withdrawal) or credited (after the fee) */
            points: number;
            /** @description Money in minor units: paid out after the fee, or paid in */
            amount: number;
            currency: string;
            fee_bps: number;
            /** @description Minor units of currency for a withdrawal; points for money_to_points */
            fee: number;
            /** @description Before the fee: money for a withdrawal, points for money_to_points */
            gross: number;
            /** @description Points per 1 unit of currency */
            rate: number;
            rate_set_id: string | null;
            /** @description The money side in minor units of the home currency (counts toward withdrawal limits) */
            home_amount: number;
            home_currency: string;
            withdrawal_allowance: {
                per_day: {
                    cap: number | null;
                    used: number;
                    remaining: number | null;
                };
                per_month: {
                    cap: number | null;
                    used: number;
                    remaining: number | null;
                };
                currency: string;
            } | null;
        };
        ConversionRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            conversion: {
                /**
                 * @description Conversion id (TypeID with prefix cnv_)
                 * @example cnv_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                member_id: string;
                created_at: string;
                /** @enum {string} */
                direction: "points_to_money" | "money_to_points";
                /** @description Points taken (withdrawal) or credited (after the fee) */
                points: number;
                /** @description Money in minor units: paid out after the fee, or paid in */
                amount: number;
                currency: string;
                fee_bps: number;
                /** @description Minor units of currency for a withdrawal; points for money_to_points */
                fee: number;
                /** @description Before the fee: money for a withdrawal, points for money_to_points */
                gross: number;
                /** @description Points per 1 unit of currency */
                rate: number;
                rate_set_id: string | null;
                /** @description The money side in minor units of the home currency (counts toward withdrawal limits) */
                home_amount: number;
                home_currency: string;
            };
        };
        ActivityRecorded: {
            activity: components["schemas"]["Activity"];
            /** @description The expiry extension this activity earned, if any */
            extension: components["schemas"]["Transaction"] | null;
            balance: components["schemas"]["Balance"];
        };
        RenewalRecorded: {
            transaction: components["schemas"]["Transaction"];
            balance: components["schemas"]["Balance"];
            renewal: components["schemas"]["Renewal"];
        };
        /** @description A page of webhook endpoints */
        WebhookEndpointPage: {
            data: components["schemas"]["WebhookEndpoint"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        /** @description A page of an endpoint's deliveries, newest first */
        WebhookDeliveryPage: {
            data: components["schemas"]["WebhookDelivery"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        PresetPromotions: {
            /** @description The promotions created, in the order the preset makes them */
            promotions: components["schemas"]["Promotion"][];
        };
        /** @description A page of promotions */
        PromotionPage: {
            data: components["schemas"]["Promotion"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        /** @description A page of promo codes, by code */
        PromoCodePage: {
            data: components["schemas"]["PromoCode"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor: string | null;
            /** @description Another page follows: read it with next_cursor */
            has_more: boolean;
        };
        /** @description A purchase: what was paid, at which rate */
        EarnTransactionData: {
            /** @description Minor units paid */
            amount?: number;
            currency?: string;
            /** @description Points per 1 unit of currency */
            rate?: number;
            store_id?: string | null;
            /** @description The lines of the purchase, when it was recorded with lines */
            lines?: {
                sku: string;
                brand: string | null;
                category: string | null;
                /** @description Units bought */
                quantity: number;
                /** @description Price of one unit, minor units */
                unit_price: number;
                /** @description What the line costs before discounts, minor units; the lines sum to the purchase amount */
                amount: number;
            }[];
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A bonus on a purchase after a rate rise */
        BonusTransactionData: {
            /** @description rate_rise */
            reason?: string;
            purchase_id?: string;
            currency?: string;
            rise_percent?: number | null;
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A return: how the points were clawed back */
        ReturnTransactionData: {
            amount?: number;
            currency?: string;
            purchase_id?: string;
            /** @description Points to claw back for this return */
            claw?: number;
            clawed_from_purchase?: number;
            clawed_from_balance?: number;
            /** @description Points that became a debt */
            debt?: number;
            /** @description Points dropped under the clamp policy */
            forgiven?: number;
            policy?: string;
            /** @description The lines returned, when the return named lines */
            lines?: {
                sku: string;
                /** @description Units returned now */
                quantity: number;
                /** @description This return's share of the line's amount, minor units */
                amount: number;
                /** @description Units of the line returned so far, this return included */
                returned_quantity: number;
                /** @description Minor units of the line returned so far; every unit returned is exactly the line's amount */
                returned_amount: number;
            }[];
        } & {
            [key: string]: unknown;
        };
        /** @description A redemption */
        RedeemTransactionData: {
            reason?: string | null;
            store_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A reversal of a redemption */
        ReversalTransactionData: {
            reason?: string | null;
            redemption_id?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A hold placed */
        HoldTransactionData: {
            reason?: string | null;
            store_id?: string | null;
            expires_at?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A hold captured */
        CaptureTransactionData: {
            hold_id?: string;
            /** @description Points of the hold returned to the balance */
            released?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A hold voided */
        VoidTransactionData: {
            hold_id?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A hold expired */
        HoldExpireTransactionData: {
            hold_id?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A manual adjustment */
        AdjustTransactionData: {
            reason?: string;
            /** @enum {string} */
            direction?: "credit" | "debit";
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Pending points became available (no data) */
        MatureTransactionData: {
            [key: string]: unknown;
        };
        /** @description A lot expired */
        ExpireTransactionData: {
            lot_id?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Available points paid an open debt (no data) */
        DebtPaymentTransactionData: {
            [key: string]: unknown;
        };
        /** @description A tier benefit */
        BenefitTransactionData: {
            tier?: string;
            period?: string;
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A conversion between points and money: its figures */
        ConvertTransactionData: {
            /** @enum {string} */
            direction?: "points_to_money" | "money_to_points";
            /** @description Points taken (withdrawal) or credited (after the fee) */
            points?: number;
            /** @description Money in minor units: paid out after the fee, or paid in */
            amount?: number;
            currency?: string;
            fee_bps?: number;
            /** @description Minor units of currency for a withdrawal; points for money_to_points */
            fee?: number;
            /** @description Before the fee: money for a withdrawal, points for money_to_points */
            gross?: number;
            /** @description Points per 1 unit of currency */
            rate?: number;
            rate_set_id?: string | null;
            /** @description The money side in minor units of the home currency (counts toward withdrawal limits) */
            home_amount?: number;
            home_currency?: string;
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Expired points renewed */
        RenewTransactionData: {
            /** @description The expire transactions renewed */
            expire_transaction_ids?: string[];
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Points decayed for inactivity */
        DecayTransactionData: {
            period?: number;
            inactive_since?: string;
            percent_bps?: number;
            available_before?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description Lots' expiry extended by an activity */
        ExtendTransactionData: {
            lot_ids?: string[];
            days?: number;
            from?: string;
            to?: string;
            day?: string;
            activity_id?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Points transferred in from a partner platform, with the bonus */
        PartnerTransferTransactionData: {
            partner?: string;
            /** @description The partner's id for the transfer */
            external_id?: string;
            /** @description Points the partner transferred */
            points?: number;
            /** @description The bonus on top, rounded down */
            bonus?: number;
            /** @description partner_transfer_bonus_percent when it was credited */
            bonus_percent?: number;
            /** @description Points of the credit that paid an open debt first */
            debt_paid?: number;
            /** @description The lot the rest of the credit became (null when the debt took it all) */
            lot_id?: string | null;
        } & {
            [key: string]: unknown;
        };
        EarnTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "earn";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["EarnTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        BonusTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "bonus";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["BonusTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        ReturnTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "return";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ReturnTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        RedeemTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "redeem";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["RedeemTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        ReversalTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reversal";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ReversalTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        HoldTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["HoldTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        CaptureTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "capture";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["CaptureTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        VoidTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "void";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["VoidTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        HoldExpireTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold_expire";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["HoldExpireTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        AdjustTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "adjust";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["AdjustTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        MatureTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mature";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["MatureTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        ExpireTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "expire";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ExpireTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        DebtPaymentTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "debt_payment";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["DebtPaymentTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        BenefitTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "benefit";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["BenefitTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        ConvertTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "convert";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ConvertTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        RenewTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "renew";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["RenewTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        DecayTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "decay";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["DecayTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        ExtendTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "extend";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ExtendTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        PartnerTransferTransaction: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "partner_transfer";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["PartnerTransferTransactionData"];
            entries: components["schemas"]["Entry"][];
            /**
             * @description Member id (TypeID with prefix mem_)
             * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            member_id: string;
        };
        EarnTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "earn";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["EarnTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        BonusTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "bonus";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["BonusTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        ReturnTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "return";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ReturnTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        RedeemTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "redeem";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["RedeemTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        ReversalTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reversal";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ReversalTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        HoldTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["HoldTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        CaptureTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "capture";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["CaptureTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        VoidTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "void";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["VoidTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        HoldExpireTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "hold_expire";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["HoldExpireTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        AdjustTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "adjust";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["AdjustTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        MatureTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mature";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["MatureTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        ExpireTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "expire";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ExpireTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        DebtPaymentTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "debt_payment";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["DebtPaymentTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        BenefitTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "benefit";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["BenefitTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        ConvertTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "convert";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ConvertTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        RenewTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "renew";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["RenewTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        DecayTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "decay";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["DecayTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        ExtendTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "extend";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["ExtendTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
        PartnerTransferTransactionDetail: {
            /**
             * @description Transaction id (TypeID with prefix txn_)
             * @example txn_01jdq3v7f8e9t0sw2p1x5m3k4z
             */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "partner_transfer";
            /** @description Headline figure of the transaction */
            points: number;
            /** @description The purchase, return, redemption, reversal, hold or adjustment it created */
            resource_id: string | null;
            /** @description What it acted on (the purchase of a return, the hold of a capture...) */
            ref_id: string | null;
            /** @description The receipt id, for purchases and returns */
            external_ref: string | null;
            /** @description Business time */
            occurred_at: string;
            /** @description When the ledger recorded it */
            recorded_at: string;
            /** @description The member's balance version after this transaction */
            version: number;
            data: components["schemas"]["PartnerTransferTransactionData"];
            entries: components["schemas"]["Entry"][];
            /** @description Lots granted or drawn (negative) by the transaction */
            lots: {
                lot_id: string;
                points: number;
                expires_at: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description This request's id: the caller's own x-request-id when it sent a sane one, else a UUID. Quote it when reporting a problem. */
        "X-Request-Id": string;
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
        /** @description Present (`true`) when this is the stored answer to an earlier request with the same Idempotency-Key, not a new write. */
        "Idempotent-Replayed": "true";
        /**
         * @description The API key's quota left in the current window (IETF draft-ietf-httpapi-ratelimit-headers): `"default";r=<requests remaining>;t=<seconds until the window resets>`.
         * @example "default";r=93;t=41
         */
        RateLimit: string;
        /**
         * @description The quota policy (IETF draft-ietf-httpapi-ratelimit-headers): `"default";q=<requests per window>;w=<window seconds>`.
         * @example "default";q=100;w=60
         */
        "RateLimit-Policy": string;
        /**
         * @description RFC 6750: `Bearer realm="points-ledger"`, with `error="invalid_token"` when a key was sent and refused.
         * @example Bearer realm="points-ledger", error="invalid_token"
         */
        "WWW-Authenticate": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database answers */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProgram: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Coffee Club"
                 *     }
                 */
                "application/json": {
                    name: string;
                    settings?: components["schemas"]["ProgramSettingsPatch"];
                };
            };
        };
        responses: {
            /** @description The program created, with its settings and the first admin API key (secret shown only here) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "program": {
                     *         "id": "prg_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "name": "Aysel Mammadova",
                     *         "settings": {
                     *           "timezone": "Asia/Baku",
                     *           "home_currency": "AZN",
                     *           "earn_rates": {
                     *             "AZN": 1.5
                     *           },
                     *           "rounding": "floor",
                     *           "pending_days": 120,
                     *           "validity_months": 120,
                     *           "return_policy": "debt",
                     *           "hold_ttl_minutes": 120,
                     *           "rate_lock_months": 60,
                     *           "rate_locks": {
                     *             "AZN": {
                     *               "months": 0,
                     *               "days": 0
                     *             }
                     *           },
                     *           "rise_bonus": {
                     *             "threshold_percent": 1.5,
                     *             "points": 120
                     *           },
                     *           "conversion": {
                     *             "fee_bps": 49,
                     *             "caps": {
                     *               "AZN": 120
                     *             }
                     *           },
                     *           "currency_caps": {
                     *             "AZN": 120
                     *           },
                     *           "withdrawal_limits": {
                     *             "per_day": 120,
                     *             "per_month": 120
                     *           },
                     *           "tiers": [
                     *             {
                     *               "name": "gold",
                     *               "threshold": 120,
                     *               "multiplier": 1.5,
                     *               "benefit": {
                     *                 "points": 120,
                     *                 "period": "active_day"
                     *               },
                     *               "caps_exempt": false
                     *             }
                     *           ],
                     *           "tier_window_months": 60,
                     *           "tier_downgrade_steps": 20,
                     *           "earn_limits": {
                     *             "per_transaction": 120,
                     *             "per_day": 120,
                     *             "per_month": 120
                     *           },
                     *           "redeem_limits": {
                     *             "per_transaction": 120,
                     *             "per_day": 120,
                     *             "per_month": 120
                     *           },
                     *           "velocity": {
                     *             "window_minutes": 120,
                     *             "max_transactions": 120,
                     *             "max_points": 120
                     *           },
                     *           "expiry_warning_hours": 120,
                     *           "renewal_window_hours": 120,
                     *           "task_extension_days": 120,
                     *           "inactivity_decay": {
                     *             "after_days": 120,
                     *             "percent": 1.5
                     *           },
                     *           "birthday": {
                     *             "days_before": 60,
                     *             "offer_valid_days": 60
                     *           },
                     *           "win_back": {
                     *             "first_days": 120,
                     *             "months": [
                     *               120
                     *             ],
                     *             "lost_after_months": 120
                     *           },
                     *           "point_value": 1.5,
                     *           "brand_discount_caps": {
                     *             "AZN": 1.5
                     *           },
                     *           "max_active_promotions": 120,
                     *           "partner_transfer_bonus_percent": 100
                     *         },
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "updated_at": "2026-03-01T09:30:00.000Z"
                     *       },
                     *       "api_key": {
                     *         "id": "key_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "name": "Aysel Mammadova",
                     *         "role": "admin",
                     *         "secret_hint": "secret hint",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "revoked_at": "2026-03-01T09:30:00.000Z",
                     *         "secret": "secret"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ProgramCreated"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation); `operator_disabled` (The service has no OPERATOR_TOKEN configured). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `invalid_settings` (The settings break a rule; `errors` points at each one); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProgram: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program and its effective settings */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prg_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "name": "Aysel Mammadova",
                     *       "settings": {
                     *         "timezone": "Asia/Baku",
                     *         "home_currency": "AZN",
                     *         "earn_rates": {
                     *           "AZN": 1.5
                     *         },
                     *         "rounding": "floor",
                     *         "pending_days": 120,
                     *         "validity_months": 120,
                     *         "return_policy": "debt",
                     *         "hold_ttl_minutes": 120,
                     *         "rate_lock_months": 60,
                     *         "rate_locks": {
                     *           "AZN": {
                     *             "months": 0,
                     *             "days": 0
                     *           }
                     *         },
                     *         "rise_bonus": {
                     *           "threshold_percent": 1.5,
                     *           "points": 120
                     *         },
                     *         "conversion": {
                     *           "fee_bps": 49,
                     *           "caps": {
                     *             "AZN": 120
                     *           }
                     *         },
                     *         "currency_caps": {
                     *           "AZN": 120
                     *         },
                     *         "withdrawal_limits": {
                     *           "per_day": 120,
                     *           "per_month": 120
                     *         },
                     *         "tiers": [
                     *           {
                     *             "name": "gold",
                     *             "threshold": 120,
                     *             "multiplier": 1.5,
                     *             "benefit": {
                     *               "points": 120,
                     *               "period": "active_day"
                     *             },
                     *             "caps_exempt": false
                     *           }
                     *         ],
                     *         "tier_window_months": 60,
                     *         "tier_downgrade_steps": 20,
                     *         "earn_limits": {
                     *           "per_transaction": 120,
                     *           "per_day": 120,
                     *           "per_month": 120
                     *         },
                     *         "redeem_limits": {
                     *           "per_transaction": 120,
                     *           "per_day": 120,
                     *           "per_month": 120
                     *         },
                     *         "velocity": {
                     *           "window_minutes": 120,
                     *           "max_transactions": 120,
                     *           "max_points": 120
                     *         },
                     *         "expiry_warning_hours": 120,
                     *         "renewal_window_hours": 120,
                     *         "task_extension_days": 120,
                     *         "inactivity_decay": {
                     *           "after_days": 120,
                     *           "percent": 1.5
                     *         },
                     *         "birthday": {
                     *           "days_before": 60,
                     *           "offer_valid_days": 60
                     *         },
                     *         "win_back": {
                     *           "first_days": 120,
                     *           "months": [
                     *             120
                     *           ],
                     *           "lost_after_months": 120
                     *         },
                     *         "point_value": 1.5,
                     *         "brand_discount_caps": {
                     *           "AZN": 1.5
                     *         },
                     *         "max_active_promotions": 120,
                     *         "partner_transfer_bonus_percent": 100
                     *       },
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Program"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProgram: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "settings": {
                 *         "pending_days": 14
                 *       }
                 *     }
                 */
                "application/json": {
                    name?: string;
                    settings?: components["schemas"]["ProgramSettingsPatch"];
                };
            };
        };
        responses: {
            /** @description The program with its settings as changed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prg_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "name": "Aysel Mammadova",
                     *       "settings": {
                     *         "timezone": "Asia/Baku",
                     *         "home_currency": "AZN",
                     *         "earn_rates": {
                     *           "AZN": 1.5
                     *         },
                     *         "rounding": "floor",
                     *         "pending_days": 120,
                     *         "validity_months": 120,
                     *         "return_policy": "debt",
                     *         "hold_ttl_minutes": 120,
                     *         "rate_lock_months": 60,
                     *         "rate_locks": {
                     *           "AZN": {
                     *             "months": 0,
                     *             "days": 0
                     *           }
                     *         },
                     *         "rise_bonus": {
                     *           "threshold_percent": 1.5,
                     *           "points": 120
                     *         },
                     *         "conversion": {
                     *           "fee_bps": 49,
                     *           "caps": {
                     *             "AZN": 120
                     *           }
                     *         },
                     *         "currency_caps": {
                     *           "AZN": 120
                     *         },
                     *         "withdrawal_limits": {
                     *           "per_day": 120,
                     *           "per_month": 120
                     *         },
                     *         "tiers": [
                     *           {
                     *             "name": "gold",
                     *             "threshold": 120,
                     *             "multiplier": 1.5,
                     *             "benefit": {
                     *               "points": 120,
                     *               "period": "active_day"
                     *             },
                     *             "caps_exempt": false
                     *           }
                     *         ],
                     *         "tier_window_months": 60,
                     *         "tier_downgrade_steps": 20,
                     *         "earn_limits": {
                     *           "per_transaction": 120,
                     *           "per_day": 120,
                     *           "per_month": 120
                     *         },
                     *         "redeem_limits": {
                     *           "per_transaction": 120,
                     *           "per_day": 120,
                     *           "per_month": 120
                     *         },
                     *         "velocity": {
                     *           "window_minutes": 120,
                     *           "max_transactions": 120,
                     *           "max_points": 120
                     *         },
                     *         "expiry_warning_hours": 120,
                     *         "renewal_window_hours": 120,
                     *         "task_extension_days": 120,
                     *         "inactivity_decay": {
                     *           "after_days": 120,
                     *           "percent": 1.5
                     *         },
                     *         "birthday": {
                     *           "days_before": 60,
                     *           "offer_valid_days": 60
                     *         },
                     *         "win_back": {
                     *           "first_days": 120,
                     *           "months": [
                     *             120
                     *           ],
                     *           "lost_after_months": 120
                     *         },
                     *         "point_value": 1.5,
                     *         "brand_discount_caps": {
                     *           "AZN": 1.5
                     *         },
                     *         "max_active_promotions": 120,
                     *         "partner_transfer_bonus_percent": 100
                     *       },
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Program"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `invalid_settings` (The settings break a rule; `errors` points at each one). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of API keys, without secrets */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "key_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "name": "Aysel Mammadova",
                     *           "role": "admin",
                     *           "secret_hint": "secret hint",
                     *           "created_at": "2026-03-01T09:30:00.000Z",
                     *           "revoked_at": "2026-03-01T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "role": "pos",
                 *       "name": "till 3"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description admin: configure; pos: members and ledger writes; read: reads only
                     * @enum {string}
                     */
                    role: "admin" | "pos" | "read";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description The key issued; its secret is shown only in this response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "key_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "name": "Aysel Mammadova",
                     *       "role": "admin",
                     *       "secret_hint": "secret hint",
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "revoked_at": "2026-03-01T09:30:00.000Z",
                     *       "secret": "secret"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyIssued"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description API key id (TypeID with prefix key_)
                 * @example key_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key as revoked */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "key_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "name": "Aysel Mammadova",
                     *       "role": "admin",
                     *       "secret_hint": "secret hint",
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "revoked_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `api_key_not_found` (No such API key in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                q?: string;
                /** @description pending: enrolled with verification "otp", phone not verified yet (no earning or spending) */
                status?: "pending" | "active" | "blocked" | "deactivated";
                branch?: string;
                external_ref?: string;
                loyalty_id?: string;
                /** @description Mobile number in E.164 format */
                phone?: string;
                /** @description Tier name; the program's first (entry) tier also matches members who never moved tier */
                tier?: string;
                gender?: "female" | "male" | "other" | "undisclosed";
                /** @description Age in whole years on the program's local date today, at least */
                age_min?: number;
                /** @description Age in whole years, at most */
                age_max?: number;
                /** @description Month of the birth date, 1-12 */
                birth_month?: number;
                /** @description Net spend (purchases minus returns) in the program's home currency, minor units, at least */
                total_spent_min?: number;
                /** @description Net spend in the home currency, minor units, at most */
                total_spent_max?: number;
                /** @description Available points, at least */
                balance_min?: number;
                /** @description Available points, at most */
                balance_max?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of members */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "loyalty_id": "40017265",
                     *           "external_ref": "CRM-10042",
                     *           "status": "pending",
                     *           "status_reason": null,
                     *           "name": "Aysel Mammadova",
                     *           "phone": "+994501234567",
                     *           "email": "aysel@example.com",
                     *           "birth_date": "1990-04-12",
                     *           "gender": null,
                     *           "branch": "Baku Nizami",
                     *           "source": "pos",
                     *           "created_at": "2026-03-01T09:30:00.000Z",
                     *           "updated_at": "2026-03-01T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["MemberPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enrollMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The integrator's own customer reference, unique in the program */
                    external_ref?: string;
                    name?: string;
                    /** @description Mobile number in E.164 format */
                    phone?: string;
                    /** Format: email */
                    email?: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    birth_date?: string;
                    /** @enum {string} */
                    gender?: "female" | "male" | "other" | "undisclosed";
                    /** @description Home branch or store */
                    branch?: string;
                    /**
                     * @description none: the member is active at once. otp: the member is pending until they verify their phone with a 6-digit one-time password (valid 5 minutes, 5 tries), sent through member.otp_requested
                     * @default none
                     * @enum {string}
                     */
                    verification?: "none" | "otp";
                    /**
                     * @description The channel the member enrolls through; stored on the member (null when not given)
                     * @enum {string}
                     */
                    source?: "pos" | "web" | "app" | "link" | "qr" | "operator";
                };
            };
        };
        responses: {
            /** @description The member enrolled, with the loyalty ID assigned */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "loyalty_id": "40017265",
                     *       "external_ref": "CRM-10042",
                     *       "status": "pending",
                     *       "status_reason": null,
                     *       "name": "Aysel Mammadova",
                     *       "phone": "+994501234567",
                     *       "email": "aysel@example.com",
                     *       "birth_date": "1990-04-12",
                     *       "gender": null,
                     *       "branch": "Baku Nizami",
                     *       "source": "pos",
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `member_exists` (A member with this external_ref exists; `member_id` names it). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendMemberOtp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new code issued; member.otp_requested carries it */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "expires_at": "2026-03-01T09:30:00.000Z",
                     *       "max_attempts": 120
                     *     }
                     */
                    "application/json": components["schemas"]["OtpRequest"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `member_not_pending` (The member is not pending verification: already verified, or blocked or deactivated (`member_status`)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds); `otp_rate_limited` (Too many one-time passwords asked for this member lately; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "otp": "482913"
                 *     }
                 */
                "application/json": {
                    /** @description The code the member received */
                    otp: string;
                };
            };
        };
        responses: {
            /** @description The member, now active */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "loyalty_id": "40017265",
                     *       "external_ref": "CRM-10042",
                     *       "status": "pending",
                     *       "status_reason": null,
                     *       "name": "Aysel Mammadova",
                     *       "phone": "+994501234567",
                     *       "email": "aysel@example.com",
                     *       "birth_date": "1990-04-12",
                     *       "gender": null,
                     *       "branch": "Baku Nizami",
                     *       "source": "pos",
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `member_not_pending` (The member is not pending verification: already verified, or blocked or deactivated (`member_status`)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `otp_invalid` (The one-time password is not the code sent (`attempts_left`; `errors` points at /otp)); `otp_expired` (No live one-time password: it expired, was used, ran out of tries or was never issued (`reason`): ask for a new one). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member card */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "loyalty_id": "40017265",
                     *       "external_ref": "CRM-10042",
                     *       "status": "pending",
                     *       "status_reason": null,
                     *       "name": "Aysel Mammadova",
                     *       "phone": "+994501234567",
                     *       "email": "aysel@example.com",
                     *       "birth_date": "1990-04-12",
                     *       "gender": null,
                     *       "branch": "Baku Nizami",
                     *       "source": "pos",
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z",
                     *       "balance": {
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "version": 120
                     *       },
                     *       "tier": {
                     *         "name": "Aysel Mammadova",
                     *         "qualifying_points": 120,
                     *         "next_tier": null,
                     *         "points_to_next": 120
                     *       },
                     *       "purchase_count": 120,
                     *       "return_count": 120,
                     *       "total_spent": [
                     *         {
                     *           "amount": 120,
                     *           "currency": "AZN"
                     *         }
                     *       ],
                     *       "last_activity_at": "2026-03-01T09:30:00.000Z",
                     *       "last_purchase_at": "2026-03-01T09:30:00.000Z",
                     *       "lost_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["MemberCard"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "blocked",
                 *       "status_reason": "card reported stolen"
                 *     }
                 */
                "application/json": {
                    external_ref?: string | null;
                    name?: string | null;
                    phone?: string | null;
                    email?: string | null;
                    birth_date?: string | null;
                    gender?: ("female" | "male" | "other" | "undisclosed") | null;
                    branch?: string | null;
                    /**
                     * @description Setting a pending member active verifies them without a code (member.verified)
                     * @enum {string}
                     */
                    status?: "active" | "blocked" | "deactivated";
                    status_reason?: string;
                };
            };
        };
        responses: {
            /** @description The member as updated */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "loyalty_id": "40017265",
                     *       "external_ref": "CRM-10042",
                     *       "status": "pending",
                     *       "status_reason": null,
                     *       "name": "Aysel Mammadova",
                     *       "phone": "+994501234567",
                     *       "email": "aysel@example.com",
                     *       "birth_date": "1990-04-12",
                     *       "gender": null,
                     *       "branch": "Baku Nizami",
                     *       "source": "pos",
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `member_exists` (A member with this external_ref exists; `member_id` names it). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordPurchase: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "receipt_id": "R-2026-000123",
                 *       "amount": {
                 *         "amount": 2450,
                 *         "currency": "AZN"
                 *       }
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    amount: components["schemas"]["MoneyInput"];
                    store_id?: string;
                    /** @description Where the sale happened (pos, web, app...): promotions may be limited to channels */
                    channel?: string;
                    /**
                     * Format: date-time
                     * @description When the sale happened (default: now); converts at the rate in force then
                     */
                    occurred_at?: string;
                    /** @description What the receipt listed. Their amounts must sum to the purchase amount (422 lines_amount_mismatch); a return can then name lines */
                    lines?: {
                        /** @description The item's stock-keeping unit, unique within the purchase */
                        sku: string;
                        brand?: string;
                        category?: string;
                        /** @description Units bought */
                        quantity: number;
                        /** @description Price of one unit, minor units of the purchase's currency */
                        unit_price: number;
                        /** @description What the line costs before discounts, minor units; the lines sum to the purchase amount */
                        amount: number;
                    }[];
                    /** @description Codes the customer presents; an invalid one refuses the purchase with 422 promo_code_invalid, whatever made it invalid */
                    promo_codes?: {
                        /** @description As printed; case does not matter */
                        code: string;
                        /** @description The code's PIN, when it is bound to the member with one */
                        pin?: string;
                    }[];
                    /** @description The till's receipt number, unique per program */
                    receipt_id: string;
                    /**
                     * @description Commit exactly what this quote showed (409 quote_expired / quote_changed when it no longer can be)
                     * @example qte_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    quote_id?: string;
                };
            };
        };
        responses: {
            /** @description The purchase recorded and the points it earns (or, with Idempotent-Replayed: true, the first answer to this Idempotency-Key) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "purchase": {
                     *         "id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "receipt_id": "R-2026-000173",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "store_id": "store-7",
                     *         "points": 120,
                     *         "base_points": 120,
                     *         "rate": 1.5,
                     *         "rate_set_id": "rts_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "debt_paid": 120,
                     *         "lot": {
                     *           "id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "points": 120,
                     *           "matures_at": "2026-03-01T09:30:00.000Z",
                     *           "expires_at": "2026-03-01T09:30:00.000Z"
                     *         },
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "lines": [
                     *           {
                     *             "sku": "sku",
                     *             "brand": null,
                     *             "category": null,
                     *             "quantity": 120,
                     *             "unit_price": 120,
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "discount": {
                     *           "amount": 0,
                     *           "currency": "AZN"
                     *         },
                     *         "net_amount": {
                     *           "amount": 0,
                     *           "currency": "AZN"
                     *         },
                     *         "promotions": {
                     *           "applied": [
                     *             {
                     *               "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *               "name": "Aysel Mammadova",
                     *               "visibility": "visible",
                     *               "effect_type": "effect type",
                     *               "discount": 120,
                     *               "points": 120,
                     *               "gift": null,
                     *               "code": null
                     *             }
                     *           ],
                     *           "lines": [
                     *             {
                     *               "line_no": 120,
                     *               "sku": "sku",
                     *               "amount": 120,
                     *               "discount": 120,
                     *               "net_amount": 120,
                     *               "applied": [
                     *                 {
                     *                   "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *                   "discount": 120,
                     *                   "points": 120
                     *                 }
                     *               ]
                     *             }
                     *           ],
                     *           "extra_points": 120
                     *         },
                     *         "issued_codes": [
                     *           {
                     *             "code": "code",
                     *             "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *             "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *             "max_uses": 120,
                     *             "valid_from": "valid from",
                     *             "valid_until": "valid until",
                     *             "issued_by_purchase": "issued by purchase"
                     *           }
                     *         ],
                     *         "quote_id": "qte_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "bonus": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "tier_change": {
                     *         "from": "from",
                     *         "to": "to",
                     *         "qualifying_points": 120
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PurchaseRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `duplicate_receipt` (This receipt_id was already recorded); `quote_expired` (The quote expired or was already committed (`quote_id`): ask for a new one); `quote_changed` (What the quote promised is no longer available: a promotion changed or a limit ran out (`promotion_id`)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `lines_amount_mismatch` (The amounts of the lines do not sum to the purchase amount (`lines_amount`; `errors` points at /lines)); `duplicate_line_sku` (Two lines name the same sku (`errors` points at the second)); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)); `amount_too_large` (The amount converts to more points than a write may carry); `unsupported_currency` (The program has no rate for this currency); `promo_code_invalid` (A presented promo code cannot be used, whatever the reason (unknown, wrong or missing PIN, locked, revoked, expired, used up, another member's): `errors` points at /promo_codes/{i}/code); `duplicate_promo_code` (The same promo code is presented twice (`errors` points at the second)); `quote_not_found` (quote_id names no quote of this member (`errors` points at /quote_id)); `quote_mismatch` (The purchase differs from what was quoted: amount, lines, store, channel or codes (`errors` points at /quote_id)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    quotePurchase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "amount": {
                 *         "amount": 2450,
                 *         "currency": "AZN"
                 *       }
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    amount: components["schemas"]["MoneyInput"];
                    store_id?: string;
                    /** @description Where the sale happened (pos, web, app...): promotions may be limited to channels */
                    channel?: string;
                    /**
                     * Format: date-time
                     * @description When the sale happened (default: now); converts at the rate in force then
                     */
                    occurred_at?: string;
                    /** @description What the receipt listed. Their amounts must sum to the purchase amount (422 lines_amount_mismatch); a return can then name lines */
                    lines?: {
                        /** @description The item's stock-keeping unit, unique within the purchase */
                        sku: string;
                        brand?: string;
                        category?: string;
                        /** @description Units bought */
                        quantity: number;
                        /** @description Price of one unit, minor units of the purchase's currency */
                        unit_price: number;
                        /** @description What the line costs before discounts, minor units; the lines sum to the purchase amount */
                        amount: number;
                    }[];
                    /** @description Codes the customer presents; an invalid one refuses the purchase with 422 promo_code_invalid, whatever made it invalid */
                    promo_codes?: {
                        /** @description As printed; case does not matter */
                        code: string;
                        /** @description The code's PIN, when it is bound to the member with one */
                        pin?: string;
                    }[];
                    /** @description The till's receipt number, unique per program */
                    receipt_id?: string;
                };
            };
        };
        responses: {
            /** @description What the purchase would get: per line the promotions that apply and why the others do not, the discount, the net amount, the points, and the quote_id to commit it */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "quote_id": "qte_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "expires_at": "2026-03-01T09:30:00.000Z",
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "amount": {
                     *         "amount": 2450,
                     *         "currency": "AZN"
                     *       },
                     *       "discount": {
                     *         "amount": 0,
                     *         "currency": "AZN"
                     *       },
                     *       "net_amount": {
                     *         "amount": 0,
                     *         "currency": "AZN"
                     *       },
                     *       "points": {
                     *         "base": 120,
                     *         "extra": 120,
                     *         "total": 120
                     *       },
                     *       "applied": [
                     *         {
                     *           "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "name": "Aysel Mammadova",
                     *           "visibility": "visible",
                     *           "effect_type": "effect type",
                     *           "discount": 120,
                     *           "points": 120,
                     *           "gift": null,
                     *           "issue_code": {
                     *             "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *             "valid_until": "valid until"
                     *           }
                     *         }
                     *       ],
                     *       "rejected": [
                     *         {
                     *           "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "reason": "not_started"
                     *         }
                     *       ],
                     *       "lines": [
                     *         {
                     *           "line_no": 120,
                     *           "sku": "sku",
                     *           "amount": 120,
                     *           "discount": 120,
                     *           "net_amount": 120,
                     *           "applied": [
                     *             {
                     *               "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *               "discount": 120,
                     *               "points": 120
                     *             }
                     *           ],
                     *           "rejected": [
                     *             {
                     *               "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *               "reason": "not_started"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PurchaseQuote"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `promo_code_invalid` (A presented promo code cannot be used, whatever the reason (unknown, wrong or missing PIN, locked, revoked, expired, used up, another member's): `errors` points at /promo_codes/{i}/code); `duplicate_promo_code` (The same promo code is presented twice (`errors` points at the second)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordReturn: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Purchase id (TypeID with prefix pur_)
                 * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "receipt_id": "RR-2026-000045",
                 *       "amount": {
                 *         "amount": 1000,
                 *         "currency": "AZN"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description The return receipt, unique per program */
                    receipt_id: string;
                    amount?: components["schemas"]["MoneyInput"];
                    /** @description The units returned, by line; give this or amount */
                    lines?: {
                        /** @description The item's stock-keeping unit, unique within the purchase */
                        sku: string;
                        /** @description Units returned */
                        quantity: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description The return recorded and the points clawed back (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "return": {
                     *         "id": "ret_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "receipt_id": "R-2026-000173",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "points": 120,
                     *         "clawed_from_purchase": 120,
                     *         "clawed_from_balance": 120,
                     *         "debt": 120,
                     *         "forgiven": 120,
                     *         "lines": [
                     *           {
                     *             "sku": "sku",
                     *             "quantity": 120,
                     *             "amount": 120,
                     *             "returned_quantity": 120,
                     *             "returned_amount": 120
                     *           }
                     *         ],
                     *         "promotions_revoked": [
                     *           {
                     *             "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *             "points": 120,
                     *             "issued_code": null,
                     *             "code_revoked": false,
                     *             "code_value_points": 120
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ReturnRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `purchase_not_found` (No such purchase). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_points` (Not enough points: `available` and `requested` say how many); `member_deactivated` (The member is deactivated); `return_exceeds_purchase` (The return is larger than what is left of the purchase); `duplicate_line_sku` (Two lines name the same sku (`errors` points at the second)); `return_amount_or_lines` (A return gives exactly one of amount and lines); `unknown_line` (The purchase has no line with this sku (`sku`; `errors` points at it)); `return_exceeds_line` (More units than are left of the line (`sku`, `returnable_quantity`; `errors` points at it)); `return_amount_zero` (The units named come to no money (a line priced below one minor unit per unit)); `currency_mismatch` (The return is in another currency than the purchase (`currency`)); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)); `amount_too_large` (The amount converts to more points than a write may carry). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redeemPoints: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "points": 500,
                 *       "reason": "coffee"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    /** @description Points (integer), at most 1000000000 */
                    points: number;
                    reason?: string;
                    store_id?: string;
                };
            };
        };
        responses: {
            /** @description The redemption recorded and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "redemption": {
                     *         "id": "red_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "reversed": 120,
                     *         "reason": "goodwill",
                     *         "store_id": "store-7",
                     *         "created_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RedemptionRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_points` (Not enough points: `available` and `requested` say how many); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reverseRedemption: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Redemption id (TypeID with prefix red_)
                 * @example red_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "points": 200,
                 *       "reason": "order cancelled"
                 *     }
                 */
                "application/json": {
                    /** @description Points (integer), at most 1000000000 */
                    points?: number;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The reversal recorded and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "reversal": {
                     *         "id": "rev_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "redemption_id": "red_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "remaining_reversible": 120
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ReversalRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `redemption_not_found` (No such redemption). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_deactivated` (The member is deactivated); `reversal_exceeds_redemption` (More than what can still be reversed (`reversible`)); `idempotency_key_reused` (The Idempotency-Key was used with another request); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "points": 300
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    /** @description Points (integer), at most 1000000000 */
                    points: number;
                    /**
                     * Format: date-time
                     * @description RFC 3339 timestamp
                     */
                    expires_at?: string;
                    reason?: string;
                    store_id?: string;
                };
            };
        };
        responses: {
            /** @description The hold placed and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "hold": {
                     *         "id": "hld_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "captured": 120,
                     *         "status": "active",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "closed_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HoldRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_points` (Not enough points: `available` and `requested` say how many); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    captureHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Hold id (TypeID with prefix hld_)
                 * @example hld_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "points": 250
                 *     }
                 */
                "application/json": {
                    /** @description Points (integer), at most 1000000000 */
                    points?: number;
                };
            };
        };
        responses: {
            /** @description The hold as captured and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "hold": {
                     *         "id": "hld_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "captured": 120,
                     *         "status": "active",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "closed_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HoldCaptured"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `hold_not_found` (No such hold). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `hold_captured` (The hold was already captured); `hold_voided` (The hold was voided); `hold_expired` (The hold expired). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_points` (Not enough points: `available` and `requested` say how many); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `capture_exceeds_hold` (More than the hold (`held`)); `idempotency_key_reused` (The Idempotency-Key was used with another request); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    voidHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Hold id (TypeID with prefix hld_)
                 * @example hld_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hold as voided and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "hold": {
                     *         "id": "hld_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "captured": 120,
                     *         "status": "active",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "closed_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HoldVoided"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `hold_not_found` (No such hold). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `hold_captured` (The hold was already captured); `hold_voided` (The hold was voided); `hold_expired` (The hold expired). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adjustPoints: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "points": 150,
                 *       "reason": "goodwill: late delivery"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    /** @description Positive: credit; negative: debit; at most 1000000000 either way */
                    points: number;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The adjustment recorded and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "adjustment": {
                     *         "id": "adj_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "reason": "goodwill",
                     *         "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AdjustmentRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_points` (Not enough points: `available` and `requested` say how many); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPartnerTransfer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "partner": "skymiles",
                 *       "external_id": "TR-88213",
                 *       "points": 1000
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    /** @description The platform the points come from, as the program names it (lowercase, so one partner has one name) */
                    partner: string;
                    /** @description The partner's id for this transfer: a transfer is recorded once per partner and external_id */
                    external_id: string;
                    /** @description Points the partner transferred, before the bonus (integer, at most 1000000000) */
                    points: number;
                };
            };
        };
        responses: {
            /** @description The transfer recorded with its bonus, and the balance after it (or the first answer to this transfer or Idempotency-Key, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "partner_transfer": {
                     *         "id": "ptr_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "partner": "partner",
                     *         "external_id": "external id",
                     *         "points": 120,
                     *         "bonus": 120,
                     *         "credited": 120,
                     *         "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PartnerTransferRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `partner_transfer_mismatch` (This partner and external_id were already transferred, to another member or with other points (`partner_transfer_id` names the first)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)); `amount_too_large` (The amount converts to more points than a write may carry). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBalance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's points figures */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "available": 120,
                     *       "pending": 120,
                     *       "held": 120,
                     *       "debt": 120,
                     *       "lifetime": {
                     *         "earned": 120,
                     *         "redeemed": 120,
                     *         "expired": 120
                     *       },
                     *       "tier": {
                     *         "name": "Aysel Mammadova",
                     *         "qualifying_points": 120,
                     *         "next_tier": null,
                     *         "points_to_next": 120
                     *       },
                     *       "expiring": [
                     *         {
                     *           "date": "date",
                     *           "points": 120
                     *         }
                     *       ],
                     *       "version": 120,
                     *       "value": {
                     *         "amount": 120,
                     *         "currency": "AZN"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["MemberBalance"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMemberTransactions: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /** @description Comma-separated transaction types: earn, bonus, return, redeem, reversal, hold, capture, void, hold_expire, adjust, mature, expire, debt_payment, benefit, convert, renew, decay, extend, partner_transfer */
                type?: string;
                /** @description Occurred at or after */
                from?: string;
                /** @description Occurred before */
                to?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the member's transactions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "type": "earn",
                     *           "points": 120,
                     *           "resource_id": null,
                     *           "ref_id": null,
                     *           "external_ref": "CRM-10042",
                     *           "occurred_at": "2026-03-01T09:30:00.000Z",
                     *           "recorded_at": "2026-03-01T09:30:00.000Z",
                     *           "version": 120,
                     *           "data": {
                     *             "amount": 120,
                     *             "currency": "AZN",
                     *             "rate": 1.5,
                     *             "store_id": "store-7",
                     *             "lines": [],
                     *             "debt_paid": 120,
                     *             "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *           },
                     *           "entries": [
                     *             {
                     *               "account": "available",
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "lots": [
                     *             {
                     *               "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *               "points": 120,
                     *               "expires_at": "2026-03-01T09:30:00.000Z"
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["TransactionPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMemberStatement: {
        parameters: {
            query: {
                /** @description RFC 3339 timestamp */
                from: string;
                /** @description Default: now */
                to?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Opening balance, movements and closing balance of each account for the period */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "from": "from",
                     *       "to": "to",
                     *       "opening": {
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120
                     *       },
                     *       "movements": [
                     *         {
                     *           "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "type": "earn",
                     *           "points": 120,
                     *           "resource_id": null,
                     *           "ref_id": null,
                     *           "external_ref": "CRM-10042",
                     *           "occurred_at": "2026-03-01T09:30:00.000Z",
                     *           "recorded_at": "2026-03-01T09:30:00.000Z",
                     *           "version": 120,
                     *           "data": {
                     *             "AZN": null
                     *           },
                     *           "changes": {
                     *             "available": 120,
                     *             "pending": 120,
                     *             "held": 120,
                     *             "debt": 120
                     *           }
                     *         }
                     *       ],
                     *       "closing": {
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Statement"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    creditWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": {
                 *         "amount": 500,
                 *         "currency": "USD"
                 *       },
                 *       "reason": "goodwill: late delivery"
                 *     }
                 */
                "application/json": {
                    amount: components["schemas"]["MoneyInput"];
                    reason: string;
                    /**
                     * Format: date-time
                     * @description When the money expires (default: never); must be in the future
                     */
                    expires_at?: string;
                };
            };
        };
        responses: {
            /** @description The credit recorded, and the wallet's currency after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "wallet_credit",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "wallet_available:USD",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet": {
                     *         "currency": "AZN",
                     *         "available": 120,
                     *         "held": 120,
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "credit": {
                     *         "id": "wcr_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "reason": "goodwill",
                     *         "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "expires_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletCredited"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    debitWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": {
                 *         "amount": 300,
                 *         "currency": "USD"
                 *       },
                 *       "receipt_id": "R-10442"
                 *     }
                 */
                "application/json": {
                    amount: components["schemas"]["MoneyInput"];
                    /** @description The till's receipt number: paid from the wallet once */
                    receipt_id: string;
                };
            };
        };
        responses: {
            /** @description The debit recorded, and the wallet's currency after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "wallet_credit",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "wallet_available:USD",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet": {
                     *         "currency": "AZN",
                     *         "available": 120,
                     *         "held": 120,
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "debit": {
                     *         "id": "wdb_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "receipt_id": "R-2026-000173"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletDebited"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `duplicate_receipt` (This receipt_id was already recorded). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_funds` (Not enough money in the wallet: `available` and `requested` say how much, in minor units of `currency`); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWalletHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": {
                 *         "amount": 1200,
                 *         "currency": "USD"
                 *       },
                 *       "reason": "fuel pump 4"
                 *     }
                 */
                "application/json": {
                    amount: components["schemas"]["MoneyInput"];
                    reason?: string;
                    /**
                     * Format: date-time
                     * @description When the hold lapses (default: now + hold_ttl_minutes); must be in the future
                     */
                    expires_at?: string;
                };
            };
        };
        responses: {
            /** @description The hold created, and the wallet's currency after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "wallet_credit",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "wallet_available:USD",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet": {
                     *         "currency": "AZN",
                     *         "available": 120,
                     *         "held": 120,
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "hold": {
                     *         "id": "whl_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "captured": 120,
                     *         "status": "active",
                     *         "reason": "goodwill",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "closed_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletHoldResult"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_funds` (Not enough money in the wallet: `available` and `requested` say how much, in minor units of `currency`); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    captureWalletHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /**
                 * @description Wallet hold id (TypeID with prefix whl_)
                 * @example whl_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                hold_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 950
                 *     }
                 */
                "application/json": {
                    /** @description Minor units of the hold's currency, at most the hold */
                    amount?: number;
                };
            };
        };
        responses: {
            /** @description The hold captured, and the wallet's currency after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "wallet_credit",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "wallet_available:USD",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet": {
                     *         "currency": "AZN",
                     *         "available": 120,
                     *         "held": 120,
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "hold": {
                     *         "id": "whl_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "captured": 120,
                     *         "status": "active",
                     *         "reason": "goodwill",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "closed_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletHoldResult"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `hold_not_found` (No such hold). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `hold_captured` (The hold was already captured); `hold_voided` (The hold was voided); `hold_expired` (The hold expired). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `capture_exceeds_hold` (More than the hold (`held`)); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    voidWalletHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /**
                 * @description Wallet hold id (TypeID with prefix whl_)
                 * @example whl_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                hold_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hold voided, and the wallet's currency after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "wallet_credit",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "wallet_available:USD",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet": {
                     *         "currency": "AZN",
                     *         "available": 120,
                     *         "held": 120,
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "hold": {
                     *         "id": "whl_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "captured": 120,
                     *         "status": "active",
                     *         "reason": "goodwill",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "closed_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletHoldResult"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `hold_not_found` (No such hold). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `hold_captured` (The hold was already captured); `hold_voided` (The hold was voided); `hold_expired` (The hold expired). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reverseWalletDebit: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /**
                 * @description Wallet debit id (TypeID with prefix wdb_)
                 * @example wdb_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                debit_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 300,
                 *       "reason": "sale cancelled"
                 *     }
                 */
                "application/json": {
                    /** @description Minor units of the debit's currency (default: all that can still be reversed) */
                    amount?: number;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The reversal recorded, and the wallet's currency after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "wallet_credit",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "wallet_available:USD",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet": {
                     *         "currency": "AZN",
                     *         "available": 120,
                     *         "held": 120,
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "reversal": {
                     *         "id": "wrv_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "debit_id": "debit id",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "remaining_reversible": 120,
                     *         "reason": "goodwill"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WalletReversed"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `debit_not_found` (The member has no such wallet debit). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `reversal_exceeds_debit` (More than what can still be reversed of the debit (`reversible`, `requested`, `currency`)); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's money per currency */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "balances": [
                     *         {
                     *           "currency": "AZN",
                     *           "available": 120,
                     *           "held": 120,
                     *           "expiring": [
                     *             {
                     *               "date": "date",
                     *               "amount": 120
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Wallet"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWalletTransactions: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /** @description Only this currency */
                currency?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the member's wallet transactions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "type": "wallet_credit",
                     *           "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "amount": {
                     *             "amount": 2450,
                     *             "currency": "AZN"
                     *           },
                     *           "resource_id": null,
                     *           "ref_id": null,
                     *           "external_ref": "CRM-10042",
                     *           "occurred_at": "2026-03-01T09:30:00.000Z",
                     *           "recorded_at": "2026-03-01T09:30:00.000Z",
                     *           "version": 120,
                     *           "data": {
                     *             "AZN": null
                     *           },
                     *           "entries": [
                     *             {
                     *               "account": "wallet_available:USD",
                     *               "amount": 120
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["WalletTransactionPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueGiftCard: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "amount": {
                 *         "amount": 5000,
                 *         "currency": "AZN"
                 *       },
                 *       "phone": "+994501234567"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description The completed purchase that paid for the card
                     * @example pur_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    purchase_id: string;
                    amount: components["schemas"]["MoneyInput"];
                    /** @description Mobile number in E.164 format */
                    phone: string;
                    /**
                     * Format: date-time
                     * @description When money left on the card expires (default: never); must be in the future
                     */
                    expires_at?: string;
                };
            };
        };
        responses: {
            /** @description The card, its code (shown only here) and its issue transaction (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "gift_card": {
                     *         "id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "status": "active",
                     *         "loaded": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "balance": {
                     *           "amount": 0,
                     *           "currency": "AZN"
                     *         },
                     *         "phone": "+994501234567",
                     *         "code_hint": "code hint",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z"
                     *       },
                     *       "code": "code",
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "gift_card_issue",
                     *         "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "gift_card:AZN",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["IssuedGiftCard"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `purchase_not_found` (No such purchase). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `purchase_returned` (The purchase was returned in full: no card can be loaded against it). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `gift_card_exceeds_purchase` (Cards loaded against the purchase would exceed what it paid (`paid`, `loaded`, `loadable`; `errors` points at /amount/amount)); `currency_mismatch` (The return is in another currency than the purchase (`currency`)); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGiftCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The gift card */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "status": "active",
                     *       "loaded": {
                     *         "amount": 2450,
                     *         "currency": "AZN"
                     *       },
                     *       "balance": {
                     *         "amount": 0,
                     *         "currency": "AZN"
                     *       },
                     *       "phone": "+994501234567",
                     *       "code_hint": "code hint",
                     *       "expires_at": "2026-03-01T09:30:00.000Z",
                     *       "created_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["GiftCard"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `gift_card_not_found` (No such gift card in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGiftCardStatement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card and its movements, oldest first */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "gift_card": {
                     *         "id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "status": "active",
                     *         "loaded": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "balance": {
                     *           "amount": 0,
                     *           "currency": "AZN"
                     *         },
                     *         "phone": "+994501234567",
                     *         "code_hint": "code hint",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z"
                     *       },
                     *       "transactions": [
                     *         {
                     *           "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "type": "gift_card_issue",
                     *           "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "amount": {
                     *             "amount": 2450,
                     *             "currency": "AZN"
                     *           },
                     *           "resource_id": null,
                     *           "ref_id": null,
                     *           "external_ref": "CRM-10042",
                     *           "occurred_at": "2026-03-01T09:30:00.000Z",
                     *           "version": 120,
                     *           "data": {
                     *             "AZN": null
                     *           },
                     *           "entries": [
                     *             {
                     *               "account": "gift_card:AZN",
                     *               "amount": 120
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["GiftCardStatement"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `gift_card_not_found` (No such gift card in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestGiftCardOtp: {
        parameters: {
            query?: {
                /** @description What the password authorises: a spend at a till (POST .../spends) or moving the card into a wallet (POST .../transfers) */
                purpose?: "spend" | "transfer";
            };
            header?: never;
            path: {
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A password was sent in gift_card.otp_requested: when it expires, and how many tries it has */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "purpose": "spend",
                     *       "phone": "+994501234567",
                     *       "expires_at": "2026-03-01T09:30:00.000Z",
                     *       "max_attempts": 120
                     *     }
                     */
                    "application/json": components["schemas"]["GiftCardOtpRequest"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `gift_card_not_found` (No such gift card in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `gift_card_expired` (The gift card expired: what was left moved to gift_card_expired); `gift_card_empty` (The gift card has no money left). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds); `otp_rate_limited` (Too many one-time passwords asked for this member lately; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    spendGiftCard: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "GC-7K2M9QX4T8R1VB3N6P0D5HJW",
                 *       "otp": "482913",
                 *       "amount": {
                 *         "amount": 3000,
                 *         "currency": "AZN"
                 *       },
                 *       "receipt_id": "R-10442"
                 *     }
                 */
                "application/json": {
                    /** @description The card code, as printed (case, spaces and dashes do not matter) */
                    code: string;
                    /** @description The one-time password sent to the card's phone */
                    otp: string;
                    amount: components["schemas"]["MoneyInput"];
                    /** @description The till's receipt number: paid with the card once */
                    receipt_id: string;
                };
            };
        };
        responses: {
            /** @description The spend, the card after it and its transaction (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "spend": {
                     *         "id": "gcs_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "receipt_id": "R-2026-000173"
                     *       },
                     *       "gift_card": {
                     *         "id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "status": "active",
                     *         "loaded": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "balance": {
                     *           "amount": 0,
                     *           "currency": "AZN"
                     *         },
                     *         "phone": "+994501234567",
                     *         "code_hint": "code hint",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z"
                     *       },
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "gift_card_issue",
                     *         "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "gift_card:AZN",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["GiftCardSpendResult"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `gift_card_not_found` (No such gift card in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `duplicate_receipt` (This receipt_id was already recorded); `gift_card_expired` (The gift card expired: what was left moved to gift_card_expired). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_funds` (Not enough money in the wallet: `available` and `requested` say how much, in minor units of `currency`); `otp_invalid` (The one-time password is not the code sent (`attempts_left`; `errors` points at /otp)); `otp_expired` (No live one-time password: it expired, was used, ran out of tries or was never issued (`reason`): ask for a new one); `currency_mismatch` (The return is in another currency than the purchase (`currency`)); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    transferGiftCard: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Gift card id (TypeID with prefix gcd_)
                 * @example gcd_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "GC-7K2M9QX4T8R1VB3N6P0D5HJW",
                 *       "otp": "482913",
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                 *     }
                 */
                "application/json": {
                    /** @description The card code, as printed (case, spaces and dashes do not matter) */
                    code: string;
                    /** @description The one-time password sent to the card's phone */
                    otp: string;
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    amount?: components["schemas"]["MoneyInput"];
                };
            };
        };
        responses: {
            /** @description The transfer, the card after it, its transaction and the member's wallet credit (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transfer": {
                     *         "id": "gct_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "wallet_lot_id": "wlt_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "expires_at": "2026-03-01T09:30:00.000Z"
                     *       },
                     *       "gift_card": {
                     *         "id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "purchase_id": "pur_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "status": "active",
                     *         "loaded": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "balance": {
                     *           "amount": 0,
                     *           "currency": "AZN"
                     *         },
                     *         "phone": "+994501234567",
                     *         "code_hint": "code hint",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z"
                     *       },
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "gift_card_issue",
                     *         "gift_card_id": "gcd_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "amount": {
                     *           "amount": 2450,
                     *           "currency": "AZN"
                     *         },
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "AZN": null
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "gift_card:AZN",
                     *             "amount": 120
                     *           }
                     *         ]
                     *       },
                     *       "wallet_transaction": {
                     *         "AZN": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["GiftCardTransferResult"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `gift_card_not_found` (No such gift card in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `gift_card_expired` (The gift card expired: what was left moved to gift_card_expired); `gift_card_empty` (The gift card has no money left). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_funds` (Not enough money in the wallet: `available` and `requested` say how much, in minor units of `currency`); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `otp_invalid` (The one-time password is not the code sent (`attempts_left`; `errors` points at /otp)); `otp_expired` (No live one-time password: it expired, was used, ran out of tries or was never issued (`reason`): ask for a new one); `member_deactivated` (The member is deactivated); `currency_mismatch` (The return is in another currency than the purchase (`currency`)); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTrialBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each invariant checked, with the number of violations and examples */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": false,
                     *       "checks": [
                     *         {
                     *           "name": "Aysel Mammadova",
                     *           "description": "CRM sync",
                     *           "ok": false,
                     *           "violations": 120,
                     *           "examples": [
                     *             "examples"
                     *           ]
                     *         }
                     *       ],
                     *       "accounts": {
                     *         "AZN": 120
                     *       },
                     *       "transactions": 120
                     *     }
                     */
                    "application/json": components["schemas"]["TrialBalance"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: "mature" | "expire" | "expire-holds" | "tier-review" | "tier-benefits" | "velocity-sweep" | "expiry-warnings" | "inactivity-decay" | "birthdays" | "win-back";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "as_of": "2027-03-01T00:00:00Z"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: date-time
                     * @description Default: now. At most a day ahead of the server's clock unless allow_future is set, and never later than 2200-12-31T23:59:59.999Z.
                     */
                    as_of?: string;
                    /** @description Run as of an instant more than a day ahead of the server's clock (rehearsals, tests): what falls due by then is settled for good. Default: false */
                    allow_future?: boolean;
                };
            };
        };
        responses: {
            /** @description What the job run did */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job": "mature",
                     *       "as_of": "as of",
                     *       "members": 120,
                     *       "points_matured": 120,
                     *       "points_expired": 120,
                     *       "holds_expired": 120,
                     *       "tiers_lowered": 120,
                     *       "benefits_points": 120,
                     *       "members_blocked": 120,
                     *       "points_decayed": 120,
                     *       "events": 120,
                     *       "codes_issued": 120
                     *     }
                     */
                    "application/json": components["schemas"]["JobResult"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `as_of_out_of_range` (as_of is past the latest instant the ledger stores (`latest`)); `as_of_in_future` (as_of is more than a day ahead; send allow_future (`latest`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLiability: {
        parameters: {
            query?: {
                /** @description Default: now */
                as_of?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Points outstanding by cohort and expiry month, valued, with breakage, as of the instant */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "as_of": "as of",
                     *       "currency": "AZN",
                     *       "point_value": 1.5,
                     *       "totals": {
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "outstanding": 120,
                     *         "value": {
                     *           "amount": 120,
                     *           "currency": "AZN"
                     *         }
                     *       },
                     *       "breakage": {
                     *         "issued": 120,
                     *         "expired": 120,
                     *         "rate": 1.5
                     *       },
                     *       "by_cohort": [
                     *         {
                     *           "cohort": "cohort",
                     *           "issued": 120,
                     *           "outstanding": 120,
                     *           "expired": 120,
                     *           "breakage_rate": 1.5,
                     *           "value": {
                     *             "amount": 120,
                     *             "currency": "AZN"
                     *           }
                     *         }
                     *       ],
                     *       "by_expiry": [
                     *         {
                     *           "expiry_month": null,
                     *           "points": 120,
                     *           "value": {
                     *             "amount": 120,
                     *             "currency": "AZN"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Liability"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `as_of_not_yet` (as_of is later than the server's clock: figures as of the future do not exist yet (`latest`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `analytics_timeout` (The report or search ran longer than ANALYTICS_STATEMENT_TIMEOUT_MS and was cut off; narrow it (filters, as_of) or retry later); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchTransactions: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /** @description Comma-separated transaction types: earn, bonus, return, redeem, reversal, hold, capture, void, hold_expire, adjust, mature, expire, debt_payment, benefit, convert, renew, decay, extend, partner_transfer */
                type?: string;
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id?: string;
                /** @description The store a purchase, redemption or hold named */
                store_id?: string;
                /** @description The receipt id of a purchase or return */
                receipt_id?: string;
                /** @description Occurred at or after */
                from?: string;
                /** @description Occurred before */
                to?: string;
                /** @description The transaction's headline points, at least */
                min_points?: number;
                /** @description The transaction's headline points, at most */
                max_points?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the program's points transactions, newest first */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "type": "earn",
                     *           "points": 120,
                     *           "resource_id": null,
                     *           "ref_id": null,
                     *           "external_ref": "CRM-10042",
                     *           "occurred_at": "2026-03-01T09:30:00.000Z",
                     *           "recorded_at": "2026-03-01T09:30:00.000Z",
                     *           "version": 120,
                     *           "data": {
                     *             "amount": 120,
                     *             "currency": "AZN",
                     *             "rate": 1.5,
                     *             "store_id": "store-7",
                     *             "lines": [],
                     *             "debt_paid": 120,
                     *             "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *           },
                     *           "entries": [
                     *             {
                     *               "account": "available",
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["ProgramTransactionPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `analytics_timeout` (The report or search ran longer than ANALYTICS_STATEMENT_TIMEOUT_MS and was cut off; narrow it (filters, as_of) or retry later); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRateSets: {
        parameters: {
            query?: {
                /** @description RFC 3339 timestamp */
                at?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rate sets (a single page) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "rts_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "rates": {
                     *             "AZN": 1.5
                     *           },
                     *           "effective_from": "effective from",
                     *           "effective_to": null,
                     *           "locks": {
                     *             "AZN": "text"
                     *           },
                     *           "locked_until": "locked until",
                     *           "created_at": "2026-03-01T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["RateSetPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRateSet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rates": {
                 *         "USD": 12,
                 *         "EUR": 15,
                 *         "AZN": 8,
                 *         "GBP": 15
                 *       },
                 *       "effective_from": "2027-01-01T00:00:00Z"
                 *     }
                 */
                "application/json": {
                    rates: {
                        [key: string]: number;
                    };
                    /**
                     * Format: date-time
                     * @description Default: now
                     */
                    effective_from?: string;
                };
            };
        };
        responses: {
            /** @description The rate set added */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "rts_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "rates": {
                     *         "AZN": 1.5
                     *       },
                     *       "effective_from": "effective from",
                     *       "effective_to": null,
                     *       "locks": {
                     *         "AZN": "text"
                     *       },
                     *       "locked_until": "locked until",
                     *       "created_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["RateSet"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `rate_locked` (A rate set already starts later (409), or the rates are held until their review periods pass (422)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `rate_locked` (A rate set already starts later (409), or the rates are held until their review periods pass (422)); `unsupported_currency` (The program has no rate for this currency). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    quoteConversion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "direction": "points_to_money",
                 *       "points": 1400,
                 *       "currency": "EUR"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    /** @enum {string} */
                    direction: "points_to_money" | "money_to_points";
                    /** @description points_to_money: the points to cash out */
                    points?: number;
                    /** @description points_to_money: the currency to pay out in */
                    currency?: string;
                    amount?: components["schemas"]["MoneyInput"];
                };
            };
        };
        responses: {
            /** @description The price of the conversion; nothing is written */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "direction": "points_to_money",
                     *       "points": 120,
                     *       "amount": 120,
                     *       "currency": "AZN",
                     *       "fee_bps": 120,
                     *       "fee": 120,
                     *       "gross": 120,
                     *       "rate": 1.5,
                     *       "rate_set_id": "rts_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "home_amount": 120,
                     *       "home_currency": "AZN",
                     *       "withdrawal_allowance": {
                     *         "per_day": {
                     *           "cap": 120,
                     *           "used": 120,
                     *           "remaining": 120
                     *         },
                     *         "per_month": {
                     *           "cap": 120,
                     *           "used": 120,
                     *           "remaining": 120
                     *         },
                     *         "currency": "AZN"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ConversionQuote"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `amount_too_large` (The amount converts to more points than a write may carry); `conversion_too_small` (The conversion comes to nothing after rounding); `unsupported_currency` (The program has no rate for this currency). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createConversion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                 *       "direction": "points_to_money",
                 *       "points": 1400,
                 *       "currency": "EUR"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Member id (TypeID with prefix mem_)
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id: string;
                    /** @enum {string} */
                    direction: "points_to_money" | "money_to_points";
                    /** @description points_to_money: the points to cash out */
                    points?: number;
                    /** @description points_to_money: the currency to pay out in */
                    currency?: string;
                    amount?: components["schemas"]["MoneyInput"];
                };
            };
        };
        responses: {
            /** @description The conversion recorded and the balance after it (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "conversion": {
                     *         "id": "cnv_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "created_at": "2026-03-01T09:30:00.000Z",
                     *         "direction": "points_to_money",
                     *         "points": 120,
                     *         "amount": 120,
                     *         "currency": "AZN",
                     *         "fee_bps": 120,
                     *         "fee": 120,
                     *         "gross": 120,
                     *         "rate": 1.5,
                     *         "rate_set_id": "rts_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "home_amount": 120,
                     *         "home_currency": "AZN"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ConversionRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `insufficient_points` (Not enough points: `available` and `requested` say how many); `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)); `amount_too_large` (The amount converts to more points than a write may carry); `conversion_too_small` (The conversion comes to nothing after rounding); `unsupported_currency` (The program has no rate for this currency). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description next_cursor of the previous answer; omit to start at the first event */
                cursor?: string;
                /** @description The same as cursor (its older name); when both are given they must be equal */
                after?: string;
                /** @description Comma-separated event types to return (default: all): member.enrolled, member.updated, member.blocked, member.unblocked, member.birthday_upcoming, member.inactive, member.otp_requested, member.verified, points.earned, points.returned, points.redeemed, points.reversed, points.adjusted, points.matured, points.expiring, points.expired, points.renewable, points.renewed, points.decayed, points.extended, points.debt_paid, hold.created, hold.captured, hold.voided, hold.expired, conversion.completed, wallet.credited, wallet.debited, wallet.held, wallet.hold_released, gift_card.issued, gift_card.otp_requested, gift_card.spent, gift_card.transferred, gift_card.expired, tier.changed, promotion.applied, promo_code.issued, promo_code.redeemed, promotion.revoked */
                types?: string;
                /**
                 * @description Only this member's events
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id?: string;
                /** @description Most events to return (1-1000) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events after the cursor, and the cursor to read on from */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "evt_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "occurred_at": "2026-03-01T09:30:00.000Z",
                     *           "timestamp": "2026-03-01T09:30:00.000Z",
                     *           "recorded_at": "2026-03-01T09:30:00.000Z",
                     *           "program_id": "prg_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "type": "member.enrolled",
                     *           "data": {
                     *             "member": {
                     *               "id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *               "loyalty_id": "40017265",
                     *               "external_ref": "CRM-10042",
                     *               "status": "pending",
                     *               "status_reason": null,
                     *               "name": "Aysel Mammadova",
                     *               "phone": "+994501234567",
                     *               "email": "aysel@example.com",
                     *               "birth_date": "1990-04-12",
                     *               "gender": null,
                     *               "branch": "Baku Nizami",
                     *               "source": "pos",
                     *               "created_at": "2026-03-01T09:30:00.000Z",
                     *               "updated_at": "2026-03-01T09:30:00.000Z"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "next_cursor": "next cursor",
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No longer available. Codes: `cursor_expired` (Events after this cursor were pruned). */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordActivity: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "task_completed",
                 *       "task_id": "daily-quiz"
                 *     }
                 */
                "application/json": {
                    /** @description login, task_completed, or any lowercase identifier the integrator uses */
                    type: string;
                    /** @description Which task was completed */
                    task_id?: string;
                    /**
                     * Format: date-time
                     * @description Default: now
                     */
                    occurred_at?: string;
                    /** @description Free-form details, kept with the activity */
                    data?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The activity recorded and the points it earned (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "activity": {
                     *         "id": "act_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "type",
                     *         "task_id": null,
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "data": {
                     *           "AZN": null
                     *         }
                     *       },
                     *       "extension": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ActivityRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `limit_exceeded` (A per-member limit would be exceeded: `limit`, `cap`, `remaining` (and `currency` for money limits)); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    renewExpiredPoints: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Member id (TypeID with prefix mem_)
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The renewal recorded and the points renewed (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "transaction": {
                     *         "id": "txn_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "type": "earn",
                     *         "points": 120,
                     *         "resource_id": null,
                     *         "ref_id": null,
                     *         "external_ref": "CRM-10042",
                     *         "occurred_at": "2026-03-01T09:30:00.000Z",
                     *         "recorded_at": "2026-03-01T09:30:00.000Z",
                     *         "version": 120,
                     *         "data": {
                     *           "amount": 120,
                     *           "currency": "AZN",
                     *           "rate": 1.5,
                     *           "store_id": "store-7",
                     *           "lines": [
                     *             {
                     *               "sku": "sku",
                     *               "brand": null,
                     *               "category": null,
                     *               "quantity": 120,
                     *               "unit_price": 120,
                     *               "amount": 120
                     *             }
                     *           ],
                     *           "debt_paid": 120,
                     *           "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *         },
                     *         "entries": [
                     *           {
                     *             "account": "available",
                     *             "amount": 120
                     *           }
                     *         ],
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z"
                     *       },
                     *       "balance": {
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "available": 120,
                     *         "pending": 120,
                     *         "held": 120,
                     *         "debt": 120,
                     *         "lifetime": {
                     *           "earned": 120,
                     *           "redeemed": 120,
                     *           "expired": 120
                     *         },
                     *         "tier": {
                     *           "name": "Aysel Mammadova",
                     *           "qualifying_points": 120,
                     *           "next_tier": null,
                     *           "points_to_next": 120
                     *         },
                     *         "expiring": [
                     *           {
                     *             "date": "date",
                     *             "points": 120
                     *           }
                     *         ],
                     *         "version": 120
                     *       },
                     *       "renewal": {
                     *         "id": "rnw_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "points": 120,
                     *         "expire_transaction_ids": [
                     *           "expire transaction ids"
                     *         ],
                     *         "lot_id": "lot_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *         "expires_at": "2026-03-01T09:30:00.000Z",
                     *         "created_at": "2026-03-01T09:30:00.000Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RenewalRecorded"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `nothing_to_renew` (The member has no expired points to renew); `already_renewed` (The points were already renewed); `renewal_window_closed` (The renewal window closed). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `member_pending` (The member has not verified their phone yet (POST /v1/members/{id}/verify): no earning or spending until then); `member_deactivated` (The member is deactivated); `idempotency_key_reused` (The Idempotency-Key was used with another request); `balance_limit_exceeded` (A balance figure would pass the maximum (`max_balance`)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member is blocked. Codes: `member_blocked` (The member is blocked (by an admin, or by the `rule` named, with its `reason`)). */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of webhook endpoints, without secrets */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "whk_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "url": "https://crm.example.com/hooks/loyalty",
                     *           "description": "CRM sync",
                     *           "event_types": [
                     *             "event types"
                     *           ],
                     *           "enabled": false,
                     *           "disabled_reason": null,
                     *           "failing_since": null,
                     *           "created_at": "2026-03-01T09:30:00.000Z",
                     *           "updated_at": "2026-03-01T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://crm.example.com/hooks/loyalty",
                 *       "event_types": [
                 *         "points.earned",
                 *         "tier.changed"
                 *       ],
                 *       "description": "CRM sync"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: uri
                     * @description Where deliveries are POSTed; redirects are not followed. It must not contain a user name or password. Unless the operator allows private networks, it must not name localhost or a non-public IP address (loopback, private, link-local), and a host that resolves to one is refused when delivering.
                     */
                    url: string;
                    /** @description Event types to deliver; empty or absent: every type */
                    event_types?: ("member.enrolled" | "member.updated" | "member.blocked" | "member.unblocked" | "member.birthday_upcoming" | "member.inactive" | "member.otp_requested" | "member.verified" | "points.earned" | "points.returned" | "points.redeemed" | "points.reversed" | "points.adjusted" | "points.matured" | "points.expiring" | "points.expired" | "points.renewable" | "points.renewed" | "points.decayed" | "points.extended" | "points.debt_paid" | "hold.created" | "hold.captured" | "hold.voided" | "hold.expired" | "conversion.completed" | "wallet.credited" | "wallet.debited" | "wallet.held" | "wallet.hold_released" | "gift_card.issued" | "gift_card.otp_requested" | "gift_card.spent" | "gift_card.transferred" | "gift_card.expired" | "tier.changed" | "promotion.applied" | "promo_code.issued" | "promo_code.redeemed" | "promotion.revoked")[];
                    description?: string;
                    /** @description Default: true */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The endpoint registered; its signing secret is shown only in this response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "whk_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "url": "https://crm.example.com/hooks/loyalty",
                     *       "description": "CRM sync",
                     *       "event_types": [
                     *         "event types"
                     *       ],
                     *       "enabled": false,
                     *       "disabled_reason": null,
                     *       "failing_since": null,
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z",
                     *       "secret": "secret"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Webhook endpoint id (TypeID with prefix whk_)
                 * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook endpoint, without its secret */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "whk_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "url": "https://crm.example.com/hooks/loyalty",
                     *       "description": "CRM sync",
                     *       "event_types": [
                     *         "event types"
                     *       ],
                     *       "enabled": false,
                     *       "disabled_reason": null,
                     *       "failing_since": null,
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `webhook_not_found` (No such webhook endpoint). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Webhook endpoint id (TypeID with prefix whk_)
                 * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; no body */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `webhook_not_found` (No such webhook endpoint). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Webhook endpoint id (TypeID with prefix whk_)
                 * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "enabled": true
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: uri
                     * @description Where deliveries are POSTed; redirects are not followed. It must not contain a user name or password. Unless the operator allows private networks, it must not name localhost or a non-public IP address (loopback, private, link-local), and a host that resolves to one is refused when delivering.
                     */
                    url?: string;
                    /** @description Event types to deliver; empty or absent: every type */
                    event_types?: ("member.enrolled" | "member.updated" | "member.blocked" | "member.unblocked" | "member.birthday_upcoming" | "member.inactive" | "member.otp_requested" | "member.verified" | "points.earned" | "points.returned" | "points.redeemed" | "points.reversed" | "points.adjusted" | "points.matured" | "points.expiring" | "points.expired" | "points.renewable" | "points.renewed" | "points.decayed" | "points.extended" | "points.debt_paid" | "hold.created" | "hold.captured" | "hold.voided" | "hold.expired" | "conversion.completed" | "wallet.credited" | "wallet.debited" | "wallet.held" | "wallet.hold_released" | "gift_card.issued" | "gift_card.otp_requested" | "gift_card.spent" | "gift_card.transferred" | "gift_card.expired" | "tier.changed" | "promotion.applied" | "promo_code.issued" | "promo_code.redeemed" | "promotion.revoked")[];
                    description?: string | null;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The endpoint as changed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "whk_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "url": "https://crm.example.com/hooks/loyalty",
                     *       "description": "CRM sync",
                     *       "event_types": [
                     *         "event types"
                     *       ],
                     *       "enabled": false,
                     *       "disabled_reason": null,
                     *       "failing_since": null,
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "updated_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `webhook_not_found` (No such webhook endpoint). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                status?: "pending" | "succeeded" | "failed";
            };
            header?: never;
            path: {
                /**
                 * @description Webhook endpoint id (TypeID with prefix whk_)
                 * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the endpoint's deliveries, each with its attempts */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "wdl_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "webhook_id": "whk_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "event_id": "evt_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "event_type": "event type",
                     *           "status": "pending",
                     *           "attempt_count": 120,
                     *           "next_attempt_at": "2026-03-01T09:30:00.000Z",
                     *           "last_status_code": 120,
                     *           "last_error": null,
                     *           "created_at": "2026-03-01T09:30:00.000Z",
                     *           "completed_at": "2026-03-01T09:30:00.000Z",
                     *           "attempts": [
                     *             {
                     *               "attempt": 120,
                     *               "started_at": "2026-03-01T09:30:00.000Z",
                     *               "duration_ms": 120,
                     *               "status_code": 120,
                     *               "error": null,
                     *               "response": null
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `webhook_not_found` (No such webhook endpoint). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Webhook endpoint id (TypeID with prefix whk_)
                 * @example whk_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
                /**
                 * @description Webhook delivery id (TypeID with prefix wdl_)
                 * @example wdl_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery queued again */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "wdl_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "webhook_id": "whk_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "event_id": "evt_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "event_type": "event type",
                     *       "status": "pending",
                     *       "attempt_count": 120,
                     *       "next_attempt_at": "2026-03-01T09:30:00.000Z",
                     *       "last_status_code": 120,
                     *       "last_error": null,
                     *       "created_at": "2026-03-01T09:30:00.000Z",
                     *       "completed_at": "2026-03-01T09:30:00.000Z",
                     *       "attempts": [
                     *         {
                     *           "attempt": 120,
                     *           "started_at": "2026-03-01T09:30:00.000Z",
                     *           "duration_ms": 120,
                     *           "status_code": 120,
                     *           "error": null,
                     *           "response": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `webhook_not_found` (No such webhook endpoint); `webhook_delivery_not_found` (No such delivery of this endpoint). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `delivery_in_progress` (The delivery is being attempted now). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPromotions: {
        parameters: {
            query?: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /** @description Only promotions with this status */
                status?: "active" | "paused" | "ended";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of promotions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "version": 1,
                     *           "name": "Weekend 10 % off shoes",
                     *           "description": null,
                     *           "status": "active",
                     *           "visibility": "visible",
                     *           "stackable": false,
                     *           "priority": 0,
                     *           "effect": {
                     *             "type": "percent_off",
                     *             "percent": 10
                     *           },
                     *           "scope": {
                     *             "categories": [
                     *               "shoes"
                     *             ]
                     *           },
                     *           "conditions": {
                     *             "days_of_week": [
                     *               6,
                     *               7
                     *             ],
                     *             "hours": {
                     *               "from": "10:00",
                     *               "to": "22:00"
                     *             },
                     *             "requires_code": false
                     *           },
                     *           "limits": {
                     *             "per_member": 1
                     *           },
                     *           "preset": null,
                     *           "created_at": "2026-12-01T09:00:00.000Z",
                     *           "updated_at": "2026-12-01T09:00:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["PromotionPage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPromotion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromotionCreate"];
            };
        };
        responses: {
            /** @description The promotion created (or, with Idempotent-Replayed: true, the first answer to this Idempotency-Key) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "version": 1,
                     *       "name": "Weekend 10 % off shoes",
                     *       "description": null,
                     *       "status": "active",
                     *       "visibility": "visible",
                     *       "stackable": false,
                     *       "priority": 0,
                     *       "effect": {
                     *         "type": "percent_off",
                     *         "percent": 10
                     *       },
                     *       "scope": {
                     *         "categories": [
                     *           "shoes"
                     *         ]
                     *       },
                     *       "conditions": {
                     *         "days_of_week": [
                     *           6,
                     *           7
                     *         ],
                     *         "hours": {
                     *           "from": "10:00",
                     *           "to": "22:00"
                     *         },
                     *         "requires_code": false
                     *       },
                     *       "limits": {
                     *         "per_member": 1
                     *       },
                     *       "preset": null,
                     *       "created_at": "2026-12-01T09:00:00.000Z",
                     *       "updated_at": "2026-12-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `too_many_active_promotions` (The program has max_active_promotions active promotions (`max_active_promotions`, `active`)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `invalid_promotion` (The promotion breaks a rule between its fields or against the program; `errors` points at each one); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPresetPromotions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description The preset */
                preset: "first_purchase" | "threshold_coupon" | "repeat_buyer" | "double_bonus" | "campaign" | "birthday" | "win_back";
            };
            cookie?: never;
        };
        /** @description The preset's parameters */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "threshold": {
                 *         "amount": 10000,
                 *         "currency": "USD"
                 *       },
                 *       "reward": {
                 *         "amount": 1000,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description The promotions the preset created (or the first answer, replayed) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "promotions": [
                     *         {
                     *           "id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "version": 1,
                     *           "name": "Weekend 10 % off shoes",
                     *           "description": null,
                     *           "status": "active",
                     *           "visibility": "visible",
                     *           "stackable": false,
                     *           "priority": 0,
                     *           "effect": {
                     *             "type": "percent_off",
                     *             "percent": 10
                     *           },
                     *           "scope": {
                     *             "categories": [
                     *               "shoes"
                     *             ]
                     *           },
                     *           "conditions": {
                     *             "days_of_week": [
                     *               6,
                     *               7
                     *             ],
                     *             "hours": {
                     *               "from": "10:00",
                     *               "to": "22:00"
                     *             },
                     *             "requires_code": false
                     *           },
                     *           "limits": {
                     *             "per_member": 1
                     *           },
                     *           "preset": null,
                     *           "created_at": "2026-12-01T09:00:00.000Z",
                     *           "updated_at": "2026-12-01T09:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PresetPromotions"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `too_many_active_promotions` (The program has max_active_promotions active promotions (`max_active_promotions`, `active`)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `invalid_promotion` (The promotion breaks a rule between its fields or against the program; `errors` points at each one); `invalid_preset_params` (The preset's parameters are invalid; `errors` points at each one); `idempotency_key_reused` (The Idempotency-Key was used with another request). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPromotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Promotion id (TypeID with prefix prm_)
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The promotion */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "version": 1,
                     *       "name": "Weekend 10 % off shoes",
                     *       "description": null,
                     *       "status": "active",
                     *       "visibility": "visible",
                     *       "stackable": false,
                     *       "priority": 0,
                     *       "effect": {
                     *         "type": "percent_off",
                     *         "percent": 10
                     *       },
                     *       "scope": {
                     *         "categories": [
                     *           "shoes"
                     *         ]
                     *       },
                     *       "conditions": {
                     *         "days_of_week": [
                     *           6,
                     *           7
                     *         ],
                     *         "hours": {
                     *           "from": "10:00",
                     *           "to": "22:00"
                     *         },
                     *         "requires_code": false
                     *       },
                     *       "limits": {
                     *         "per_member": 1
                     *       },
                     *       "preset": null,
                     *       "created_at": "2026-12-01T09:00:00.000Z",
                     *       "updated_at": "2026-12-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `promotion_not_found` (No such promotion in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updatePromotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Promotion id (TypeID with prefix prm_)
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromotionPatch"];
            };
        };
        responses: {
            /** @description The promotion as changed, with its version bumped */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "version": 1,
                     *       "name": "Weekend 10 % off shoes",
                     *       "description": null,
                     *       "status": "active",
                     *       "visibility": "visible",
                     *       "stackable": false,
                     *       "priority": 0,
                     *       "effect": {
                     *         "type": "percent_off",
                     *         "percent": 10
                     *       },
                     *       "scope": {
                     *         "categories": [
                     *           "shoes"
                     *         ]
                     *       },
                     *       "conditions": {
                     *         "days_of_week": [
                     *           6,
                     *           7
                     *         ],
                     *         "hours": {
                     *           "from": "10:00",
                     *           "to": "22:00"
                     *         },
                     *         "requires_code": false
                     *       },
                     *       "limits": {
                     *         "per_member": 1
                     *       },
                     *       "preset": null,
                     *       "created_at": "2026-12-01T09:00:00.000Z",
                     *       "updated_at": "2026-12-01T09:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `promotion_not_found` (No such promotion in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `too_many_active_promotions` (The program has max_active_promotions active promotions (`max_active_promotions`, `active`)); `limit_below_used` (total_uses or the budget would be lowered by more than is left of it (`limit`, `left`; `errors` points at it)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `invalid_promotion` (The promotion breaks a rule between its fields or against the program; `errors` points at each one). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPromoCodes: {
        parameters: {
            query: {
                /** @description Page size (1-200) */
                limit?: number;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /**
                 * @description Promotion id (TypeID with prefix prm_)
                 * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                promotion_id: string;
                /**
                 * @description Only the codes bound to this member
                 * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                member_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the promotion's codes, by code, without PINs */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "code": "2026-03-01",
                     *           "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "has_pin": false,
                     *           "max_uses": 120,
                     *           "uses": 120,
                     *           "valid_from": "2026-03-01T09:30:00.000Z",
                     *           "valid_until": "2026-03-01T09:30:00.000Z",
                     *           "status": "active",
                     *           "locked_at": "2026-03-01T09:30:00.000Z",
                     *           "revoked_at": "2026-03-01T09:30:00.000Z",
                     *           "batch_id": "pcb_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "issued_by_purchase": null,
                     *           "created_at": "2026-03-01T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": components["schemas"]["PromoCodePage"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issuePromoCodes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The promotion the codes unlock
                     * @example prm_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    promotion_id: string;
                    /** @description One shared code, your own text (trimmed, upper-cased). Give this or count. */
                    code?: string;
                    /** @description A batch of this many generated codes (10 characters of Crockford base32). Give this or code. */
                    count?: number;
                    /**
                     * @description Bind the codes to this member: they work only in their purchases
                     * @example mem_01jdq3v7f8e9t0sw2p1x5m3k4z
                     */
                    member_id?: string;
                    /** @description Or bind them to the program's member with this phone (exactly one member must have it) */
                    phone?: string;
                    /** @description A PIN the purchase must present with the code: 4 to 8 digits (every code of the batch gets it), or "generate": a random 4-digit PIN per code, shown in this response only (at most 1000 codes). PINs are stored hashed; 5 wrong PINs lock a code. */
                    pin?: string | "generate";
                    /** @description Uses of each code in all (default 1) */
                    max_uses?: number;
                    /**
                     * Format: date-time
                     * @description Not usable before this instant (default: at once)
                     */
                    valid_from?: string;
                    /**
                     * Format: date-time
                     * @description Not usable from this instant on (default: no end)
                     */
                    valid_until?: string;
                };
            };
        };
        responses: {
            /** @description The codes issued; generated PINs are shown only in this response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "batch_id": "pcb_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "codes": [
                     *         {
                     *           "code": "2026-03-01",
                     *           "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "has_pin": false,
                     *           "max_uses": 120,
                     *           "uses": 120,
                     *           "valid_from": "2026-03-01T09:30:00.000Z",
                     *           "valid_until": "2026-03-01T09:30:00.000Z",
                     *           "status": "active",
                     *           "locked_at": "2026-03-01T09:30:00.000Z",
                     *           "revoked_at": "2026-03-01T09:30:00.000Z",
                     *           "batch_id": "pcb_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *           "issued_by_purchase": null,
                     *           "created_at": "2026-03-01T09:30:00.000Z",
                     *           "pin": "pin"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["IssuedPromoCodes"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `member_not_found` (No such member in this program); `promotion_not_found` (No such promotion in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state. Codes: `promo_code_taken` (The shared code already exists in this program (`errors` points at /code)). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `idempotency_key_reused` (The Idempotency-Key was used with another request); `member_phone_unknown` (No member of the program has this phone (`errors` points at /phone)); `member_phone_ambiguous` (More than one member has this phone: give member_id (`errors` points at /phone)). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPromoCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The code (case and surrounding spaces do not matter) */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The promo code, without its PIN */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "2026-03-01",
                     *       "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "has_pin": false,
                     *       "max_uses": 120,
                     *       "uses": 120,
                     *       "valid_from": "2026-03-01T09:30:00.000Z",
                     *       "valid_until": "2026-03-01T09:30:00.000Z",
                     *       "status": "active",
                     *       "locked_at": "2026-03-01T09:30:00.000Z",
                     *       "revoked_at": "2026-03-01T09:30:00.000Z",
                     *       "batch_id": "pcb_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "issued_by_purchase": null,
                     *       "created_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PromoCode"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `promo_code_not_found` (No such promo code in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokePromoCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The code (case and surrounding spaces do not matter) */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code, revoked */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "2026-03-01",
                     *       "promotion_id": "prm_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "member_id": "mem_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "has_pin": false,
                     *       "max_uses": 120,
                     *       "uses": 120,
                     *       "valid_from": "2026-03-01T09:30:00.000Z",
                     *       "valid_until": "2026-03-01T09:30:00.000Z",
                     *       "status": "active",
                     *       "locked_at": "2026-03-01T09:30:00.000Z",
                     *       "revoked_at": "2026-03-01T09:30:00.000Z",
                     *       "batch_id": "pcb_01jdq3v7f8e9t0sw2p1x5m3k4z",
                     *       "issued_by_purchase": null,
                     *       "created_at": "2026-03-01T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PromoCode"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or belongs to another program). Codes: `route_not_found` (No such route, or an id that cannot exist); `promo_code_not_found` (No such promo code in this program). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runSimulation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "settings": {
                 *         "earn_rates": {
                 *           "AZN": 16
                 *         }
                 *       },
                 *       "from": "2026-01-01T00:00:00Z",
                 *       "to": "2026-02-01T00:00:00Z"
                 *     }
                 */
                "application/json": {
                    /** @description Changed program settings, as in PATCH /v1/program */
                    settings: {
                        /** @description IANA time zone for day and month boundaries */
                        timezone?: string;
                        /** @description Currency withdrawal limits are counted in */
                        home_currency?: string;
                        /** @description Points per 1 unit of each currency, before any rate set */
                        earn_rates?: {
                            [key: string]: number;
                        };
                        /**
                         * @description How fractional points and money round
                         * @enum {string}
                         */
                        rounding?: "floor" | "round" | "ceil";
                        /** @description Return window before earned points become spendable */
                        pending_days?: number;
                        /** @description Lot lifetime once spendable */
                        validity_months?: number;
                        /**
                         * @description debt: points that cannot be clawed back become a debt paid from later earnings; clamp: claw back only what is there
                         * @enum {string}
                         */
                        return_policy?: "debt" | "clamp";
                        /** @description Default lifetime of a hold */
                        hold_ttl_minutes?: number;
                        /** @description Review period, in months, of a currency rate_locks does not name */
                        rate_lock_months?: number;
                        /** @description Each currency's review period: a rate set may change a currency's rate only once this long has passed since the rate last changed */
                        rate_locks?: {
                            [key: string]: {
                                /** @default 0 */
                                months?: number;
                                /** @default 0 */
                                days?: number;
                            };
                        };
                        /** @description Bonus points per purchase in a currency whose rate rose at least threshold_percent over the previous set */
                        rise_bonus?: {
                            threshold_percent: number;
                            points: number;
                        };
                        /** @description Converting points to money (withdrawal) and money to points */
                        conversion?: {
                            /** @description Fee in basis points; below 50 (0.5 %) */
                            fee_bps: number;
                            /** @description Deprecated: the former name of currency_caps, still accepted; a value given here is stored as currency_caps */
                            caps?: {
                                [key: string]: number;
                            };
                        };
                        /** @description Most base points one money→points conversion in a currency yields: a purchase earns at most this many base points, a conversion (either way) involving more is refused. Currencies not named are uncapped. */
                        currency_caps?: {
                            [key: string]: number;
                        };
                        /** @description Per member, in minor units of the home currency, summed at each withdrawal rate */
                        withdrawal_limits?: {
                            per_day: number | null;
                            per_month: number | null;
                        };
                        /** @description VIP levels by qualifying points: the first starts at 0, thresholds strictly increase, names are unique */
                        tiers?: {
                            name: string;
                            /** @description Qualifying points needed */
                            threshold: number;
                            /** @description Earn multiplier on purchases */
                            multiplier: number;
                            /** @description Points paid by the tier-benefits job, at most once per member per period */
                            benefit: {
                                points: number;
                                /** @enum {string} */
                                period: "active_day" | "week" | "month";
                            } | null;
                            /**
                             * @description Members of this tier earn past the program's earn caps (earn_limits); the velocity rule still applies
                             * @default false
                             */
                            caps_exempt?: boolean;
                        }[];
                        /** @description Qualifying points are points earned in this rolling window */
                        tier_window_months?: number;
                        /** @description Tiers a member may drop at one review */
                        tier_downgrade_steps?: number;
                        /** @description Caps in points; null means no cap. Days and months are in the program time zone. */
                        earn_limits?: {
                            per_transaction: number | null;
                            per_day: number | null;
                            per_month: number | null;
                        };
                        /** @description Caps in points; null means no cap. Days and months are in the program time zone. */
                        redeem_limits?: {
                            per_transaction: number | null;
                            per_day: number | null;
                            per_month: number | null;
                        };
                        /** @description A member with more transactions, or more points moved, in the sliding window is blocked; null turns it off */
                        velocity?: {
                            window_minutes: number;
                            max_transactions: number;
                            max_points: number;
                        } | null;
                        /** @description points.expiring is raised this long before a lot expires, once per member and expiry date */
                        expiry_warning_hours?: number;
                        /** @description For this long after points expire they can be renewed, once; 0 turns renewal off */
                        renewal_window_hours?: number;
                        /** @description The first completed task of a day extends the member's soonest-expiring points by this many days; 0 turns it off */
                        task_extension_days?: number;
                        /** @description Inactivity decay; null turns it off */
                        inactivity_decay?: {
                            /** @description Days without activity or purchase per decay period */
                            after_days: number;
                            /** @description Share of the available balance deducted per period (rounded down) */
                            percent: number;
                        } | null;
                        /** @description Birthday notices; null turns them off. 29 February birthdays fall on 28 February in common years. */
                        birthday?: {
                            /** @description member.birthday_upcoming is raised this many local days before the birthday */
                            days_before: number;
                            /** @description How long after the birthday the offer stays valid (in the event) */
                            offer_valid_days: number;
                        } | null;
                        /** @description Win-back milestones; null turns them off */
                        win_back?: {
                            /** @description First member.inactive after this many days without a purchase */
                            first_days: number;
                            /** @description Later member.inactive milestones, in months without a purchase */
                            months: number[];
                            /** @description After this many months without a purchase the member is marked lost */
                            lost_after_months: number;
                        } | null;
                        /** @description What one point is worth to the customer, in minor units of home_currency (may be fractional, e.g. 0.5): choosing the best promotion compares points with money at this value */
                        point_value?: number;
                        /** @description Most a brand's lines may be discounted by all promotions together, in percent of their amount; brands not named are uncapped */
                        brand_discount_caps?: {
                            [key: string]: number;
                        };
                        /** @description Most promotions a program may have active at once */
                        max_active_promotions?: number;
                        /** @description Bonus on points transferred in from a partner platform, in whole percent, rounded down (10: 1,000 points credit 1,100; 15 credit 16); 0 turns it off */
                        partner_transfer_bonus_percent?: number;
                    };
                    /**
                     * Format: date-time
                     * @description RFC 3339 timestamp
                     */
                    from: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 timestamp
                     */
                    to: string;
                };
            };
        };
        responses: {
            /** @description The baseline and simulated outcomes of the period's purchases, and their differences (nothing was written) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "from",
                     *       "to": "to",
                     *       "purchases": {
                     *         "in_period": 120,
                     *         "replayed": {
                     *           "baseline": 120,
                     *           "simulated": 120
                     *         },
                     *         "refused": {
                     *           "baseline": 120,
                     *           "simulated": 120
                     *         }
                     *       },
                     *       "points_issued": {
                     *         "baseline": 120,
                     *         "simulated": 120,
                     *         "difference": 120
                     *       },
                     *       "liability_at_end": {
                     *         "baseline": {
                     *           "points": 120,
                     *           "value": 120,
                     *           "currency": "AZN"
                     *         },
                     *         "simulated": {
                     *           "points": 120,
                     *           "value": 120,
                     *           "currency": "AZN"
                     *         },
                     *         "difference": {
                     *           "points": 120
                     *         }
                     *       },
                     *       "tier_counts": {
                     *         "AZN": {
                     *           "baseline": 120,
                     *           "simulated": 120,
                     *           "difference": 120
                     *         }
                     *       },
                     *       "breakdown": {
                     *         "tier": {
                     *           "AZN": {
                     *             "baseline": 120,
                     *             "simulated": 120,
                     *             "difference": 120
                     *           }
                     *         },
                     *         "branch": {
                     *           "AZN": {
                     *             "baseline": 120,
                     *             "simulated": 120,
                     *             "difference": 120
                     *           }
                     *         }
                     *       },
                     *       "elapsed_ms": 120
                     *     }
                     */
                    "application/json": components["schemas"]["Simulation"];
                };
            };
            /** @description Invalid request. Codes: `validation_failed` (A field is missing or invalid; `errors` points at each one); `malformed_json` (The body is not well-formed JSON); `bad_request` (The request cannot be read (a malformed URL or header)). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials. Codes: `unauthenticated` (No API key, or one that is not valid or has been revoked). */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key lacks the required role. Codes: `forbidden` (The key's role may not call this operation). */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but breaks a business rule. Codes: `invalid_settings` (The settings break a rule; `errors` points at each one); `invalid_period` (The period is empty, reversed or in the future (`errors` points at the field)); `simulation_too_large` (The period is longer, or holds more purchases, than one simulation may replay (SIMULATION_MAX_DAYS, SIMULATION_MAX_PURCHASES)); `simulation_timeout` (The simulation ran past SIMULATION_TIMEOUT_MS and was rolled back; replay a shorter period). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit reached; see Retry-After. Codes: `rate_limited` (Rate limit reached; retry after Retry-After seconds). */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Internal error (details are logged, never returned). Codes: `internal_error` (A bug on our side; quote the request_id). */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Overloaded or database unavailable; see Retry-After. Codes: `overloaded` (The service is busy; retry after Retry-After seconds); `database_unavailable` (The database does not answer; retry after Retry-After seconds). */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    onMemberEnrolled: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberEnrolledEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberUpdated: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUpdatedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberBlocked: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberBlockedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberUnblocked: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUnblockedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberBirthdayUpcoming: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberBirthdayUpcomingEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberInactive: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberInactiveEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberOtpRequested: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberOtpRequestedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onMemberVerified: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberVerifiedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsEarned: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsEarnedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsReturned: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsReturnedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsRedeemed: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsRedeemedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsReversed: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsReversedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsAdjusted: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsAdjustedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsMatured: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsMaturedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsExpiring: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsExpiringEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsExpiredEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsRenewable: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsRenewableEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsRenewed: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsRenewedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsDecayed: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsDecayedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsExtended: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsExtendedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPointsDebtPaid: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsDebtPaidEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onHoldCreated: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldCreatedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onHoldCaptured: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldCapturedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onHoldVoided: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldVoidedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onHoldExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldExpiredEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onConversionCompleted: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversionCompletedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWalletCredited: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WalletCreditedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWalletDebited: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WalletDebitedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWalletHeld: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WalletHeldEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWalletHoldReleased: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WalletHoldReleasedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGiftCardIssued: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardIssuedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGiftCardOtpRequested: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardOtpRequestedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGiftCardSpent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardSpentEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGiftCardTransferred: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardTransferredEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGiftCardExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardExpiredEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTierChanged: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TierChangedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPromotionApplied: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromotionAppliedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPromoCodeIssued: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromoCodeIssuedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPromoCodeRedeemed: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromoCodeRedeemedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPromotionRevoked: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (evt_...): the same on every retry of a delivery; use it to drop duplicates.
                 * @example evt_01jdq3v7f8e9t0sw2p1x5m3k4z
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed; reject values far from your clock to stop replays.
                 * @example 1772359200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (the part after `whsec_`, base64-decoded).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromotionRevokedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx status counts as delivered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Rejected (for example a bad signature). Any status other than 2xx is a failed attempt, and is retried. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
