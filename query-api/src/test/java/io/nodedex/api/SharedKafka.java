package io.nodedex.api;

import io.nodedex.kafka.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real KRaft broker for every test class of the run (started on first use, closed when the
 * run ends), injected as an {@link EmbeddedKafkaBroker} parameter. Each class uses its own
 * topics.
 */
final class SharedKafka implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafka.class);

    private record Holder(EmbeddedKafkaBroker broker)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            broker.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("broker", key -> new Holder(EmbeddedKafkaBroker.start()), Holder.class)
                .broker();
    }
}
