package dev.reddot.protocol.security;

import java.util.Locale;
import java.util.Optional;

/** What a token lets its subject do: the {@code scope} claim. */
public enum Scope {

    /** A person: reads their own unread count. */
    USER,
    /** A sensor: publishes under {@code devices/{sub}/}. */
    DEVICE,
    /** A Reddot service or an operator: anything. */
    ADMIN;

    /** The claim's value: {@code user}, {@code device} or {@code admin}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> ofClaim(String claim) {
        for (Scope scope : values()) {
            if (scope.claim().equals(claim)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
