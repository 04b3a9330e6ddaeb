package dev.reddot.broker.security;

import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.Scope;

/**
 * In token mode every principal (a token's scope and subject) has client ids of its own: the broker knows the client
 * id {@code x} that alice's user token connects with as {@code user:alice:x}. Two principals using the same client id
 * therefore never meet: neither takes over the other's session, nor disconnects its connection, nor obtains its
 * rights. A refusal rule ("a client id in use by another subject is refused") would let whoever connects first squat
 * a client id, the gateway's included; namespaces leave nothing to squat. The client never sees the namespace.
 */
public final class ClientIdNamespace {

    private static final char SEPARATOR = ':';

    private ClientIdNamespace() {
    }

    /** A principal's client id as the broker knows it. */
    public static String of(AccessToken token, String clientId) {
        return prefix(token.scope(), token.subject()) + clientId;
    }

    /** Whether {@code namespaced} is a client id of the token's principal. */
    static boolean belongsTo(String namespaced, AccessToken token) {
        return namespaced.startsWith(prefix(token.scope(), token.subject()));
    }

    /** A subject with the separator in it could pose as another principal's namespace: such tokens are refused. */
    static boolean isUsable(String subject) {
        return subject.indexOf(SEPARATOR) < 0;
    }

    /** Whether this client id is in the namespace of a device or a user, not a service's and not open mode's. */
    public static boolean isOfDeviceOrUser(String namespaced) {
        return scopeOf(namespaced).filter(scope -> scope != Scope.ADMIN).isPresent();
    }

    /** Whether this client id is in the namespace of a service ({@code admin}), whose limits are not counted. */
    public static boolean isOfService(String namespaced) {
        return scopeOf(namespaced).filter(scope -> scope == Scope.ADMIN).isPresent();
    }

    /**
     * The namespace of a device's or a user's client id ({@code device:d1:} for {@code device:d1:x}), which the
     * per-subject caps count by; empty for a service's client id and one outside every namespace.
     */
    public static Optional<String> principalOf(String namespaced) {
        Optional<Scope> scope = scopeOf(namespaced).filter(found -> found != Scope.ADMIN);
        return scope.flatMap(found -> subjectOf(namespaced).map(subject -> prefix(found, subject)));
    }

    /** The scope of the principal whose client id this is; empty for a client id outside every namespace. */
    static Optional<Scope> scopeOf(String namespaced) {
        int end = namespaced.indexOf(SEPARATOR);
        return end < 0 ? Optional.empty() : Scope.ofClaim(namespaced.substring(0, end));
    }

    /** The subject of the principal whose client id this is; empty for a client id outside every namespace. */
    static Optional<String> subjectOf(String namespaced) {
        int start = namespaced.indexOf(SEPARATOR);
        int end = start < 0 ? -1 : namespaced.indexOf(SEPARATOR, start + 1);
        return end < 0 ? Optional.empty() : Optional.of(namespaced.substring(start + 1, end));
    }

    private static String prefix(Scope scope, String subject) {
        return scope.claim() + SEPARATOR + subject + SEPARATOR;
    }
}
