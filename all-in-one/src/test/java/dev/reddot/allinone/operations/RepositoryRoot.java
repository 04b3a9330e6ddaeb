package dev.reddot.allinone.operations;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reactor's root folder, where the deployment files live; tests run in a module's folder. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("all-in-one"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No reactor root above " + Path.of("").toAbsolutePath());
    }
}
