package io.nodedex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running all-in-one (4 hosts, seed 5, any free port, a temporary data directory) shared by
 * every test class that asks for a {@link Running} parameter: started by the first, stopped at the
 * end of the test run (JUnit closes what its root store holds). Tests must not change it (start their own to do that).
 */
final class SharedAllInOne implements ParameterResolver {

    static final long SEED = 5;
    static final int HOSTS = 4;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedAllInOne.class);

    /** The running stack and the stage lines it reported while starting. */
    record Running(AllInOne stack, List<String> stages, Path data) implements AutoCloseable {

        static Running start() {
            try {
                Path data = Files.createTempDirectory("nodedex-all-in-one-");
                List<String> stages = new ArrayList<>();
                AllInOne stack = AllInOne.open(new AllInOne.Settings(data, 0, HOSTS, SEED, Optional.empty(),
                        Optional.empty()));
                stack.start(stages::add);
                return new Running(stack, List.copyOf(stages), data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            stack.close();
            try (Stream<Path> tree = Files.walk(data)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> Running.start(),
                Running.class);
    }
}
