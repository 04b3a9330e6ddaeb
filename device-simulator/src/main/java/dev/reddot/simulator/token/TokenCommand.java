package dev.reddot.simulator.token;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.reddot.protocol.Ids;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code token alice --scope user --secret …}: prints a token signed with the installation's
 * {@code reddot.security.jwt-secret}, and nothing else, so that {@code TOKEN=$(java -jar reddot-simulator.jar token …)}
 * works.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints a Reddot access token (JWT, HS256) for SUBJECT, signed with the installation's secret.",
                "MQTT: user name = SUBJECT, password = the token. HTTP: Authorization: Bearer <token>, "
                        + "or ?access_token=<token> for EventSource, WebSocket and iframe."})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBJECT",
            description = "The token's sub: a userId (scope user), a deviceId (scope device), or any name for admin.")
    String subject;

    @Option(names = "--scope", defaultValue = "user", paramLabel = "user|device|admin", converter = ScopeConverter.class,
            description = "user: reads /message/SUBJECT and /push/*/SUBJECT; device: publishes under "
                    + "devices/SUBJECT/; admin: anything, the publisher API included (default: ${DEFAULT-VALUE}).")
    Scope scope;

    @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:REDDOT_SECURITY_JWT_SECRET}",
            description = "reddot.security.jwt-secret of the installation, at least 32 bytes (default: the environment "
                    + "variable REDDOT_SECURITY_JWT_SECRET, which keeps it out of the shell history).")
    String secret;

    @Option(names = "--ttl", defaultValue = "24h", paramLabel = "DURATION",
            description = "How long the token is valid, e.g. 30m, 24h, 8760h (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("give --secret or set REDDOT_SECURITY_JWT_SECRET "
                    + "(the installation's reddot.security.jwt-secret)");
        }
        if (scope != Scope.ADMIN && !Ids.isValid(subject)) {
            throw new IllegalArgumentException("a " + scope.claim() + " token's subject must be a valid id "
                    + "(1 to 64 of A-Z a-z 0-9 _ . @ -): " + subject);
        }
        if (subject.isEmpty() || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("give a subject and a positive --ttl");
        }
        spec.commandLine().getOut().println(new AccessTokens(secret).mint(subject, scope, ttl));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code user}, {@code device} or {@code admin}, as the claim says it. */
    public static final class ScopeConverter implements ITypeConverter<Scope> {
        @Override
        public Scope convert(String value) {
            return Scope.ofClaim(value).orElseThrow(
                    () -> new TypeConversionException("'" + value + "' is not a scope: user, device or admin"));
        }
    }
}
