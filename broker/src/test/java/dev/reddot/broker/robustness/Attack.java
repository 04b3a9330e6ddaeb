package dev.reddot.broker.robustness;

/** The families of hostile input, one per connection; each is written into a script by {@link AttackScripts}. */
enum Attack {
    RANDOM_BYTES("random bytes, with or without a valid CONNECT first"),
    MUTATED_PACKETS("valid packets with flipped bits, cut or padded bodies, lying remaining lengths"),
    BAD_REMAINING_LENGTH("remaining lengths of five bytes, 2^28, the maximum, non-minimal, never-ending"),
    TRUNCATED_PACKETS("packets cut short, followed by a pause, the next packet or a close"),
    WRONG_PROTOCOL("CONNECT with wrong protocol levels, names and reserved flags"),
    MALFORMED_UTF8("overlong NUL, surrogates, U+0000 and invalid bytes in client ids, user names, topics, filters"),
    MALFORMED_SHARE("SUBSCRIBE to $share/, $share//t, $share/g, $share/g#/t, $share/g+/t and friends"),
    SECOND_CONNECT("a second CONNECT on a connected channel"),
    BEFORE_CONNECT("SUBSCRIBE, PUBLISH, acknowledgements and PINGREQ before any CONNECT"),
    HUGE_PUBLISH("a PUBLISH that declares 10 MB and sends only part of it");

    final String description;

    Attack(String description) {
        this.description = description;
    }
}
