package dev.reddot.publisher.testing;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link PublisherStack} per {@link Store} for all the test classes of a run (started on first use, closed
 * at the end), and one PostgreSQL cluster for every stack that needs one. Register it with
 * {@code @RegisterExtension static final SharedStacks stacks = new SharedStacks();}.
 */
public final class SharedStacks implements BeforeAllCallback {

    /** Small batches, so that a few hundred recipients already make several fan-out transactions. */
    public static final int FAN_OUT_BATCH = 100;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStacks.class);

    private ExtensionContext.Store root;

    @Override
    public void beforeAll(ExtensionContext context) {
        root = context.getRoot().getStore(NAMESPACE);
    }

    /** The shared stack of this store; aborts (skips) the test where PostgreSQL is not installed. */
    public PublisherStack of(Store store) {
        if (store == Store.POSTGRESQL) {
            postgres(); // first, so that the store closes it after the stacks that use it
        }
        return root.computeIfAbsent(store, key -> PublisherStack.start(store, this::postgres,
                Map.of("reddot.fan-out.batch-size", Integer.toString(FAN_OUT_BATCH))), PublisherStack.class);
    }

    /** A stack of its own, for tests that stop the broker or the publisher; the caller closes it. */
    public PublisherStack ownStack(Store store) {
        return ownStack(store, Map.of());
    }

    /** A stack of its own with these settings, e.g. group commit turned off; the caller closes it. */
    public PublisherStack ownStack(Store store, Map<String, String> settings) {
        if (store == Store.POSTGRESQL) {
            postgres();
        }
        return PublisherStack.start(store, this::postgres, settings);
    }

    private EmbeddedPostgres postgres() {
        Assumptions.assumeTrue(EmbeddedPostgres.binaries().isPresent(),
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql");
        return root.computeIfAbsent("postgres", key -> EmbeddedPostgres.start(EmbeddedPostgres.binaries().orElseThrow()),
                EmbeddedPostgres.class);
    }
}
