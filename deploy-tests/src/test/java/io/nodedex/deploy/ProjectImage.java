package io.nodedex.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The project's image, built from {@code docker/Dockerfile} as {@code docker build -f
 * docker/Dockerfile .} would at the repository's root, with the build context that
 * {@code .dockerignore} leaves: the wrapper, the poms, each module's main sources and
 * {@code docker/}. Built once per test run, when first asked for, and removed at its end.
 */
final class ProjectImage {

    /** The repository's root (the surefire configuration of this module names it). */
    static final Path REPOSITORY = Path.of(System.getProperty("nodedex.repository", "..")).toAbsolutePath().normalize();

    private static final ImageFromDockerfile IMAGE = build();

    private ProjectImage() {
    }

    /** The image, built on first use. */
    static ImageFromDockerfile get() {
        return IMAGE;
    }

    private static ImageFromDockerfile build() {
        // the Dockerfile named by its path in the context: withDockerfile(Path) would take the
        // Dockerfile's own directory (docker/) for the context's root
        @SuppressWarnings("deprecation")
        ImageFromDockerfile image = new ImageFromDockerfile("nodedex-deploy-test", true)
                .withDockerfilePath("docker/Dockerfile");
        for (String path : List.of("mvnw", ".mvn", "pom.xml", ".dockerignore", "docker")) {
            image.withFileFromPath(path, REPOSITORY.resolve(path));
        }
        for (Path module : modules()) {
            String name = module.getFileName().toString();
            image.withFileFromPath(name + "/pom.xml", module.resolve("pom.xml"));
            if (Files.isDirectory(module.resolve("src/main"))) {
                image.withFileFromPath(name + "/src/main", module.resolve("src/main"));
            }
        }
        return image;
    }

    /** Every module directory: a directory of the root with a pom.xml. */
    private static List<Path> modules() {
        try (Stream<Path> entries = Files.list(REPOSITORY)) {
            return entries.filter(entry -> Files.isRegularFile(entry.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the modules of " + REPOSITORY, e);
        }
    }
}
